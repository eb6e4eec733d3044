/** Espace employeur (HR contacts): staff, registrations, offers, convocations. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

export const employerWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (_app, _options) => {};
