/**
 * The section headings a fiche may use, with the synonyms seen across providers and catalogues,
 * and the matcher that recognises a heading line. A heading is a whole line (after numbering
 * such as "1." or "II –" is removed) that is exactly one of the known labels, optionally
 * followed by ":" and a value on the same line ("Durée : 3 jours (21 heures)"), or a label
 * wrapped over two lines ("Partenariat &" / "cofinancement"). Matching ignores case, accents,
 * "&" versus "et", hyphens and plural "(s)", nothing else: exact labels keep ordinary sentences
 * from being taken for headings.
 */

/** Sections whose content the parser models. `extra` is known but only kept as text. */
export type FicheSectionKey =
  | 'ficheMarker'
  | 'title'
  | 'sectors'
  | 'public'
  | 'duration'
  | 'provider'
  | 'sessions'
  | 'contact'
  | 'cofunders'
  | 'context'
  | 'objectives'
  | 'prerequisites'
  | 'content'
  | 'extra';

export interface HeadingMatch {
  key: FicheSectionKey;
  /** The heading as written, without trailing ":" ("Partenariat & cofinancement"). */
  heading: string;
  /** Text after "Heading :" on the same line, or null. */
  inlineValue: string | null;
  /** 1, or 2 when the heading wraps onto the next line. */
  lineCount: 1 | 2;
}

/** "1.", "2)", "II –", "3.1" before a heading: document numbering, not part of the label. */
const NUMBERING = /^(?:\d+(?:\.\d+)*|[IVXivx]+)\s*[.)\-–—/]?\s+/u;

