/**
 * A module's place in its track, read from the training title and its prerequisites text:
 * "La pratique de l’Aller Vers les publics – Module 1 « … »" belongs to the track
 * "La pratique de l’Aller Vers les publics"; "Avoir suivi le module 1" requires module 1.
 */
const MODULE_SEPARATOR = /\s*[–—-]?\s*\bmodule\s+\d+\b/i;

export function trackTitleOf(title: string): string | null {
  const match = MODULE_SEPARATOR.exec(title);
  if (!match || match.index === 0) return null;
  const track = title.slice(0, match.index).replace(/[\s–—:,-]+$/u, '').trim();
  return track === '' ? null : track;
}

/** Module numbers named in a prerequisites text ("avoir suivi les modules 1 et 2"). */
export function requiredModuleNumbersOf(prerequisites: string | null, ownNumber: number | null): number[] {
  if (!prerequisites) return [];
  const numbers = new Set<number>();
  for (const match of prerequisites.matchAll(/\bmodules?\s+((?:\d+(?:\s*(?:,|et|&)\s*)?)+)/giu)) {
    for (const digits of (match[1] ?? '').match(/\d+/g) ?? []) numbers.add(Number(digits));
  }
  numbers.delete(ownNumber ?? -1);
  return [...numbers].sort((a, b) => a - b);
}
