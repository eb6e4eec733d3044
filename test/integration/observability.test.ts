/**
 * Health, readiness, metrics and logs through the real HTTP stack, on both databases: what a
 * load balancer, Prometheus and a log shipper see, and what they must never see (personal
 * data, secrets, raw URLs with ids or tokens).
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { OutboxRepository } from '../../src/db/repositories/outboxRepository.js';
import { DEMO_PASSWORD } from '../../src/demo/demoAccounts.js';
import { buildApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/plugins/authentication.js';
import { cancelRegistration } from '../../src/use-cases/registrations/cancelRegistration.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld, type RegistrationWorld } from '../support/registrationWorld.js';
import { demoEmailOf, signIn, type Browser } from '../support/signedIn.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const START = '2026-03-10T09:00:00Z';
const METRICS_TOKEN = 'jeton-de-supervision-0123456789';
const OFFER_TOKEN = 'jeton-offre-abcdefghijklmnopqrstuvwxyz0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REMOTE = '203.0.113.9';

/** One sample of the exposition, by its exact name and labels; undefined when absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (found.size === wanted.length && wanted.every(([key, value]) => found.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}

describe.each(TEST_DIALECTS)('observability on %s', (dialect) => {
  let test: TestDatabase;
  let world: RegistrationWorld;
  const clock = fixedClock(START);
  /** Logs at info level into `logLines`; no METRICS_TOKEN. */
  let app: FastifyInstance;
  /** The same database with METRICS_TOKEN set. */
  let tokenApp: FastifyInstance;
  const logLines: string[] = [];

  async function scrape(): Promise<string> {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  }

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    world = await buildRegistrationWorld(test.database, clock);
    const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://relais.test', LOG_LEVEL: 'info' });
    app = await buildApp({ config, database: test.database, clock, catalogueFacets: new CatalogueFacetsCache(test.database, clock, 0) }, { logDestination: { write: (line) => void logLines.push(line) } });
    const tokenConfig = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://relais.test', METRICS_TOKEN });
    tokenApp = await buildApp({ config: tokenConfig, database: test.database, clock, catalogueFacets: new CatalogueFacetsCache(test.database, clock, 0) });
    await Promise.all([app.ready(), tokenApp.ready()]);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await tokenApp?.close();
    await test?.cleanup();
  });

  describe('/healthz and /readyz', () => {
    it('says the process is up, never cached', async () => {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('is ready when the database answers and every migration is applied', async () => {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('is not ready, with a French reason, while a migration is missing', async () => {
      const name = '0008_registrations';
      const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${name}`.execute(test.database.db);
      const recorded = row.rows[0];
      if (!recorded) throw new Error(`${name} should be recorded`);
      await sql`delete from kysely_migration where name = ${name}`.execute(test.database.db);
      try {
        const response = await app.inject({ method: 'GET', url: '/readyz' });
        expect(response.statusCode).toBe(503);
        expect(response.headers['cache-control']).toBe('no-store');
        const body = response.json();
        expect(body).toMatchObject({ status: 'unavailable', code: 'MIGRATIONS_PENDING' });
        expect(body.reason).toContain('Le schéma de la base n’est pas à jour');
        expect(body.reason).toContain(name);
      } finally {
        await sql`insert into kysely_migration (name, timestamp) values (${recorded.name}, ${recorded.timestamp})`.execute(test.database.db);
      }
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    });

    it('is not ready when the database is closed, while /healthz still answers (even to a signed-in browser)', async () => {
      // A second handle on the same database, closed under a running app.
      const database = openDatabase(parseDatabaseUrl(test.url), { poolSize: 1 });
      const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://relais.test' });
      const closedApp = await buildApp({ config, database, clock, catalogueFacets: new CatalogueFacetsCache(database, clock, 0) });
      try {
        expect((await closedApp.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
        await database.close();
        const ready = await closedApp.inject({ method: 'GET', url: '/readyz' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toEqual({ status: 'unavailable', code: 'DATABASE_UNAVAILABLE', reason: 'La base de données ne répond pas.' });
        const health = await closedApp.inject({ method: 'GET', url: '/healthz', headers: { cookie: `${SESSION_COOKIE}=une-session-quelconque` } });
        expect(health.statusCode).toBe(200);
        expect(health.json()).toEqual({ status: 'ok' });
        // The metrics still come (process figures), and say the database did not answer.
        const metrics = await closedApp.inject({ method: 'GET', url: '/metrics' });
        expect(metrics.statusCode).toBe(200);
        expect(sample(metrics.body, 'relais_database_up')).toBe(0);
        expect(sample(metrics.body, 'relais_registrations', { status: 'confirmed' })).toBeUndefined();
      } finally {
        await closedApp.close();
      }
    });
  });

  describe('/metrics', () => {
    it('has the process metrics and the database up', async () => {
      const body = await scrape();
      expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(body).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
      expect(sample(body, 'relais_database_up')).toBe(1);
    });

    it('labels HTTP requests with the route pattern, never the raw URL', async () => {
      const slug = world.fixture.trainingSlug;
      expect((await app.inject({ method: 'GET', url: `/formations/${slug}` })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `/api/v1/sessions/${world.fixture.sessionId}` })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `/offres/${OFFER_TOKEN}` })).statusCode).toBe(410);
      expect((await app.inject({ method: 'GET', url: '/nulle-part/ni-ailleurs' })).statusCode).toBe(404);
      const body = await scrape();
      expect(sample(body, 'relais_http_requests_total', { method: 'GET', route: '/formations/:slug', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
      expect(sample(body, 'relais_http_requests_total', { method: 'GET', route: '/api/v1/sessions/:id', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
      expect(sample(body, 'relais_http_requests_total', { method: 'GET', route: '/offres/:token', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
      expect(sample(body, 'relais_http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
      expect(sample(body, 'relais_http_request_duration_seconds_count', { method: 'GET', route: '/formations/:slug', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
      expect(body).toContain('relais_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/formations/:slug",status_class="2xx"}');
      for (const raw of [slug, world.fixture.sessionId, OFFER_TOKEN, 'nulle-part']) expect(body).not.toContain(raw);
    });

    it('counts registrations by status from the database', async () => {
      const before = await scrape();
      const count = (body: string, status: string) => sample(body, 'relais_registrations', { status }) ?? Number.NaN;
      const groupId = world.moduleOne.groupIds[0];
      if (!groupId) throw new Error('the demo should have future Module 1 groups');
      await world.setCapacity(groupId, 2, 1);
      const staff = await world.addStaff(3, { prefix: 'metrique' });
      const result = await registerTrainees(world.deps, world.hr, { sessionId: groupId, people: staff.map((traineeId) => ({ traineeId })), idempotencyKey: null });
      expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
      const after = await scrape();
      expect(count(after, 'confirmed') - count(before, 'confirmed')).toBe(2);
      expect(count(after, 'waitlisted') - count(before, 'waitlisted')).toBe(1);
      expect(count(after, 'pending') - count(before, 'pending')).toBe(0);
      // Every status has its series, even at zero.
      for (const status of ['pending', 'confirmed', 'waitlisted', 'offered', 'rejected', 'expired', 'cancelled']) expect(count(after, status)).toBeGreaterThanOrEqual(0);
    });

    it('reports the outbox backlog: pending, failed, age of the oldest and the workers’ lag', async () => {
      const outbox = new OutboxRepository(test.database.db, test.database.dialect);
      const before = await scrape();
      const old = new Date('2026-03-10T07:00:00Z');
      await outbox.enqueue({ kind: 'test.metrics', recipient: 'attente-1@metriques.example', subject: 'Attente', text: 'Texte' }, old);
      await outbox.enqueue({ kind: 'test.metrics', recipient: 'attente-2@metriques.example', subject: 'Attente', text: 'Texte' }, clock.now());
      const doomed = await outbox.enqueue({ kind: 'test.metrics', recipient: 'echec@metriques.example', subject: 'Échec', text: 'Texte' }, clock.now());
      if (!doomed) throw new Error('the mail should be enqueued');
      await outbox.markFailed(doomed, 'refusé', clock.now(), true);
      const after = await scrape();
      expect((sample(after, 'relais_outbox_pending') ?? 0) - (sample(before, 'relais_outbox_pending') ?? 0)).toBe(2);
      expect((sample(after, 'relais_outbox_failed') ?? 0) - (sample(before, 'relais_outbox_failed') ?? 0)).toBe(1);
      // The mail enqueued two hours before "now" is the oldest one waiting, and due since then.
      expect(sample(after, 'relais_outbox_oldest_pending_age_seconds')).toBe(7200);
      expect(sample(after, 'relais_job_lag_seconds', { job: 'outbox' })).toBe(7200);
      expect(after).not.toContain('metriques.example');
    });

    it('reports how late the offer expiry job is', async () => {
      const groupId = world.moduleOne.groupIds[1];
      if (!groupId) throw new Error('the demo should have future Module 1 groups');
      await world.setCapacity(groupId, 1, 1);
      const [first, second] = await world.addStaff(2, { prefix: 'offre' });
      if (!first || !second) throw new Error('two staff members expected');
      const placed = await registerTrainees(world.deps, world.hr, { sessionId: groupId, people: [{ traineeId: first }, { traineeId: second }], idempotencyKey: null });
      await cancelRegistration(world.deps, world.hr, placed.outcomes[0]?.registrationId ?? '');
      const offer = await test.database.db.selectFrom('registrations').select(['status', 'offer_expires_at']).where('id', '=', placed.outcomes[1]?.registrationId ?? '').executeTakeFirstOrThrow();
      expect(offer.status).toBe('offered');
      if (!offer.offer_expires_at) throw new Error('an offer has an expiry');
      expect(sample(await scrape(), 'relais_job_lag_seconds', { job: 'offer_expiry' })).toBe(0);
      // An hour and a half after the expiry, with no job run in between.
      clock.set(new Date(Date.parse(offer.offer_expires_at) + 5400_000).toISOString());
      try {
        expect(sample(await scrape(), 'relais_job_lag_seconds', { job: 'offer_expiry' })).toBe(5400);
      } finally {
        clock.set(START);
      }
    });

    it('is refused to other machines: 404 without METRICS_TOKEN, 401 without the right bearer token', async () => {
      expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: REMOTE })).statusCode).toBe(404);
      // Through a reverse proxy on the same machine: the peer is loopback, the client is not.
      expect((await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode).toBe(404);
      const withoutToken = await tokenApp.inject({ method: 'GET', url: '/metrics', remoteAddress: REMOTE });
      expect(withoutToken.statusCode).toBe(401);
      expect(withoutToken.headers['www-authenticate']).toBe('Bearer realm="relais-metrics"');
      expect(withoutToken.body).not.toContain('relais_');
      expect((await tokenApp.inject({ method: 'GET', url: '/metrics', remoteAddress: REMOTE, headers: { authorization: 'Bearer un-autre-jeton-de-supervision' } })).statusCode).toBe(401);
      const allowed = await tokenApp.inject({ method: 'GET', url: '/metrics', remoteAddress: REMOTE, headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(allowed.statusCode).toBe(200);
      expect(sample(allowed.body, 'relais_database_up')).toBe(1);
      // Loopback without a proxy needs no token, with or without one configured.
      expect((await tokenApp.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
      // The probes stay public: a load balancer is another machine.
      expect((await app.inject({ method: 'GET', url: '/readyz', remoteAddress: REMOTE })).statusCode).toBe(200);
    });
  });

  describe('request ids and logs', () => {
    it('echoes a sane X-Request-Id, replaces any other by a UUID, on every answer', async () => {
      const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'lb-7f3a9c.42' } });
      expect(kept.headers['x-request-id']).toBe('lb-7f3a9c.42');
      for (const insane of ['x'.repeat(200), '<script>', 'a b', '']) {
        const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': insane } });
        expect(replaced.headers['x-request-id']).toMatch(UUID);
      }
      expect((await app.inject({ method: 'GET', url: '/' })).headers['x-request-id']).toMatch(UUID);
      expect((await app.inject({ method: 'GET', url: '/page-absente', headers: { 'x-request-id': 'absente-1' } })).headers['x-request-id']).toBe('absente-1');
      expect((await app.inject({ method: 'GET', url: '/api/v1/sessions/inconnue', headers: { 'x-request-id': 'api-404' } })).headers['x-request-id']).toBe('api-404');
    });

    it('logs JSON lines with the request id, and no email, password, cookie or token', async () => {
      logLines.length = 0;
      const email = demoEmailOf('funder_admin');
      const browser: Browser = await signIn(app, email);
      const session = browser.session;
      const csrf = browser.jar.get('relais_csrf');
      if (!session || !csrf) throw new Error('the login should set the session and CSRF cookies');
      await browser.get('/admin/personnes?q=rh%40tilleuls.example', { 'x-request-id': 'journal-recherche' });
      await browser.get(`/offres/${OFFER_TOKEN}`, { 'x-request-id': 'journal-offre' });
      await browser.get(`/invitation/${OFFER_TOKEN}?courriel=${encodeURIComponent(email)}`);
      await app.inject({ method: 'GET', url: `/lien-inconnu/${OFFER_TOKEN}` });
      await app.inject({ method: 'GET', url: '/api/v1/trainings', headers: { authorization: 'Bearer rls_jeton-api-secret-0123456789' } });
      app.log.error({ err: new Error('550 destinataire refusé : <jeanne.martin@exemple.fr>'), recipient: 'jeanne.martin@exemple.fr' }, 'Envoi refusé pour jeanne.martin@exemple.fr');

      const text = logLines.join('');
      const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.length).toBeGreaterThan(10);
      for (const secret of [email, 'rh@tilleuls.example', 'tilleuls', DEMO_PASSWORD, session, csrf, OFFER_TOKEN, 'rls_jeton-api-secret', 'jeanne.martin', 'exemple.fr']) {
        expect(text, `the logs should not contain ${secret}`).not.toContain(secret);
      }
      const urls = entries.map((entry) => (entry.req as { url?: string } | undefined)?.url).filter((url): url is string => url !== undefined);
      expect(urls).toContain('/offres/:token');
      expect(urls).toContain('/invitation/:token?courriel');
      expect(urls).toContain('/admin/personnes?q');
      expect(urls).toContain('/lien-inconnu/:masqué');
      const offerLines = entries.filter((entry) => entry.reqId === 'journal-offre');
      expect(offerLines.map((entry) => entry.msg)).toEqual(['incoming request', 'request completed']);
      expect(entries.find((entry) => entry.reqId === 'journal-recherche' && entry.res)).toMatchObject({ res: { statusCode: 200 } });
      const refused = entries.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('Envoi refusé'));
      expect(refused).toMatchObject({ msg: 'Envoi refusé pour [courriel masqué]', recipient: '[courriel masqué]', err: { type: 'Error', message: '550 destinataire refusé : <[courriel masqué]>' } });
    });
  });
});
