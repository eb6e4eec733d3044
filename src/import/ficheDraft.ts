/**
 * What the fiche parser extracts from a fiche technique. This shape is also the
 * stable JSON printed by `relais import fiche FILE --dry-run --json` (other tools
 * rely on it): absent facts are null or empty, never invented.
 */
export interface FicheSessionDraft {
  /** As written on the fiche, e.g. "Groupe 1". */
  label: string;
  city: string | null;
  /** Local dates (Europe/Paris), ISO "YYYY-MM-DD", ascending. */
  dates: string[];
}

export interface FicheDraft {
  title: string | null;
  module: { number: number; title: string | null } | null;
  sectors: string[];
  public: string | null;
  durationDays: number | null;
  durationHours: number | null;
  provider: string | null;
  sessions: FicheSessionDraft[];
  contact: { name: string | null; email: string | null } | null;
  cofunders: string[];
  context: string | null;
  objectives: string[];
  prerequisites: string | null;
  content: string[];
  capacityMax: number | null;
  /** Lines the parser did not understand, as they appear (trimmed) in the source. */
  unparsed: string[];
}

/**
 * Sections a fiche may carry that Relais shows but does not model field by field
 * ("Modalités pédagogiques", "Modalités d'évaluation", "Accessibilité"…), in fiche order.
 * Not part of the stable JSON interface.
 */
export interface FicheExtraSection {
  heading: string;
  text: string;
}

export interface FicheParseResult {
  draft: FicheDraft;
  extraSections: FicheExtraSection[];
  /** French names of the required sections that were not found (empty when the text is a fiche). */
  missingSections: string[];
}
