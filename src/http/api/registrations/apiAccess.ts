/**
 * What every route of the registrations API checks before reading the request: a bearer token
 * (401 otherwise, never an anonymous answer) whose scopes include the route's. Checking the
 * scope first gives a read-only client a clear 403 instead of a validation error about a body
 * it was never allowed to send. Rights on the records themselves stay with the use cases.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_SCOPES, type ApiScope } from '../../../domain/accounts/apiScopes.js';
import { DomainError } from '../../../domain/errors.js';
import type { Acting } from '../../../use-cases/accounts/requestContext.js';
import { managedEmployerIds } from '../../../use-cases/registrations/manageStaff.js';

export function requireScopes(...scopes: ApiScope[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const actor = request.acting.actor;
    if (actor.kind !== 'user') {
      reply.header('WWW-Authenticate', 'Bearer realm="Relais"');
      throw new DomainError('UNAUTHENTICATED', 'Un jeton d’API est nécessaire : envoyez l’en-tête « Authorization: Bearer rls_… ». Créez un jeton dans « Mon compte » de Relais.');
    }
    const missing = scopes.filter((scope) => actor.viaApiToken !== undefined && !actor.viaApiToken.scopes.includes(scope));
    if (missing.length > 0) {
      const names = missing.map((scope) => `« ${API_SCOPES[scope]} » (${scope})`).join(' et ');
      throw new DomainError('FORBIDDEN', `Ce jeton d’API n’a pas l’autorisation ${names} : créez dans « Mon compte » un jeton qui l’inclut.`);
    }
  };
}

/**
 * The Idempotency-Key header is required on registration: without it a retried request could
 * register twice. Checked before the body so that the answer says what is missing.
 */
export async function requireIdempotencyKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.headers['idempotency-key']) return undefined;
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: 'IDEMPOTENCY_KEY_REQUIRED',
        message: 'L’en-tête « Idempotency-Key » est obligatoire : envoyez une clé unique par demande d’inscription (un UUID par exemple), et la même clé si vous renvoyez la même demande. Rien n’a été enregistré.',
      },
    });
}

/**
 * The employer a request is about: the one named, or the only one the HR contact manages.
 * Rights on it are checked by the use case that reads or writes.
 */
export function employerOf(acting: Acting, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const managed = managedEmployerIds(acting);
  if (managed.length === 1 && managed[0] !== undefined) return managed[0];
  throw new DomainError(
    'VALIDATION_FAILED',
    managed.length > 1
      ? 'Vous êtes contact RH de plusieurs établissements : précisez lequel avec le paramètre employerId.'
      : 'Précisez l’établissement avec le paramètre employerId.',
    { fields: { employerId: 'Obligatoire.' } },
  );
}
