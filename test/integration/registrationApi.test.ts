/**
 * The registrations JSON API through the real HTTP stack and database (SQLite, and PostgreSQL
 * when configured), called with API tokens as an HR system would: staff, registering with an
 * idempotency key (retries and concurrent retries register once), waitlist, cancellation,
 * offers, who sees what, and the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import { actorUserId, type Acting } from '../../src/use-cases/accounts/requestContext.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld, type RegistrationWorld } from '../support/registrationWorld.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

// A Thursday: an offer made now would end on Saturday, so it is carried to Monday.
const NOW = '2026-11-26T09:00:00Z';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  // The tests read answers by their documented shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

interface Outcome {
  registrationId: string;
  traineeId: string;
  status: string;
  waitlistPosition: number | null;
}

describe.each(TEST_DIALECTS)('registrations API (%s)', (dialect) => {
  const clock = fixedClock(NOW);
  let test: TestDatabase;
  let world: RegistrationWorld;
  let app: FastifyInstance;
  let group: string;
  const tokens = { hr: '', hrReadOnly: '', otherHr: '', manager: '', provider: '' };

  async function tokenFor(acting: Acting, scopes: string[]): Promise<string> {
    const userId = actorUserId(acting) as string;
    return (await createApiToken(test.database, clock, acting, { userId, name: 'Logiciel RH', scopes, expiresInDays: 30 })).token;
  }

  beforeEach(async () => {
    clock.set(NOW);
    test = await createTestDatabase(dialect);
    world = await buildRegistrationWorld(test.database, clock);
    app = await buildTestApp(test.database, clock);
    group = world.moduleOne.groupIds[0] as string;
    const readWrite = ['registrations:read', 'registrations:write'];
    const providerId = world.fixture.userIds.provider_coordinator;
    const providerMemberships = await repositoriesOn(test.database.db, test.database.dialect).users.membershipsOf(providerId);
    tokens.hr = await tokenFor(world.hr, readWrite);
    tokens.hrReadOnly = await tokenFor(world.hr, ['registrations:read']);
    tokens.otherHr = await tokenFor(world.otherHr, readWrite);
    tokens.manager = await tokenFor(world.manager, [...readWrite, 'steering:read']);
    tokens.provider = await tokenFor({ actor: { kind: 'user', userId: providerId, memberships: providerMemberships }, label: 'OF', meta: { ip: null, userAgent: null } }, ['registrations:read']);
  }, 60_000);

  afterEach(async () => {
    await app.close();
    await closeConnections(test);
    await test.cleanup();
  });

  /**
   * pg's Pool.end() resolves before its sockets are closed, and the pool has no 'error'
   * listener (src/db/database.ts): when cleanup's DROP DATABASE … WITH (FORCE) ends a backend
   * still closing — likely after the concurrent requests filled the pool — the pool throws an
   * unhandled error. Close first and wait until PostgreSQL has let every connection go.
   */
  async function closeConnections(closing: TestDatabase): Promise<void> {
    await closing.database.close();
    const adminUrl = process.env.RELAIS_TEST_PG_URL;
    if (dialect !== 'postgres' || !adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const name = new URL(closing.url).pathname.slice(1);
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]?.n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await admin.end();
    }
  }

  async function call(method: 'GET' | 'POST', url: string, token: string | null, options: { body?: object; key?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    const response = await app.inject({ method, url, headers, ...(options.body === undefined ? {} : { payload: options.body }) });
    return { status: response.statusCode, headers: response.headers, body: response.json() };
  }

  const register = (people: string[], key: string | undefined, token = tokens.hr, sessionId = group) =>
    call('POST', `/api/v1/sessions/${sessionId}/registrations`, token, { body: { people: people.map((traineeId) => ({ traineeId })) }, key });

  const rowCount = async (table: 'registrations' | 'outbox' | 'audit_log') =>
    Number((await test.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  const statusOf = async (registrationId: string, token = tokens.hr) => (await call('GET', `/api/v1/registrations/${registrationId}`, token)).body.status as string;

  const outcomesOf = (answer: Answer) => (answer.body.outcomes as Outcome[]).map((outcome) => [outcome.status, outcome.waitlistPosition]);

  it('lists and adds staff, registers them (201, outcomes) and shows the registration', async () => {
    const created = await call('POST', '/api/v1/trainees', tokens.hr, { body: { firstName: 'Inès', lastName: 'Martin', email: 'ines.martin@tilleuls.example', profession: 'infirmier' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ firstName: 'Inès', lastName: 'Martin', profession: 'infirmier', professionLabel: 'Infirmier·ère', active: true, employerId: world.fixture.employerId });
    const staff = await call('GET', '/api/v1/trainees', tokens.hr);
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((trainee: { id: string }) => trainee.id)).toContain(created.body.id);

    const answer = await register([created.body.id], 'premiere-inscription-0001');
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotency-replayed']).toBeUndefined();
    expect(answer.body).toMatchObject({ sessionId: group, replayed: false, outcomes: [{ traineeId: created.body.id, traineeName: 'Inès Martin', status: 'confirmed', waitlistPosition: null }] });

    const registrationId = answer.body.outcomes[0].registrationId as string;
    const shown = await call('GET', `/api/v1/registrations/${registrationId}`, tokens.hrReadOnly);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: registrationId,
      status: 'confirmed',
      statusLabel: 'Confirmée',
      waitlistPosition: null,
      isLateCancellation: false,
      trainee: { id: created.body.id, firstName: 'Inès', lastName: 'Martin', email: 'ines.martin@tilleuls.example', profession: 'infirmier' },
      employer: { id: world.fixture.employerId, siret: '44852136900018' },
      session: { id: group },
      training: { id: world.moduleOne.trainingId },
    });
    expect(shown.body.declaration).toBeUndefined();
    const listed = await call('GET', '/api/v1/registrations?status=confirmed', tokens.hrReadOnly);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([registrationId]);
    expect((await call('GET', '/api/v1/registrations?status=waitlisted', tokens.hr)).body.items).toEqual([]);
  });

  it('refuses a staff member with an unknown profession (400) or an address already used (409)', async () => {
    const person = { firstName: 'Paul', lastName: 'Durand', email: 'paul.durand@tilleuls.example', profession: 'infirmier' };
    expect((await call('POST', '/api/v1/trainees', tokens.hr, { body: person })).status).toBe(201);
    const again = await call('POST', '/api/v1/trainees', tokens.hr, { body: person });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const unknown = await call('POST', '/api/v1/trainees', tokens.hr, { body: { ...person, email: 'autre@tilleuls.example', profession: 'astronaute' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('profession');
  });

  it('registers once whatever the number of retries, sequential or concurrent, and answers each the same outcomes', async () => {
    const [a, b, c, d] = await world.addStaff(4);
    const sequential: Answer[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) sequential.push(await register([a as string, b as string], 'relance-sequentielle-01'));
    expect(sequential.map((answer) => answer.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
    expect(sequential.slice(1).every((answer) => answer.headers['idempotency-replayed'] === 'true' && answer.body.replayed === true)).toBe(true);
    for (const answer of sequential) expect(answer.body.outcomes).toEqual(sequential[0]?.body.outcomes);

    const concurrent = await Promise.all(Array.from({ length: 10 }, () => register([c as string, d as string], 'relance-concurrente-02')));
    expect(concurrent.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    for (const answer of concurrent) expect(answer.body.outcomes).toEqual(concurrent.find((first) => first.status === 201)?.body.outcomes);

    const rows = await test.database.db.selectFrom('registrations').select(['trainee_id', 'status']).orderBy('seq').execute();
    expect(rows.map((row) => row.trainee_id)).toEqual([a, b, c, d]);
  });

  it('refuses a key reused for another request (422) and a malformed key (422), writing nothing', async () => {
    const [a, b] = await world.addStaff(2);
    expect((await register([a as string], 'cle-reutilisee-0001')).status).toBe(201);
    const before = { registrations: await rowCount('registrations'), outbox: await rowCount('outbox') };
    const reused = await register([b as string], 'cle-reutilisee-0001');
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.error.message).toContain('nouvelle clé');
    const malformed = await register([b as string], 'court');
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    expect({ registrations: await rowCount('registrations'), outbox: await rowCount('outbox') }).toEqual(before);
  });

  it('requires the Idempotency-Key header (400, French message) and writes nothing without it', async () => {
    const [a] = await world.addStaff(1);
    const before = { registrations: await rowCount('registrations'), outbox: await rowCount('outbox'), audit: await rowCount('audit_log') };
    const answer = await register([a as string], undefined);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(answer.body.error.message).toContain('Idempotency-Key');
    expect({ registrations: await rowCount('registrations'), outbox: await rowCount('outbox'), audit: await rowCount('audit_log') }).toEqual(before);
  });

  it('answers 401 without a token and 403 to a read-only token on every write', async () => {
    const [a, b] = await world.addStaff(2);
    const anonymous = await call('GET', '/api/v1/registrations', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect(anonymous.headers['www-authenticate']).toContain('Bearer');
    expect((await register([a as string], 'sans-jeton-00001', '')).status).toBe(401);

    const registered = await register([a as string], 'lecture-seule-0001');
    const registrationId = registered.body.outcomes[0].registrationId as string;
    const before = await rowCount('registrations');
    const refused = await register([b as string], 'lecture-seule-0002', tokens.hrReadOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('registrations:write');
    expect((await call('POST', `/api/v1/registrations/${registrationId}/cancel`, tokens.hrReadOnly)).status).toBe(403);
    expect((await call('POST', `/api/v1/offers/${registrationId}/accept`, tokens.hrReadOnly)).status).toBe(403);
    expect((await call('POST', '/api/v1/trainees', tokens.hrReadOnly, { body: { firstName: 'A', lastName: 'B', email: 'a.b@tilleuls.example', profession: 'cadre' } })).status).toBe(403);
    expect(await rowCount('registrations')).toBe(before);
    expect(await statusOf(registrationId, tokens.hrReadOnly)).toBe('confirmed');
  });

  it('puts people of a full group on the waitlist with their positions (201, not an error)', async () => {
    await world.setCapacity(group, 2);
    const people = await world.addStaff(4);
    const answer = await register(people, 'groupe-complet-0001');
    expect(answer.status).toBe(201);
    expect(outcomesOf(answer)).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    const waiting = await call('GET', `/api/v1/registrations?status=waitlisted&sessionId=${group}`, tokens.hr);
    expect(waiting.body.items.map((item: { waitlistPosition: number; statusLabel: string }) => [item.waitlistPosition, item.statusLabel]).sort()).toEqual([
      [1, 'En liste d’attente'],
      [2, 'En liste d’attente'],
    ]);
  });

  it('cancels (200), offers the freed seat to the next person, who accepts; a decline passes the seat on', async () => {
    await world.setCapacity(group, 1);
    const answer = await register(await world.addStaff(3), 'annulation-offre-01');
    const [first, second, third] = (answer.body.outcomes as Outcome[]).map((outcome) => outcome.registrationId);

    const cancelled = await call('POST', `/api/v1/registrations/${first}/cancel`, tokens.hr, { body: { reason: 'Arrêt maladie' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ registrationId: first, late: false });
    const offer = await call('GET', `/api/v1/registrations/${second}`, tokens.hr);
    expect(offer.body).toMatchObject({ status: 'offered', statusLabel: 'Place proposée', offerExpiresAt: '2026-11-30T09:00:00.000Z' });

    const accepted = await call('POST', `/api/v1/offers/${second}/accept`, tokens.hr);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ registrationId: second, status: 'confirmed' });
    expect(await statusOf(second as string)).toBe('confirmed');
    const again = await call('POST', `/api/v1/offers/${second}/decline`, tokens.hr);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('OFFER_UNAVAILABLE');

    // The confirmed person leaves (no body at all, JSON content type): the third is offered the seat and declines.
    const leave = await app.inject({ method: 'POST', url: `/api/v1/registrations/${second}/cancel`, headers: { authorization: `Bearer ${tokens.hr}`, 'content-type': 'application/json' } });
    expect(leave.statusCode).toBe(200);
    expect(await statusOf(third as string)).toBe('offered');
    const declined = await call('POST', `/api/v1/offers/${third}/decline`, tokens.hr);
    expect(declined.body).toEqual({ registrationId: third, status: 'cancelled' });
    expect((await call('GET', `/api/v1/registrations/${third}`, tokens.hr)).body).toMatchObject({ status: 'cancelled', cancelReason: 'offer_declined' });
    expect((await call('POST', `/api/v1/registrations/${third}/cancel`, tokens.hr)).status).toBe(409);
  });

  it('answers 410 to an offer accepted after its expiry (48 h, carried past the weekend)', async () => {
    await world.setCapacity(group, 1);
    const answer = await register(await world.addStaff(2), 'offre-expiree-0001');
    const [first, second] = (answer.body.outcomes as Outcome[]).map((outcome) => outcome.registrationId);
    await call('POST', `/api/v1/registrations/${first}/cancel`, tokens.hr);
    expect((await call('GET', `/api/v1/registrations/${second}`, tokens.hr)).body.offerExpiresAt).toBe('2026-11-30T09:00:00.000Z');

    clock.set('2026-11-30T09:01:00Z');
    const late = await call('POST', `/api/v1/offers/${second}/accept`, tokens.hr);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('OFFER_UNAVAILABLE');
    expect(late.body.error.message).toContain('expiré');
  });

  it('shows each party only what is theirs: 404 to another employer, its own registrations in a group', async () => {
    const [ours] = await world.addStaff(1);
    const [theirs] = await world.addStaff(1, { employerId: world.fixture.otherEmployerId });
    const registered = await register([ours as string], 'confidentialite-001');
    const registrationId = registered.body.outcomes[0].registrationId as string;
    const theirsAnswer = await register([theirs as string], 'confidentialite-002', tokens.otherHr);
    expect(theirsAnswer.status).toBe(201);
    // Registering someone else's staff: the person is not theirs to register.
    expect((await register([ours as string], 'confidentialite-003', tokens.otherHr)).status).toBe(403);

    for (const [method, url] of [
      ['GET', `/api/v1/registrations/${registrationId}`],
      ['POST', `/api/v1/registrations/${registrationId}/cancel`],
      ['POST', `/api/v1/offers/${registrationId}/accept`],
    ] as const) {
      const refused = await call(method, url, tokens.otherHr);
      expect(refused.status, `${method} ${url}`).toBe(404);
      expect(refused.body.error.code).toBe('NOT_FOUND');
    }
    expect(await statusOf(registrationId)).toBe('confirmed');

    const traineeIdsIn = async (url: string, token: string) => ((await call('GET', url, token)).body.items as Array<{ trainee: { id: string } }>).map((item) => item.trainee.id).sort();
    expect(await traineeIdsIn(`/api/v1/sessions/${group}/registrations`, tokens.hr)).toEqual([ours]);
    expect(await traineeIdsIn(`/api/v1/sessions/${group}/registrations`, tokens.otherHr)).toEqual([theirs]);
    expect(await traineeIdsIn(`/api/v1/sessions/${group}/registrations`, tokens.manager)).toEqual([ours, theirs].sort());
    expect(await traineeIdsIn('/api/v1/registrations', tokens.otherHr)).toEqual([theirs]);
    expect((await call('GET', `/api/v1/trainees?employerId=${world.fixture.employerId}`, tokens.otherHr)).status).toBe(403);
    expect((await call('GET', '/api/v1/sessions/inconnu/registrations', tokens.hr)).status).toBe(404);
  });

  it('gives the provider the confirmed participants and the funder its validation queue', async () => {
    await world.setCapacity(group, 1);
    const answer = await register(await world.addStaff(2), 'prestataire-file-01');
    const [confirmed] = (answer.body.outcomes as Outcome[]).map((outcome) => outcome.registrationId);
    const participants = await call('GET', `/api/v1/sessions/${group}/registrations`, tokens.provider);
    expect(participants.status).toBe(200);
    expect(participants.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[confirmed, 'confirmed']]);
    expect((await call('GET', `/api/v1/sessions/${group}/registrations`, tokens.manager)).body.items).toHaveLength(2);
    expect((await call('GET', `/api/v1/sessions/${group}/registrations?status=waitlisted`, tokens.manager)).body.items).toHaveLength(2);

    const byStatus = await call('GET', `/api/v1/registrations?sessionId=${group}&status=waitlisted`, tokens.manager);
    expect(byStatus.body.items.map((item: { status: string }) => item.status)).toEqual(['waitlisted']);
    expect((await call('GET', '/api/v1/registrations?status=pending', tokens.manager)).body.items).toEqual([]);
    const unscoped = await call('GET', '/api/v1/registrations', tokens.manager);
    expect(unscoped.status).toBe(422);
    expect(unscoped.body.error.message).toContain('sessionId');
    expect((await call('GET', '/api/v1/registrations', tokens.provider)).status).toBe(422);
  });

  it('documents the new paths, the Idempotency-Key header and the replay header in OpenAPI', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/trainees',
        '/api/v1/sessions/{id}/registrations',
        '/api/v1/registrations',
        '/api/v1/registrations/{id}',
        '/api/v1/registrations/{id}/cancel',
        '/api/v1/offers/{id}/accept',
        '/api/v1/offers/{id}/decline',
      ]),
    );
    const registerOperation = doc.paths['/api/v1/sessions/{id}/registrations'].post;
    const header = registerOperation.parameters.find((parameter: { in: string; name: string }) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key');
    expect(header).toMatchObject({ required: true });
    expect(header.description).toContain('clé unique');
    expect(Object.keys(registerOperation.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '403', '422']));
    expect(registerOperation.responses['200'].headers['Idempotency-Replayed']).toBeDefined();
    expect(doc.paths['/api/v1/registrations/{id}'].get.tags).toEqual(['Inscriptions']);
    expect(doc.components.schemas.Registration.properties.statusLabel).toBeDefined();
  });
});
