import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Funder admins: organisations, people, audit log, sent mails, personal data. */
export const adminWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async () => {};
