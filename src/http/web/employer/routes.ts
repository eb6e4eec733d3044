/**
 * Espace employeur (HR contacts): staff, registrations, offers, convocations. Anonymous
 * visitors are sent to the login page; a signed-in person who is no employer's HR contact
 * gets a French 403 page. The offer links of the mails are the exception: the token is the
 * proof, so they live in their own plugin, outside the login hook. Nothing here is cached.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { loginPathFor } from '../accounts/localPath.js';
import { registerHomeRoutes } from './homeRoutes.js';
import { registerMyRegistrationsRoutes } from './myRegistrationsRoutes.js';
import { offerRoutes } from './offerRoutes.js';
import { registerRegistrationFormRoutes } from './registrationFormRoutes.js';
import { registerStaffRoutes } from './staffRoutes.js';

const employerSpace: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!request.signedIn) {
      const next = request.method === 'GET' ? request.url : (request.url.split('?')[0] ?? '/employeur');
      return reply.redirect(loginPathFor(next), 303);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  registerHomeRoutes(app, context);
  registerStaffRoutes(app, context);
  registerRegistrationFormRoutes(app, context);
  registerMyRegistrationsRoutes(app, context);
};

export const employerWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  await app.register(offerRoutes, { context });
  await app.register(employerSpace, { context });
};
