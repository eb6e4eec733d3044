import { DomainError, type DomainErrorCode } from '../../../domain/errors.js';
import type { FieldErrors } from '../../../use-cases/accounts/fieldValidation.js';
import type { FormProblem } from '../../../views/accounts/formParts.js';

/**
 * The problem to show in the form when `error` is one of the expected refusals (`codes`);
 * anything else is rethrown to the one error mapping (src/http/plugins/errors.ts).
 */
export function formProblemOf(error: unknown, codes: readonly DomainErrorCode[] = ['VALIDATION_FAILED']): FormProblem {
  if (!(error instanceof DomainError) || !codes.includes(error.code)) throw error;
  const fields = error.details.fields;
  return { fields: fields && typeof fields === 'object' ? (fields as FieldErrors) : {}, message: error.message };
}

/** The seconds to wait when the refusal is a throttle, for the Retry-After header. */
export function retryAfterOf(error: unknown): number | null {
  return error instanceof DomainError && typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : null;
}

/** True when `error` is the domain refusal `code` (a one-time link no longer usable, say). */
export function isDomainError(error: unknown, code: DomainErrorCode): boolean {
  return error instanceof DomainError && error.code === code;
}
