/**
 * When is a text a fiche technique? Rule: it has a title, objectives, a content (or programme),
 * and at least one of duration and public. These are what any French training programme states
 * (Qualiopi requires them), whatever the catalogue's headings, so a real fiche from another
 * provider passes, while random prose, an empty file or a decoded binary misses several of them.
 * Sections count as found only when something was extracted from them: an "Objectifs" heading
 * with nothing under it does not make a fiche.
 */
import type { FicheDraft } from './ficheDraft.js';

export const REQUIRED_SECTION_NAMES = {
  title: 'Titre',
  objectives: 'Objectifs',
  content: 'Contenu',
  durationOrPublic: 'Durée ou Public',
} as const;

/** French names of the required sections the draft lacks, in fiche order; empty for a fiche. */
export function missingFicheSections(draft: FicheDraft): string[] {
  const missing: string[] = [];
  if (draft.title === null) missing.push(REQUIRED_SECTION_NAMES.title);
  if (draft.objectives.length === 0) missing.push(REQUIRED_SECTION_NAMES.objectives);
  if (draft.content.length === 0) missing.push(REQUIRED_SECTION_NAMES.content);
  if (draft.durationDays === null && draft.durationHours === null && draft.public === null) {
    missing.push(REQUIRED_SECTION_NAMES.durationOrPublic);
  }
  return missing;
}

/**
 * The French message shown when a file is refused, e.g. "Ce fichier n’est pas une fiche technique
 * reconnue : sections manquantes : Objectifs, Contenu." Empty string when nothing is missing.
 */
export function describeMissingSections(missing: readonly string[]): string {
  if (missing.length === 0) return '';
  const label = missing.length === 1 ? 'section manquante' : 'sections manquantes';
  return `Ce fichier n’est pas une fiche technique reconnue : ${label} : ${missing.join(', ')}.`;
}
