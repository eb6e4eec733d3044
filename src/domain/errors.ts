/**
 * The only error the domain and the use cases throw on purpose. The code is stable (clients
 * and tests rely on it); the message is French and meant for the person who acted. HTTP
 * status and presentation are decided in one place: src/http/plugins/errors.ts.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'NOT_A_FICHE'
  | 'FICHE_FILE_UNREADABLE'
  | 'NO_FUNDER'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'LINK_INVALID'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'REGISTRATION_CLOSED'
  | 'NOT_ELIGIBLE'
  | 'PREREQUISITE_MISSING'
  | 'ALREADY_REGISTERED'
  | 'INVALID_TRANSITION'
  | 'OFFER_UNAVAILABLE'
  | 'IDEMPOTENCY_KEY_REUSED';

export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'Vous n’avez pas accès à cette page ou à cette action.');
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} introuvable.`);
}