const LABELS: Record<FicheSectionKey, readonly string[]> = {
  // Lines that announce the document type: they end the title block.
  ficheMarker: [
    'fiche technique', 'fiche formation', 'fiche de formation', 'fiche action', 'fiche pedagogique',
    'fiche programme', 'fiche descriptive', 'fiche produit',
  ],
  title: [
    'titre', 'intitule', 'intitule de la formation', 'intitule de l action', 'titre de la formation',
    'titre de l action', 'nom de la formation', 'libelle', 'libelle de la formation', 'theme',
  ],
  sectors: ['secteur', 'secteurs', 'secteur d activite', 'secteurs d activite', 'secteurs concernes', 'secteurs vises', 'branche', 'branches'],
  public: [
    'public', 'publics', 'public vise', 'publics vises', 'public concerne', 'publics concernes',
    'public cible', 'publics cibles', 'cible', 'participants', 'pour qui', 'destinataires',
    'a qui s adresse cette formation', 'a qui s adresse la formation', 'profil des participants',
    'public et prerequis', 'public vise et prerequis',
  ],
  duration: ['duree', 'durees', 'duree de la formation', 'duree totale', 'duree de l action', 'volume horaire', 'nombre d heures', 'duree et rythme'],
  provider: [
    'organisme de formation', 'organismes de formation', 'organisme', 'organisme formateur',
    'organisme prestataire', 'prestataire', 'prestataires', 'prestataire de formation',
    'organisme retenu', 'realise par', 'dispense par', 'anime par',
  ],
  sessions: [
    'lieux et dates', 'lieu et dates', 'lieux et date', 'lieu et date', 'dates et lieux', 'date et lieu',
    'dates et lieu', 'date et lieux', 'calendrier', 'calendriers', 'sessions', 'session', 'dates',
    'dates des sessions', 'dates de sessions', 'calendrier des sessions', 'planning', 'planning des sessions',
    'groupes', 'lieux', 'lieu', 'dates et lieux de formation', 'lieux et dates de formation',
    'dates de formation', 'prochaines sessions', 'prochaines dates',
  ],
  contact: [
    'interlocuteur opco sante', 'interlocutrice opco sante', 'interlocuteur opco', 'interlocutrice opco',
    'interlocuteur', 'interlocutrice', 'contact', 'contacts', 'contact opco', 'contact opco sante',
    'votre contact', 'vos contacts', 'votre interlocuteur', 'votre interlocutrice', 'referent',
    'referente', 'referent opco', 'renseignements', 'contact et inscription', 'contact inscription',
  ],
  cofunders: [
    'partenariat et cofinancement', 'partenariats et cofinancements', 'partenariat', 'partenariats',
    'partenaires', 'partenaire', 'cofinancement', 'cofinancements', 'cofinanceurs', 'cofinanceur',
    'financement', 'financements', 'financeurs', 'financeur', 'partenaires financeurs',
    'partenaires et financeurs', 'avec le soutien de', 'en partenariat avec',
  ],
  context: [
    'contexte', 'contexte et enjeux', 'enjeux', 'contexte de la formation', 'contexte et objectifs generaux',
    'presentation', 'presentation de la formation', 'problematique', 'introduction', 'descriptif', 'description',
  ],
  objectives: [
    'objectifs', 'objectif', 'objectifs de la formation', 'objectif de la formation', 'objectifs pedagogiques',
    'objectif pedagogique', 'objectifs operationnels', 'objectifs de formation', 'objectifs generaux',
    'competences visees', 'objectifs et competences visees', 'objectifs pedagogiques et competences visees',
    'competences developpees', 'finalites', 'objectifs vises',
  ],
  prerequisites: [
    'prerequis', 'prerequis et conditions d acces', 'prerequis necessaires', 'conditions d acces',
    'conditions d admission', 'niveau requis', 'pre requis',
  ],
  content: [
    'contenu', 'contenus', 'contenu de la formation', 'contenus de la formation', 'contenu pedagogique',
    'contenus pedagogiques', 'programme', 'programme de la formation', 'programme detaille', 'programmes',
    'contenu et deroulement', 'deroule', 'deroule pedagogique', 'deroulement', 'deroulement de la formation',
    'contenu du programme', 'themes abordes', 'points abordes', 'au programme',
  ],
  extra: [
    'modalites pedagogiques', 'modalite pedagogique', 'methodes pedagogiques', 'methode pedagogique',
    'methodes et outils pedagogiques', 'methodes et moyens pedagogiques', 'moyens pedagogiques',
    'moyens pedagogiques et techniques', 'moyens techniques', 'outils pedagogiques', 'approche pedagogique',
    'demarche pedagogique', 'modalites d evaluation', 'modalite d evaluation', 'modalites d evaluations',
    'evaluation', 'evaluations', 'evaluation de la formation', 'suivi et evaluation', 'modalites de suivi et d evaluation',
    'modalites de suivi', 'accessibilite', 'accessibilite handicap', 'accessibilite aux personnes handicapees',
    'accessibilite aux personnes en situation de handicap', 'personnes en situation de handicap', 'handicap',
    'tarif', 'tarifs', 'cout', 'couts', 'prix', 'cout de la formation', 'cout pedagogique', 'tarif et financement',
    'effectif', 'effectifs', 'effectif maximum', 'nombre de participants', 'nombre de stagiaires', 'taille du groupe',
    'intervenant', 'intervenants', 'intervenante', 'intervenantes', 'formateur', 'formateurs', 'formatrice',
    'profil des intervenants', 'profil de l intervenant', 'profil du formateur', 'profil des formateurs',
    'modalites d acces', 'delais d acces', 'modalites et delais d acces', 'delai d acces', 'modalites d inscription',
    'inscription', 'inscriptions', 'sanction', 'sanction de la formation', 'validation', 'attestation',
    'certification', 'modalites d organisation', 'organisation', 'horaires', 'informations pratiques',
    'documents remis', 'supports', 'supports pedagogiques', 'ressources', 'modalites', 'format', 'rythme',
    'indicateurs', 'indicateurs de resultats', 'taux de satisfaction', 'resultats', 'reference', 'references',
    'type de formation', 'type d action', 'nature de l action', 'modalite', 'modalite de formation', 'langue',
    'restauration', 'hebergement', 'materiel', 'materiel necessaire', 'a savoir',
  ],
};

const KEY_BY_LABEL: ReadonlyMap<string, FicheSectionKey> = new Map(
  (Object.entries(LABELS) as [FicheSectionKey, readonly string[]][]).flatMap(([key, labels]) =>
    labels.map((label) => [label, key] as const),
  ),
);

