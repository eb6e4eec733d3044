import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Login, logout, password reset, invitation acceptance and "Mon compte". */
export const accountWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async () => {};
