/**
 * The professions an employer declares for its staff, and that a training's public names.
 * Codes are stable (stored); labels are what people read.
 */
export const PROFESSIONS = {
  assistant_service_social: 'Assistant·e de service social',
  educateur_specialise: 'Éducateur·rice spécialisé·e',
  cesf: 'Conseiller·ère en économie sociale et familiale (CESF)',
  moniteur_educateur: 'Moniteur·rice-éducateur·rice',
  infirmier: 'Infirmier·ère',
  cadre: 'Cadre',
  autre: 'Autre',
} as const;

export type Profession = keyof typeof PROFESSIONS;

export const PROFESSION_CODES = Object.keys(PROFESSIONS) as Profession[];

export function isProfession(value: string): value is Profession {
  // Own keys only: `in` would also accept "constructor", "toString"… from the prototype.
  return Object.hasOwn(PROFESSIONS, value);
}

export function professionLabel(code: string): string {
  return isProfession(code) ? PROFESSIONS[code] : code;
}

/** The stored form of a training's public: null means every profession. */
export function parseEligibleProfessions(stored: string | null): Profession[] | null {
  if (stored === null || stored.trim() === '') return null;
  return stored.split(/\s+/).filter(isProfession);
}

export function formatEligibleProfessions(codes: readonly string[]): string | null {
  const valid = codes.filter(isProfession);
  return valid.length === 0 ? null : [...new Set(valid)].join(' ');
}
