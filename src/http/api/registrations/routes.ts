/** Registrations API: staff, register, list, cancel, answer offers (bearer tokens only). */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { offerApiRoutes } from './offerRoutes.js';
import { registrationRoutes } from './registrationRoutes.js';
import { traineeApiRoutes } from './traineeRoutes.js';

export const registrationApiRoutes: FastifyPluginAsync<{ context: AppContext }> = async (api, { context }) => {
  // Many HTTP clients send « Content-Type: application/json » with no body on a POST such as
  // /offers/{id}/accept; Fastify would refuse it. An empty body is « no body » here.
  const parseJson = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
  await api.register(traineeApiRoutes, { context });
  await api.register(registrationRoutes, { context });
  await api.register(offerApiRoutes, { context });
};
