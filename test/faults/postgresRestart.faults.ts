/**
 * Fault 2 — PostgreSQL restarted under load. Two app instances on one PostgreSQL database take
 * a steady stream of registrations, API catalogue reads and catalogue pages; the cluster is
 * restarted in the middle (`pg_ctlcluster 15 main stop -m fast`, then `start`: a fast-mode
 * restart, split in two so that the outage lasts until the stream has met it on both
 * instances, whatever the speed of the machine).
 *
 * While the database is away every request gets an HTTP answer: a success, or a 503 with a
 * French message and Retry-After (never a 500, never a dropped connection); the processes
 * survive; once /readyz says so, every request succeeds again; clients retrying with the same
 * Idempotency-Key get exactly one registration per person; the group is still coherent.
 *
 * It stops the machine's PostgreSQL cluster: other suites must not run at the same time
 * (`npm run test:faults` runs one file at a time, after `npm test` in CI).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { buildCrowd, type Crowd } from '../support/registrationCrowd.js';
import { buildRegistrationWorld } from '../support/registrationWorld.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { answersAgainstStore, groupInvariantViolations, groupRows, HttpProbe, isSuccess, missingOrExtraMails, sleep, type HttpAnswer, type RegisterBody } from './faultSupport.js';

const run = promisify(execFile);
/** The Debian cluster behind RELAIS_TEST_PG_URL (see .ci/run). */
const CLUSTER = ['15', 'main'] as const;
const CAPACITY = 25;
const PEOPLE = 160;
/** Concurrent clients over both instances. */
const LANES = 8;
/** Registrations answered before the outage, and after it: the stream is busy on both sides. */
const SUCCESSES_BEFORE = 30;
const SUCCESSES_AFTER = 30;
/** Answers (per instance) received while the database was fully down, before it is started again. */
const OUTAGE_ANSWERS_PER_INSTANCE = 10;
/** Longest wait for any phase: a safety net so a broken run fails instead of hanging. */
const PHASE_LIMIT_MS = 60_000;
const UNAVAILABLE_MESSAGE = 'Service momentanément indisponible, réessayez dans un instant.';

type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'recovering' | 'after';

interface Sent {
  what: 'register' | 'api-read' | 'page';
  instance: number;
  /** The phase when the request left, and when its answer came back. */
  sentIn: Phase;
  answeredIn: Phase;
  index: number | null;
  answer: HttpAnswer;
}

const PG_URL = process.env.RELAIS_TEST_PG_URL;

