/**
 * Why an uploaded fiche file could not even be read as text. Distinct from "this text is not a
 * fiche" (that is `missingSections` in the parse result): here there is no text to parse at all.
 * The code is stable for callers and tests; the message is French and shown to the person who
 * uploaded the file.
 */
export type FicheFileErrorCode =
  /** Zero bytes, or only blanks. */
  | 'EMPTY_FILE'
  /** Neither decodable text nor a PDF (images, archives, office files…). */
  | 'NOT_TEXT'
  /** Starts like a PDF (or was handed to the PDF reader) but pdf.js cannot open it. */
  | 'PDF_UNREADABLE'
  /** A valid PDF without any text layer (typically a scan). */
  | 'PDF_NO_TEXT';

const DEFAULT_MESSAGES: Record<FicheFileErrorCode, string> = {
  EMPTY_FILE: 'Le fichier est vide.',
  NOT_TEXT: 'Le fichier n’est ni un texte ni un PDF lisible.',
  PDF_UNREADABLE: 'Le PDF est illisible, endommagé ou protégé par un mot de passe.',
  PDF_NO_TEXT:
    'Le PDF ne contient aucun texte exploitable (document scanné ?). Fournissez un PDF texte ou un fichier .txt.',
};

export class FicheFileError extends Error {
  override name = 'FicheFileError';

  constructor(
    readonly code: FicheFileErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
