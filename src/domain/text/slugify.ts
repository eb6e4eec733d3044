/** Lower-case ASCII words joined by dashes: "L’Aller Vers – Module 1" → "l-aller-vers-module-1". */
export function slugify(text: string, maxLength = 80): string {
  const slug = foldAccents(text)
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/g, '') || 'sans-titre';
}

/** Removes diacritics: "Médico-social" → "Medico-social". */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

/**
 * A key under which two spellings of the same organisation name meet:
 * "APSN", "A.P.S.N." and " apsn " give "apsn".
 */
export function nameKey(name: string): string {
  return foldAccents(name).toLowerCase().replace(/[^a-z0-9]+/g, '');
}
