/**
 * What « Pilotage » and « Espace organisme » share with the admin pages: nothing is cached
 * (personal data), anonymous visitors are sent to the login page, and 403/404 pages keep the
 * signed-in header (the shared handler does not know who is signed in).
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import { ErrorPage } from '../../../views/errors/ErrorPage.js';
import { loginPathFor } from '../accounts/localPath.js';
import { sendPage } from '../admin/adminRequest.js';
import { pageContextOf } from '../pageContext.js';

const ERROR_TITLES: Partial<Record<string, string>> = { FORBIDDEN: 'Accès refusé', NOT_FOUND: 'Page introuvable' };

/** Registers the hooks on an encapsulated plugin: they apply to its routes only. */
export function guardSignedInSpace(app: FastifyInstance, home: string): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!request.signedIn) {
      const next = request.method === 'GET' ? request.url : (request.url.split('?')[0] ?? home);
      return reply.redirect(loginPathFor(next), 303);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof DomainError && ERROR_TITLES[error.code] && request.signedIn) {
      const status = error.code === 'FORBIDDEN' ? 403 : 404;
      return sendPage(reply, ErrorPage({ title: ERROR_TITLES[error.code] ?? '', message: error.message, context: pageContextOf(request, reply) }), status);
    }
    throw error;
  });
}
