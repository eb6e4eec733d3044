import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { invitationRoutes } from './invitationRoutes.js';
import { myAccountRoutes } from './myAccountRoutes.js';
import { passwordResetRoutes } from './passwordResetRoutes.js';
import { personalDataRoutes } from './personalDataRoutes.js';
import { sessionRoutes } from './sessionRoutes.js';

/** Login, logout, password reset, invitation acceptance, "Mon compte" and the personal data page. */
export const accountWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  await app.register(sessionRoutes, { context });
  await app.register(passwordResetRoutes, { context });
  await app.register(invitationRoutes, { context });
  await app.register(myAccountRoutes, { context });
  await app.register(personalDataRoutes, { context });
};
