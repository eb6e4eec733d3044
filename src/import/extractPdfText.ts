/**
 * Text of a PDF, page after page, one text line per line (pdf.js, through unpdf, ends a line
 * where the PDF moves to a new line). Blank lines between paragraphs are not preserved by PDF
 * text extraction; the fiche parser does not rely on them (see ficheTextBlocks.ts).
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { FicheFileError } from './ficheFileError.js';

export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js transfers (detaches) the buffer it is given: work on a copy so the caller's bytes
  // stay usable (e.g. to store the original file after import).
  const copy = bytes.slice();
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    document = await getDocumentProxy(copy, { verbosity: 0 });
  } catch (error) {
    throw new FicheFileError('PDF_UNREADABLE', undefined, { cause: error });
  }
  try {
    const { text } = await extractText(document, { mergePages: false });
    const joined = text.join('\n');
    if (joined.replace(/\s+/gu, '') === '') throw new FicheFileError('PDF_NO_TEXT');
    return joined;
  } catch (error) {
    if (error instanceof FicheFileError) throw error;
    throw new FicheFileError('PDF_UNREADABLE', undefined, { cause: error });
  } finally {
    await document.destroy();
  }
}
