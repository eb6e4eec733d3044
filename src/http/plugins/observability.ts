/**
 * What operators and load balancers read:
 * - `GET /healthz`: the process answers (no database access), for liveness probes;
 * - `GET /readyz`: the database answers and carries every migration (see ops/readiness.ts),
 *   for the load balancer; 503 with a French reason otherwise;
 * - `GET /metrics`: Prometheus text format (see metrics/appMetrics.ts), from loopback, or with
 *   `Authorization: Bearer <METRICS_TOKEN>` (see ops/metricsAccess.ts);
 * - every answer carries its request id in `X-Request-Id` (the one logged with it), and is
 *   counted per route pattern, method and status class.
 * Register it before the other plugins: its hooks then run first, and cover every route.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppMetrics } from '../../metrics/appMetrics.js';
import type { AppContext } from '../context.js';
import { metricsAccess } from '../ops/metricsAccess.js';
import { checkReadiness } from '../ops/readiness.js';

const OPS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
/** Probes and scrapers must never see a cached answer. */
const NO_STORE = 'no-store';
const HIDDEN_FROM_OPENAPI = { hide: true };

async function observabilityPlugin(app: FastifyInstance, { context }: { context: AppContext }): Promise<void> {
  const metrics = new AppMetrics(context.database, context.clock);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    // The ops routes read no session: dropping the cookie before the authentication hook looks
    // it up keeps /healthz free of database access (and alive while the database is down)
    // even when a browser that is signed in opens it.
    if (request.routeOptions.url !== undefined && OPS_ROUTES.has(request.routeOptions.url)) delete request.raw.headers.cookie;
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp({ method: request.method, route: request.routeOptions.url ?? null, statusCode: reply.statusCode, seconds: reply.elapsedTime / 1000 });
  });

  app.get('/healthz', { schema: HIDDEN_FROM_OPENAPI }, async (_request, reply) => {
    reply.header('Cache-Control', NO_STORE);
    return { status: 'ok' };
  });

  app.get('/readyz', { schema: HIDDEN_FROM_OPENAPI }, async (_request, reply) => {
    reply.header('Cache-Control', NO_STORE);
    const readiness = await checkReadiness(context.database);
    if (readiness.ready) return { status: 'ok' };
    reply.status(503);
    return { status: 'unavailable', code: readiness.code, reason: readiness.reason };
  });

  app.get('/metrics', { schema: HIDDEN_FROM_OPENAPI }, async (request, reply) => {
    const access = metricsAccess(request, context.config.metricsToken);
    // Without a token configured, the route does not exist for other machines.
    if (access === 'hidden') return reply.callNotFound();
    reply.header('Cache-Control', NO_STORE);
    if (access === 'token-required') {
      reply.status(401).header('WWW-Authenticate', 'Bearer realm="relais-metrics"');
      return { error: { code: 'UNAUTHENTICATED', message: 'Jeton de supervision (METRICS_TOKEN) manquant ou invalide.' } };
    }
    const body = await metrics.render();
    return reply.type(metrics.contentType).send(body);
  });
}

export const observability = fp(observabilityPlugin, { name: 'relais-observability' });
