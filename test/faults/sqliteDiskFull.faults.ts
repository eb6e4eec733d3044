/**
 * Fault 4 — the disk is full under SQLite. Simulated with `PRAGMA max_page_count` set just
 * above the current size, on the app's own connection (the limit is per connection, so the
 * app runs in this process: buildTestApp on the test database). Registrations are sent
 * through the API until the database cannot grow: the answer must say so in French (507,
 * « espace disque insuffisant »), the failed registration must leave nothing behind (no
 * registration without its mails, its audit entry and its idempotency key, and the reverse),
 * reads keep working, and once there is room again the same request succeeds and the file
 * passes `PRAGMA integrity_check`.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { buildCrowd, type Crowd } from '../support/registrationCrowd.js';
import { buildRegistrationWorld } from '../support/registrationWorld.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { groupInvariantViolations, groupRows, missingOrExtraMails } from './faultSupport.js';

const CAPACITY = 10;
const PEOPLE = 300;
/** Room left for a handful of registrations: the limit is met within a few requests, on a real write. */
const SPARE_PAGES = 12;
/** SQLite's own ceiling for max_page_count: "no limit" again. */
const NO_LIMIT = 1_073_741_823;
const AFTER = 5;

describe('SQLite: the disk is full', { timeout: 60_000 }, () => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let crowd: Crowd;
  let groupId: string;

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    const world = await buildRegistrationWorld(test.database, systemClock);
    groupId = world.moduleOne.groupIds[0] ?? '';
    await world.setCapacity(groupId, CAPACITY);
    crowd = await buildCrowd(test.database, systemClock, world, { employers: 1, peoplePerEmployer: PEOPLE });
    app = await buildTestApp(test.database, systemClock);
  });
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  it('answers 507 in French, writes nothing half, and works again once there is room', async () => {
    const { db } = test.database;
    const pragma = async <T>(statement: string) => (await sql.raw<T>(`PRAGMA ${statement}`).execute(db)).rows;
    const register = (index: number, key = `faults-disk-${index}`) => {
      const person = crowd.people[index] as Crowd['people'][number];
      return app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${groupId}/registrations`,
        headers: { authorization: `Bearer ${person.token}`, 'idempotency-key': key, accept: 'application/json' },
        payload: { people: [{ traineeId: person.traineeId }] },
      });
    };
    const counts = async () => {
      const count = async (table: 'registrations' | 'outbox' | 'idempotency_keys' | 'audit_log', where?: [string, string]) => {
        let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('total'));
        if (where) query = query.where(sql.ref(where[0]), 'like', where[1]);
        return Number((await query.executeTakeFirstOrThrow()).total);
      };
      return {
        registrations: await count('registrations'),
        mails: await count('outbox'),
        keys: await count('idempotency_keys'),
        audit: await count('audit_log', ['action', 'registration.%']),
      };
    };

    // The database may grow by a few pages only: the next registrations fill them.
    const [{ page_count: pages } = { page_count: 0 }] = await pragma<{ page_count: number }>('page_count');
    expect(pages).toBeGreaterThan(0);
    await pragma(`max_page_count = ${pages + SPARE_PAGES}`);
    expect(await pragma('max_page_count')).toEqual([{ max_page_count: pages + SPARE_PAGES }]);

    let full: { index: number; status: number; body: { error?: { code?: string; message?: string } } } | null = null;
    let registered = 0;
    for (let index = 0; index < PEOPLE && full === null; index += 1) {
      const answer = await register(index);
      if (answer.statusCode === 201) registered += 1;
      else full = { index, status: answer.statusCode, body: answer.json() };
    }
    expect(full, 'la base n’a jamais été pleine').not.toBeNull();
    expect(registered).toBeGreaterThan(0);
    const failed = full as NonNullable<typeof full>;
    expect(failed.status).toBe(507);
    expect(failed.body.error?.code).toBe('INSUFFICIENT_STORAGE');
    expect(failed.body.error?.message?.toLowerCase()).toContain('espace disque insuffisant');

    // Nothing half-written: the refused person has no registration, and every registration
    // has its mails, its audit entry and its idempotency key — no more, no less.
    const atFull = await counts();
    expect(atFull).toEqual({ registrations: registered, mails: atFull.mails, keys: registered, audit: registered });
    const names = new Map(crowd.people.map((person) => [person.traineeId, person.name]));
    const nameOf = (traineeId: string) => names.get(traineeId) ?? traineeId;
    expect(await missingOrExtraMails(test.database, groupId, nameOf)).toEqual([]);
    const refused = crowd.people[failed.index] as Crowd['people'][number];
    expect((await groupRows(test.database, groupId)).filter((row) => row.trainee_id === refused.traineeId)).toEqual([]);
    // A retry while still full fails the same way and still writes nothing.
    expect((await register(failed.index)).statusCode).toBe(507);
    expect(await counts()).toEqual(atFull);
    // Reading needs no room: the group and the registrations can still be read.
    expect((await app.inject({ method: 'GET', url: `/api/v1/sessions/${groupId}` })).statusCode).toBe(200);

    // Room again (the operator freed the disk): the same request, same key, now goes through.
    await pragma(`max_page_count = ${NO_LIMIT}`);
    const retried = await register(failed.index);
    expect(retried.statusCode).toBe(201);
    expect(retried.json<{ outcomes: Array<{ traineeId: string }> }>().outcomes.map((outcome) => outcome.traineeId)).toEqual([refused.traineeId]);
    for (let index = failed.index + 1; index <= failed.index + AFTER; index += 1) expect((await register(index)).statusCode).toBe(201);
    // And a key answered before the disk filled up is replayed, not registered twice.
    expect((await register(0)).statusCode).toBe(200);

    const total = registered + 1 + AFTER;
    const after = await counts();
    expect({ registrations: after.registrations, keys: after.keys, audit: after.audit }).toEqual({ registrations: total, keys: total, audit: total });
    expect(await missingOrExtraMails(test.database, groupId, nameOf)).toEqual([]);
    expect(await groupInvariantViolations(test.database, groupId)).toEqual([]);
    expect(await pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    console.info(`SQLite pleine : ${registered} inscriptions avant la limite (${pages} + ${SPARE_PAGES} pages), refus 507, puis ${1 + AFTER} inscriptions une fois la place revenue`);
  });
});
