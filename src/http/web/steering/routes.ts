/**
 * Pilotage (funder staff: admins and managers): groups and their registrations, the validation
 * queue, « maintien ou annulation », a training's registration rules, participant exports.
 * Reading asks the policy for 'funder.steer', acting for 'registrations.manage'. Co-funder
 * viewers see the space in the header but not these pages (personal data): they get a 403.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerDashboardRoutes } from './dashboardRoutes.js';
import { registerGroupRoutes } from './groupRoutes.js';
import { registerRegistrationRoutes } from './registrationRoutes.js';
import { registerSettingsRoutes } from './settingsRoutes.js';
import { guardSignedInSpace } from './spaceGuards.js';

export const steeringWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  guardSignedInSpace(app, '/pilotage');
  registerDashboardRoutes(app, context);
  registerGroupRoutes(app, context);
  registerRegistrationRoutes(app, context);
  registerSettingsRoutes(app, context);
};
