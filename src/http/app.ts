/**
 * The Fastify application: security headers, static files, the JSON API and the pages.
 * Built from an AppContext so that tests and benchmarks run the very same app.
 */
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerApi } from './api/index.js';
import type { AppContext } from './context.js';
import { authentication } from './plugins/authentication.js';
import { csrfProtection } from './plugins/csrf.js';
import { registerErrorHandling } from './plugins/errors.js';
import { observability } from './plugins/observability.js';
import { loggerOptions, requestIdOf, type LogDestination } from './ops/logging.js';
import { registerSecurityHeaders } from './plugins/security.js';
import { accountWebRoutes } from './web/accounts/routes.js';
import { adminWebRoutes } from './web/admin/routes.js';
import { catalogueWebRoutes } from './web/catalogue/routes.js';
import { employerWebRoutes } from './web/employer/routes.js';
import { providerWebRoutes } from './web/provider/routes.js';
import { steeringWebRoutes } from './web/steering/routes.js';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

export interface BuildAppOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: LogDestination;
}

/**
 * Whether a parameter, query or body value (or key) holds U+0000. PostgreSQL refuses it in any
 * text (SQLSTATE 22021: a 500 for a name, a search or an id typed with %00), and no field of
 * Relais takes it, so such a request is refused up front (400), on both databases alike.
 * Nesting deeper than the API's schemas is left to their validation.
 */
function carriesNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || carriesNul(item, depth + 1));
}

export async function buildApp(context: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // JSON lines without personal data, each with its request id: see ops/logging.ts.
    logger: loggerOptions(context.config, options.logDestination),
    genReqId: requestIdOf,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Ajv coercion lets ?page=2&available=true reach handlers as numbers and booleans.
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  // Every route, as registered: the route × role access test walks this list.
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  registerErrorHandling(app);
  // First, so that its hooks (request id, HTTP metrics) run before any other and cover every route.
  await app.register(observability, { context });
  await registerSecurityHeaders(app, { https: context.config.baseUrl.protocol === 'https:' });
  await app.register(formbody);
  app.addHook('preValidation', async (request) => {
    if (carriesNul(request.params) || carriesNul(request.query) || carriesNul(request.body)) throw Object.assign(new Error('U+0000 in the request'), { statusCode: 400 });
  });
  await app.register(authentication, { context });
  await app.register(csrfProtection, { secure: context.config.baseUrl.protocol === 'https:' });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', maxAge: '1h' });
  await registerApi(app, context);
  await app.register(catalogueWebRoutes, { context });
  await app.register(accountWebRoutes, { context });
  await app.register(adminWebRoutes, { context });
  await app.register(employerWebRoutes, { context });
  await app.register(steeringWebRoutes, { context });
  await app.register(providerWebRoutes, { context });
  return app;
}
