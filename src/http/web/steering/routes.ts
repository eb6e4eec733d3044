/** Pilotage (funder staff): groups, registrations, approvals, decisions, exports. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

export const steeringWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (_app, _options) => {};
