/** Espace organisme (provider staff): groups and participants. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

export const providerWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (_app, _options) => {};
