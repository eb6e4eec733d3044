/**
 * Funder admins: organisations, people, audit log, sent mails, retention of personal data.
 * Anonymous visitors are sent to the login page; a signed-in person the policy does not allow
 * gets a French 403 page. No admin page is ever cached.
 */
import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import { listManagedUsers } from '../../../use-cases/accounts/manageUsers.js';
import { AdminHomePage } from '../../../views/admin/AdminHomePage.js';
import { ErrorPage } from '../../../views/errors/ErrorPage.js';
import type { AppContext } from '../../context.js';
import { loginPathFor } from '../accounts/localPath.js';
import { pageContextOf } from '../pageContext.js';
import { frameOf, sendPage } from './adminRequest.js';
import { registerJournalRoutes } from './journalRoutes.js';
import { registerMailRoutes } from './mailRoutes.js';
import { registerOrganisationRoutes } from './organisationRoutes.js';
import { registerPeopleRoutes } from './peopleRoutes.js';
import { directoryOf, outboxCounts } from './queries.js';
import { registerRetentionRoutes } from './retentionRoutes.js';

const ERROR_TITLES: Partial<Record<string, string>> = { FORBIDDEN: 'Accès refusé', NOT_FOUND: 'Page introuvable' };

export const adminWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!request.signedIn) {
      const next = request.method === 'GET' ? request.url : (request.url.split('?')[0] ?? '/admin');
      return reply.redirect(loginPathFor(next), 303);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  // 403 and 404 keep the signed-in header (the shared handler does not know who is signed in).
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof DomainError && ERROR_TITLES[error.code] && request.signedIn) {
      const status = error.code === 'FORBIDDEN' ? 403 : 404;
      return sendPage(reply, ErrorPage({ title: ERROR_TITLES[error.code] ?? '', message: error.message, context: pageContextOf(request, reply) }), status);
    }
    throw error;
  });

  app.get('/admin', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const [directory, people, mails] = await Promise.all([directoryOf(context.database, frame.funderId), listManagedUsers(context.database, request.acting, { limit: 10_000 }), outboxCounts(context.database, frame.funderId)]);
    const count = (rows: Array<{ isActive: boolean }>) => ({ total: rows.length, active: rows.filter((row) => row.isActive).length });
    return sendPage(
      reply,
      AdminHomePage({
        frame,
        counts: { employers: count(directory.employers), providers: count(directory.providers), cofunders: count(directory.cofunders), people: people.length, mails },
      }),
    );
  });

  registerOrganisationRoutes(app, context);
  registerPeopleRoutes(app, context);
  registerJournalRoutes(app, context);
  registerMailRoutes(app, context);
  registerRetentionRoutes(app, context);
};