/**
 * Generic words that are headings only on a line of their own. Inline, "Introduction : tour de
 * table" or "Évaluation : quiz final" is far more likely an item of a programme than a new section.
 */
const STANDALONE_ONLY = new Set([
  'introduction', 'presentation', 'description', 'descriptif', 'theme', 'enjeux', 'problematique',
  'evaluation', 'evaluations', 'organisation', 'format', 'modalite', 'modalites', 'ressources', 'supports',
  'langue', 'materiel', 'resultats', 'reference', 'references', 'validation', 'attestation', 'certification',
  'handicap', 'lieu', 'lieux', 'session', 'sessions', 'groupes', 'planning', 'cible', 'participants',
  'deroule', 'deroulement', 'au programme', 'a savoir', 'rythme', 'horaires', 'restauration', 'hebergement',
  'inscription', 'inscriptions', 'renseignements', 'sanction', 'partenariat', 'partenaire', 'financement',
  'formateur', 'formatrice', 'intervenant', 'intervenante', 'branche', 'branches',
]);

/** Longer than any label (plus numbering): cannot be a heading (cheap early exit). */
const MAX_LABEL_LENGTH = Math.max(...[...KEY_BY_LABEL.keys()].map((label) => label.length)) + 10;

/**
 * The comparable form of a label: lower case, no accents, "&" → "et", apostrophes and
 * hyphens → space ("pré-requis" and "prérequis" meet at "pre requis"/"prerequis": both listed),
 * "(s)" / "(e)s" dropped, numbering and trailing punctuation removed.
 */
export function headingKeyOf(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\((?:e|e?s)\)/gu, 's')
    .replace(NUMBERING, '')
    .replace(/&/gu, ' et ')
    .replace(/[’'`‘]/gu, ' ')
    .replace(/(\p{L})-(\p{L})/gu, '$1$2')
    .replace(/[:.\s–—-]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function keyOf(label: string): FicheSectionKey | undefined {
  if (label.length > MAX_LABEL_LENGTH) return undefined;
  return KEY_BY_LABEL.get(headingKeyOf(label));
}

/**
 * Recognises a heading at `line` (with `nextLine` for headings that wrap). Bullet lines are never
 * headings: "• Évaluation" in a programme is an item, not a new section.
 */
export function matchHeading(line: string, nextLine?: string): HeadingMatch | null {
  const text = line.trim();
  if (text === '' || isBulletish(text)) return null;

  if (nextLine !== undefined && nextLine.trim() !== '' && !isBulletish(nextLine.trim())) {
    const wrapped = `${text} ${nextLine.trim()}`;
    const wrappedKey = keyOf(wrapped);
    if (wrappedKey) return { key: wrappedKey, heading: cleanHeading(wrapped), inlineValue: null, lineCount: 2 };
  }

  const whole = keyOf(text);
  if (whole) return { key: whole, heading: cleanHeading(text), inlineValue: null, lineCount: 1 };

  // "Durée : 3 jours", "Public – Infirmiers" (a spaced dash only: "Médico-social" is a word).
  // An inline heading starts with a capital, as headings do: "publics – Module 1" in a wrapped
  // title is not the "Public" section.
  const inline = /^(\p{Lu}.*?)\s*(?::|\s[–—-]\s)\s*(.*)$/u.exec(text.replace(NUMBERING, ''));
  if (inline?.[1] !== undefined) {
    const key = keyOf(inline[1]);
    if (key && !STANDALONE_ONLY.has(headingKeyOf(inline[1]))) {
      const value = (inline[2] ?? '').trim();
      return { key, heading: cleanHeading(inline[1]), inlineValue: value === '' ? null : value, lineCount: 1 };
    }
  }
  return null;
}

function cleanHeading(text: string): string {
  return text
    .replace(NUMBERING, '')
    .replace(/\s*[:–—-]\s*$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Same markers as ficheBullets, kept local so a heading check does not depend on list parsing. */
function isBulletish(text: string): boolean {
  return /^(?:[≥•●◦○▪▫■□◆◇►▶▸‣➢➣➤➔→⇒✓✔✗❖·∙*\uF000-\uF0FF]|[-–—]\s)/u.test(text);
}
