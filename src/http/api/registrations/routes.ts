/** Registrations API: register, list, cancel, answer offers. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

export const registrationApiRoutes: FastifyPluginAsync<{ context: AppContext }> = async (_api, _options) => {};
