/**
 * Field checks shared by the account forms: each failure is a French message keyed by field,
 * so that the form is shown again with the message next to the field and the values kept.
 */
import { DomainError } from '../../domain/errors.js';

export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function validateEmail(raw: string, errors: FieldErrors, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email === '') errors[field] = 'Indiquez une adresse électronique.';
  else if (email.length > 254 || !EMAIL.test(email)) errors[field] = 'Adresse électronique invalide (exemple : prenom.nom@structure.fr).';
  return email;
}

export function validateName(raw: string, errors: FieldErrors, field = 'name', label = 'le nom'): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') errors[field] = `Indiquez ${label}.`;
  else if (name.length > 200) errors[field] = 'Ce texte est trop long (200 caractères au plus).';
  return name;
}

export function throwIfInvalid(errors: FieldErrors): void {
  const messages = Object.values(errors);
  if (messages.length > 0) throw new DomainError('VALIDATION_FAILED', messages.join(' '), { fields: errors });
}
