/**
 * Fault 1 — kill -9 during a registration rush, on SQLite and on PostgreSQL. A shorter run of
 * what test/integration/registrationDurability.test.ts checks at length (with SMTP), kept here
 * so that the fault suite covers a crash too: one of two instances is killed without warning
 * while 150 registrations are in flight; clients retry what got no answer with the same
 * Idempotency-Key. Nothing answered may be lost, no retry may register twice, and no
 * registration may exist without the mails of its transaction (nor a mail without it).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { ApiClient, inPool, type ApiAnswer } from '../support/apiClient.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { buildCrowd, type Crowd } from '../support/registrationCrowd.js';
import { buildRegistrationWorld } from '../support/registrationWorld.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';
import { answersAgainstStore, groupInvariantViolations, groupRows, isSuccess, missingOrExtraMails, type RegisterBody } from './faultSupport.js';

const CAPACITY = 20;
const RUSH = 150;
const KILL_AFTER_ANSWERS = 50;
const IN_FLIGHT = 30;
const RETRIES = 4;

describe.each(TEST_DIALECTS)('kill -9 of an instance during a registration rush on %s', { timeout: 150_000 }, (dialect) => {
  let test: TestDatabase;
  let crowd: Crowd;
  let groupId: string;
  let victim: AppProcess;
  let survivor: AppProcess;
  const clients = new Map<AppProcess, ApiClient>();

  const clientOf = (instance: AppProcess) => {
    let client = clients.get(instance);
    if (!client) clients.set(instance, (client = new ApiClient(instance.origin, IN_FLIGHT)));
    return client;
  };
  /** Sockets kept alive to a dead instance are useless: the next request opens new ones. */
  const forget = (instance: AppProcess) => {
    clients.get(instance)?.close();
    clients.delete(instance);
  };

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const world = await buildRegistrationWorld(test.database, systemClock);
    groupId = world.moduleOne.groupIds[0] ?? '';
    await world.setCapacity(groupId, CAPACITY);
    crowd = await buildCrowd(test.database, systemClock, world, { employers: 3, peoplePerEmployer: RUSH / 3 });
    // No SMTP: the mails stay in the outbox, where the test counts them against the registrations.
    const start = (name: string) => startAppProcess({ name: `instance ${name} (${dialect}, kill -9)`, databaseUrl: test.url });
    [victim, survivor] = await Promise.all([start('A'), start('B')]);
  });

  afterAll(async () => {
    for (const instance of [...clients.keys()]) forget(instance);
    await Promise.all([victim?.kill(), survivor?.kill()]);
    await test?.cleanup();
  });

  it('loses nothing answered, registers no retry twice, and leaves no registration without its mails', async () => {
    const people = crowd.people;
    const keys = people.map((person, index) => `faults-kill-${index}-${person.traineeId}`);
    const instanceOf = (index: number) => (index % 2 === 0 ? victim : survivor);
    const register = (instance: AppProcess, index: number) => {
      const person = people[index] as Crowd['people'][number];
      return clientOf(instance).post(`/api/v1/sessions/${groupId}/registrations`, person.token, { people: [{ traineeId: person.traineeId }] }, { 'idempotency-key': keys[index] ?? '' });
    };

    let answered = 0;
    let killing: Promise<void> | null = null;
    const first = await inPool(people, IN_FLIGHT, async (_person, index) => {
      const answer = await register(instanceOf(index), index);
      if (isSuccess(answer)) answered += 1;
      if (answered >= KILL_AFTER_ANSWERS && killing === null) killing = victim.kill();
      return { index, answer };
    });
    expect(killing).not.toBeNull();
    await killing;

    // The survivor answered everything it was sent; the victim failed only by not answering.
    const failed = first.filter(({ answer }) => !isSuccess(answer));
    expect(failed.filter(({ answer, index }) => answer.status !== 0 || instanceOf(index) !== victim)).toEqual([]);

    // The victim comes back; what got no answer is sent again with its key, on either instance.
    forget(victim);
    await victim.restart();
    const retried = await inPool(failed, IN_FLIGHT, async ({ index }) => {
      let answer: ApiAnswer = { status: 0, body: null };
      for (let attempt = 0; attempt < RETRIES && !isSuccess(answer); attempt += 1) answer = await register(attempt % 2 === index % 2 ? victim : survivor, index);
      return { index, answer };
    });
    expect(retried.filter(({ answer }) => !isSuccess(answer))).toEqual([]);
    // Answers given before the kill are replayed by the other instance: same registration, 200.
    const replays = await inPool(
      first.filter(({ answer }) => isSuccess(answer)).slice(0, 20),
      IN_FLIGHT,
      async ({ index }) => ({ index, answer: await register(instanceOf(index) === victim ? survivor : victim, index) }),
    );
    expect(replays.map(({ answer }) => [answer.status, (answer.body as RegisterBody).replayed])).toEqual(replays.map(() => [200, true]));

    const stored = await groupRows(test.database, groupId);
    const { problems, keys: answeredKeys } = answersAgainstStore([...first, ...retried, ...replays], (index) => people[index]?.traineeId ?? '', stored);
    expect(problems).toEqual([]);
    expect(answeredKeys).toBe(RUSH);
    expect(stored).toHaveLength(RUSH);
    expect(new Set(stored.map((row) => row.trainee_id)).size).toBe(RUSH);
    expect(await groupInvariantViolations(test.database, groupId)).toEqual([]);
    expect(stored.filter((row) => row.status === 'confirmed')).toHaveLength(CAPACITY);

    // The killed instance may have left rows claimed by its outbox worker: they are still
    // there, pending; what matters is that each registration has its mails, once.
    const names = new Map(people.map((person) => [person.traineeId, person.name]));
    expect(await missingOrExtraMails(test.database, groupId, (traineeId) => names.get(traineeId) ?? traineeId)).toEqual([]);
    // A process killed in the middle of a write must leave the SQLite file sound (WAL replay).
    if (dialect === 'sqlite') expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(test.database.db)).rows).toEqual([{ integrity_check: 'ok' }]);
    console.info(`[${dialect}] kill -9 : ${failed.length} demandes sans réponse, ${retried.filter(({ answer }) => answer.status === 200).length} rejouées à la relance`);
  });
});
