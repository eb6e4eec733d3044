/**
 * Maximum number of participants, from sentences anywhere in the fiche: "limité à 15 personnes",
 * "15 participants maximum", "Effectif : 8 à 15 stagiaires" (the upper bound), "groupe de 12
 * personnes maximum", "maximum 12 participants", "Effectif maximum : 15". The first matching
 * sentence wins; nothing matching gives null (never a default).
 */

const PEOPLE =
  '(?:personnes?|participant(?:e)?s?|stagiaires?|apprenant(?:e)?s?|inscrit(?:e)?s?|places?|professionnel(?:le)?s?|salarié(?:e)?s?|agents?)';
const MAXIMUM = '(?:maximum|max\\.?|maxi|au maximum|au plus)';
const N = '(\\d{1,4})';

/** Patterns in priority order; the capture group holding the maximum is the last one. */
const PATTERNS: readonly RegExp[] = [
  // "limité à 15" needs people or the end of the sentence: "limitée à 2 jours" is not a capacity.
  new RegExp(`limit[ée]e?s?\\s+(?:à|a)\\s+${N}(?:\\s*${PEOPLE}|\\s*(?:[.;,)]|$))`, 'iu'),
  new RegExp(`${N}\\s*(?:à|a|-|–)\\s*${N}\\s+${PEOPLE}`, 'iu'),
  new RegExp(`${N}\\s+${PEOPLE}\\s+${MAXIMUM}`, 'iu'),
  new RegExp(`${MAXIMUM}\\s*(?:de\\s+)?:?\\s*${N}\\s*${PEOPLE}`, 'iu'),
  new RegExp(`(?:jusqu['’]à)\\s+${N}\\s*${PEOPLE}`, 'iu'),
  new RegExp(`effectif(?:s)?\\s*(?:maximum|max\\.?)?\\s*:?\\s*(?:de\\s+)?${N}\\s*(?:à|a|-|–)\\s*${N}`, 'iu'),
  new RegExp(`effectif(?:s)?\\s*(?:maximum|max\\.?)\\s*:?\\s*(?:de\\s+)?${N}`, 'iu'),
  new RegExp(`effectif(?:s)?\\s*:?\\s*${N}\\s*${PEOPLE}`, 'iu'),
];

export function findCapacityMax(text: string): number | null {
  const flat = text.replace(/\s+/gu, ' ');
  for (const pattern of PATTERNS) {
    const match = pattern.exec(flat);
    if (!match) continue;
    const captured = match.slice(1).filter((group): group is string => group !== undefined);
    const value = Number(captured.at(-1));
    if (Number.isInteger(value) && value > 0 && value <= 1000) return value;
  }
  return null;
}
