import type { FastifyReply, FastifyRequest } from 'fastify';
import { spacesOf } from '../../domain/accounts/policy.js';
import type { PageContext } from '../../views/pageContext.js';

/** The frame of a page for this request; a CSRF token is made when the page has forms or a signed-in header. */
export function pageContextOf(request: FastifyRequest, reply: FastifyReply, options: { forms?: boolean } = {}): PageContext {
  const signedIn = request.signedIn;
  return {
    user: signedIn ? { displayName: signedIn.displayName, email: signedIn.email } : null,
    spaces: spacesOf(request.acting.actor),
    csrfToken: signedIn || options.forms ? reply.generateCsrf() : null,
    path: request.url.split('?')[0] ?? '/',
  };
}
