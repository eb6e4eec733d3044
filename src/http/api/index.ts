import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { ErrorSchema, SessionDetailSchema, SessionSchema, TrainingDetailSchema, TrainingListSchema, TrainingSummarySchema } from './schemas.js';
import { registrationApiRoutes } from './registrations/routes.js';
import { REGISTRATION_API_SCHEMAS } from './registrations/schemas.js';
import { sessionApiRoutes } from './sessions/routes.js';
import { trainingApiRoutes } from './trainings/routes.js';

/** The JSON API under /api/v1, documented in OpenAPI at /api/docs. */
export async function registerApi(app: FastifyInstance, context: AppContext): Promise<void> {
  for (const schema of [ErrorSchema, SessionSchema, TrainingSummarySchema, TrainingDetailSchema, TrainingListSchema, SessionDetailSchema, ...REGISTRATION_API_SCHEMAS]) {
    app.addSchema(schema);
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'API Relais',
        description: 'Catalogue des actions collectives de formation. Les erreurs sont renvoyées sous la forme { error: { code, message } } avec un message en français.',
        version: '1',
      },
      servers: [{ url: context.config.baseUrl.origin }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  await app.register(
    async (api) => {
      await api.register(trainingApiRoutes, { context });
      await api.register(sessionApiRoutes, { context });
      await api.register(registrationApiRoutes, { context });
    },
    { prefix: '/api/v1' },
  );
}
