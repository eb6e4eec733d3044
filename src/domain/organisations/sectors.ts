/** The sectors of an OPCO Santé member (private non-profit health, social and medico-social). */
export const EMPLOYER_SECTORS = ['Sanitaire', 'Médico-social', 'Social'] as const;

export function isEmployerSector(value: string): boolean {
  return (EMPLOYER_SECTORS as readonly string[]).includes(value);
}

/** Numéro de déclaration d'activité of a training provider: 11 digits. */
export function isValidNda(value: string): boolean {
  return /^\d{11}$/.test(value.replace(/\s/g, ''));
}