describe.skipIf(!PG_URL)('PostgreSQL restarted under load with two app instances', { timeout: 170_000 }, () => {
  let test: TestDatabase;
  let crowd: Crowd;
  let groupId: string;
  let trainingSlug: string;
  let instances: AppProcess[] = [];
  let probes: HttpProbe[] = [];

  beforeAll(async () => {
    await ensurePostgresRunning();
    test = await createTestDatabase('postgres');
    const world = await buildRegistrationWorld(test.database, systemClock);
    groupId = world.moduleOne.groupIds[0] ?? '';
    await world.setCapacity(groupId, CAPACITY);
    const training = await test.database.db.selectFrom('trainings').select('slug').where('id', '=', world.moduleOne.trainingId).executeTakeFirstOrThrow();
    trainingSlug = training.slug;
    crowd = await buildCrowd(test.database, systemClock, world, { employers: 2, peoplePerEmployer: PEOPLE / 2 });
    instances = await Promise.all(['A', 'B'].map((name) => startAppProcess({ name: `instance ${name} (PostgreSQL redémarré)`, databaseUrl: test.url })));
    probes = instances.map((instance) => new HttpProbe(instance.origin, LANES));
  });

  afterAll(async () => {
    // Whatever happened above, the cluster is left running for whoever uses it next.
    await ensurePostgresRunning();
    for (const probe of probes) probe.close();
    await Promise.all(instances.map((instance) => instance.kill()));
    await test?.cleanup();
  });

  it('answers 503 in French during the outage, recovers by itself, and registers each person once', async () => {
    const people = crowd.people;
    const keys = people.map((person, index) => `faults-pg-${index}-${person.traineeId}`);
    const register = (instance: number, index: number) => {
      const person = people[index] as Crowd['people'][number];
      return (probes[instance] as HttpProbe).send('POST', `/api/v1/sessions/${groupId}/registrations`, {
        token: person.token,
        json: { people: [{ traineeId: person.traineeId }] },
        headers: { 'idempotency-key': keys[index] ?? '' },
      });
    };
    const pids = instances.map((instance) => instance.pid);

    let phase: Phase = 'before';
    let streaming = true;
    let nextPerson = 0;
    const log: Sent[] = [];
    const count = (filter: (sent: Sent) => boolean) => log.filter(filter).length;

    const lane = async (laneNumber: number) => {
      for (let turn = 0; streaming; turn += 1) {
        const instance = (laneNumber + turn) % 2;
        const sentIn = phase;
        const kind = turn % 3;
        let sent: Omit<Sent, 'answeredIn'>;
        if (kind === 0 && nextPerson < people.length) {
          const index = nextPerson;
          nextPerson += 1;
          sent = { what: 'register', instance, sentIn, index, answer: await register(instance, index) };
        } else if (kind === 1) {
          const path = turn % 2 === 0 ? `/api/v1/sessions/${groupId}` : `/api/v1/trainings?q=${encodeURIComponent('aller vers')}&page=${1 + (turn % 3)}`;
          sent = { what: 'api-read', instance, sentIn, index: null, answer: await (probes[instance] as HttpProbe).send('GET', path) };
        } else {
          // Anonymous pages: the cache may answer them from memory, or the database is asked.
          const path = turn % 2 === 0 ? `/formations/${trainingSlug}` : `/?q=${encodeURIComponent('aller vers')}&places=${turn % 4 === 0 ? '1' : '0'}`;
          sent = { what: 'page', instance, sentIn, index: null, answer: await (probes[instance] as HttpProbe).send('GET', path, { accept: 'text/html' }) };
        }
        log.push({ ...sent, answeredIn: phase });
        // A client backs off a little after a failure instead of hammering the instance.
        if (!isSuccess(sent.answer) && sent.answer.status !== 404) await sleep(25);
      }
    };
    const waitFor = async (what: string, done: () => boolean) => {
      const deadline = Date.now() + PHASE_LIMIT_MS;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`${what} : toujours pas après ${PHASE_LIMIT_MS / 1000} s (${log.length} réponses)\n${instances.map((instance) => instance.output()).join('\n')}`);
        await sleep(20);
      }
    };

    const lanes = Array.from({ length: LANES }, (_, laneNumber) => lane(laneNumber));
    try {
      await waitFor('inscriptions avant la panne', () => count((sent) => sent.what === 'register' && isSuccess(sent.answer)) >= SUCCESSES_BEFORE);

      phase = 'stopping';
      await postgres('stop');
      phase = 'down';
      await waitFor('réponses pendant la panne', () =>
        [0, 1].every((instance) => count((sent) => sent.instance === instance && sent.sentIn === 'down' && sent.answeredIn === 'down') >= OUTAGE_ANSWERS_PER_INSTANCE),
      );
      phase = 'starting';
      await postgres('start');
      phase = 'recovering';
      await Promise.all(probes.map((probe, index) => waitUntilReady(probe, instances[index] as AppProcess)));
      phase = 'after';
      await waitFor('inscriptions après la relance', () => nextPerson >= people.length || count((sent) => sent.what === 'register' && sent.sentIn === 'after' && isSuccess(sent.answer)) >= SUCCESSES_AFTER);
      await waitFor('lectures après la relance', () => count((sent) => sent.what !== 'register' && sent.sentIn === 'after' && isSuccess(sent.answer)) >= 2 * LANES);
    } finally {
      streaming = false;
      await Promise.all(lanes);
      await ensurePostgresRunning();
    }

    // Every request got an HTTP answer; what failed, failed as a 503 in French with Retry-After.
    expect(log.filter((sent) => sent.answer.status === 0).map(explain)).toEqual([]);
    const failures = log.filter((sent) => !isSuccess(sent.answer));
    expect(failures.filter((sent) => !isCleanUnavailable(sent)).map(explain)).toEqual([]);
    // The outage was met: during it, both instances answered requests that needed the database with 503.
    for (const instance of [0, 1]) expect(count((sent) => sent.instance === instance && sent.sentIn === 'down' && sent.answer.status === 503)).toBeGreaterThan(0);
    expect(failures.some((sent) => sent.what === 'page')).toBe(true);
    // Once /readyz said ready, nothing failed any more.
    expect(log.filter((sent) => sent.sentIn === 'after' && !isSuccess(sent.answer)).map(explain)).toEqual([]);

    // The processes lived through it: same pids, still answering.
    expect(instances.map((instance) => instance.pid)).toEqual(pids);
    for (const pid of pids) expect(() => process.kill(pid ?? -1, 0)).not.toThrow();
    for (const probe of probes) expect((await probe.send('GET', '/healthz')).status).toBe(200);

    // Clients retry every registration that did not succeed, with its key; and replay a few that did.
    const attempted = [...new Set(log.filter((sent) => sent.what === 'register').map((sent) => sent.index as number))];
    const succeeded = new Set(log.filter((sent) => sent.what === 'register' && isSuccess(sent.answer)).map((sent) => sent.index as number));
    const toRetry = attempted.filter((index) => !succeeded.has(index));
    expect(toRetry.length).toBeGreaterThan(0);
    const retried: Array<{ index: number; answer: HttpAnswer }> = [];
    for (const [position, index] of toRetry.entries()) retried.push({ index, answer: await register(position % 2, index) });
    expect(retried.filter(({ answer }) => !isSuccess(answer)).map(({ index, answer }) => ({ index, status: answer.status, body: answer.body }))).toEqual([]);
    const replays: Array<{ index: number; answer: HttpAnswer }> = [];
    for (const index of [...succeeded].slice(0, 10)) replays.push({ index, answer: await register(index % 2, index) });
    expect(replays.map(({ answer }) => [answer.status, (answer.body as RegisterBody).replayed])).toEqual(replays.map(() => [200, true]));

    const stored = await groupRows(test.database, groupId);
    const registrationAnswers = [...log.filter((sent) => sent.what === 'register').map((sent) => ({ index: sent.index as number, answer: sent.answer })), ...retried, ...replays];
    const { problems, keys: answeredKeys } = answersAgainstStore(registrationAnswers, (index) => people[index]?.traineeId ?? '', stored);
    expect(problems).toEqual([]);
    expect(answeredKeys).toBe(attempted.length);
    expect(stored).toHaveLength(attempted.length);
    expect(new Set(stored.map((row) => row.trainee_id))).toEqual(new Set(attempted.map((index) => people[index]?.traineeId)));
    expect(await groupInvariantViolations(test.database, groupId)).toEqual([]);
    const names = new Map(people.map((person) => [person.traineeId, person.name]));
    expect(await missingOrExtraMails(test.database, groupId, (traineeId) => names.get(traineeId) ?? traineeId)).toEqual([]);

    const byStatus = new Map<number, number>();
    for (const sent of log) byStatus.set(sent.answer.status, (byStatus.get(sent.answer.status) ?? 0) + 1);
    console.info(
      `PostgreSQL redémarré : ${log.length} réponses (${[...byStatus].map(([status, total]) => `${total} × ${status}`).join(', ')}), ` +
        `${count((sent) => sent.sentIn === 'down')} pendant la panne, ${toRetry.length} inscriptions renvoyées, ${retried.filter(({ answer }) => answer.status === 200).length} déjà enregistrées (rejouées)`,
    );
  });
});

/** 503, the French message, Retry-After; JSON on the API, an HTML page elsewhere. */
function isCleanUnavailable(sent: Sent): boolean {
  const { answer } = sent;
  if (answer.status !== 503 || answer.headers['retry-after'] === undefined) return false;
  const type = String(answer.headers['content-type'] ?? '');
  if (sent.what === 'page') return type.startsWith('text/html') && typeof answer.body === 'string' && answer.body.includes(htmlEscaped(UNAVAILABLE_MESSAGE));
  const body = answer.body as { error?: { code?: string; message?: string } } | null;
  return type.startsWith('application/json') && body?.error?.message === UNAVAILABLE_MESSAGE;
}

function htmlEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function explain(sent: Sent): string {
  const body = typeof sent.answer.body === 'string' ? sent.answer.body.slice(0, 200) : JSON.stringify(sent.answer.body);
  return `${sent.what} → instance ${sent.instance} (${sent.sentIn}→${sent.answeredIn}) : ${sent.answer.status} ${sent.answer.error ?? ''} ${body}`;
}

async function postgres(action: 'stop' | 'start'): Promise<void> {
  // stop: fast mode (roll back what runs, close the connections); both wait until done. No
  // systemctl redirect, as in .ci/run: the cluster may have been started without systemd.
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', ...CLUSTER, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);
}

async function isPostgresUp(): Promise<boolean> {
  try {
    await run('pg_isready', ['-q', '-h', '127.0.0.1']);
    return true;
  } catch {
    return false;
  }
}

async function ensurePostgresRunning(): Promise<void> {
  if (await isPostgresUp()) return;
  await postgres('start').catch(() => undefined);
  for (let attempt = 0; attempt < 60 && !(await isPostgresUp()); attempt += 1) await sleep(500);
  if (!(await isPostgresUp())) throw new Error(`PostgreSQL (${CLUSTER.join(' ')}) ne redémarre pas`);
}

async function waitUntilReady(probe: HttpProbe, instance: AppProcess): Promise<void> {
  const deadline = Date.now() + PHASE_LIMIT_MS;
  for (;;) {
    const answer = await probe.send('GET', '/readyz');
    if (answer.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${instance.name} : /readyz toujours ${answer.status} ${answer.error ?? JSON.stringify(answer.body)}\n${instance.output()}`);
    await sleep(100);
  }
}
