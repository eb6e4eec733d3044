/**
 * Part 1: registration throughput on PostgreSQL with one app instance, then with two on the
 * same database, the load split across both with the same total number of connections.
 *
 * Many groups (--groups, 40 by default), each request for a group drawn by a seeded generator,
 * so that no single session row is hot and two instances may still meet on the same group.
 * Groups are small (--capacity, 15 seats): they fill during the warm-ups and the first round,
 * then requests are waitlisted — both instances race for the last seats of every group.
 * Every request registers a new person (one seat per training), with its own Idempotency-Key.
 *
 * Both instances run for the whole part, with their outbox workers (no SMTP: mails kept) and
 * registration jobs, as in production; while one instance is measured, the other only runs
 * its background work (its CPU time is reported). Measured time is cut into alternating rounds
 * (../registration/rounds.ts). Afterwards, with both instances stopped, the database is
 * checked: no group over its capacity, no seat lost, no person twice, seq without gaps,
 * first come first confirmed, every 201 answer stored.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { measureDynamic, type DynamicRequest } from '../support/dynamicLoad.js';
import { createBenchPostgres } from '../support/postgresDatabase.js';
import { Prng } from '../support/prng.js';
import type { ServerProcess } from '../support/serverProcess.js';
import type { Launcher } from '../registration/launcher.js';
import { compareInRounds, type Pooled, type Side } from '../registration/rounds.js';
import { prepareStaffWorld } from '../registration/world.js';
import type { Options } from './options.js';

const APP_SERVER = new URL('./appServer.ts', import.meta.url);

export interface GroupCheck {
  maxTrainees: number;
  registrations: number;
  people: number;
  confirmed: number;
  /** Confirmed, pending and offered: the seats taken. */
  held: number;
  waitlisted: number;
  other: number;
  seqGaps: number;
  confirmedAfterWaitlisted: number;
}

export interface RegistrationChecks {
  groups: number;
  registrations: number;
  /** Groups holding more confirmed people than seats. */
  overbookedGroups: number;
  /** Groups with a free seat while people wait (a lost seat). */
  groupsWithLostSeats: number;
  /** Same person registered twice in a group, or active twice in the training. */
  duplicates: number;
  seqGaps: number;
  /** Confirmed registrations decided after a waitlisted one of the same group. */
  confirmedAfterWaitlisted: number;
  /** Registrations answered 201 but absent from the database. */
  answeredNotStored: number;
  /** Registrations stored whose answer autocannon dropped when a round ended (not an error). */
  storedNotAnswered: number;
  statuses: Record<string, number>;
}

export interface RegistrationScaleResult {
  database: string;
  setupSeconds: number;
  groups: number;
  capacity: number;
  trainees: number;
  one: Pooled;
  two: Pooled;
  ratio: number;
  /** CPU ms per 2xx answer of each instance during the 2-instance side: how the load split. */
  twoSplit: { a: number; b: number };
  /** CPU seconds of instance B (worker and jobs only) while instance A was measured alone. */
  idleSecondInstanceCpuSeconds: number;
  outcomes: { one: Record<string, number>; two: Record<string, number> };
  firstRefusal: string | null;
  ranOut: boolean;
  checks: RegistrationChecks;
}

export async function runRegistrationScale(options: Options, adminUrl: string, launcher: Launcher, log: (message: string) => void): Promise<RegistrationScaleResult> {
  const bench = await createBenchPostgres(adminUrl);
  log(`base PostgreSQL ${bench.name} créée.`);
  try {
    const started = performance.now();
    const setup = openDatabase({ kind: 'postgres', url: bench.url }, { poolSize: 4 });
    let world: Awaited<ReturnType<typeof prepareStaffWorld>>;
    try {
      await migrateToLatest(setup);
      world = await prepareStaffWorld(setup, systemClock, { groups: options.groups, capacity: options.capacity, trainees: options.trainees });
    } finally {
      await setup.close();
    }
    const setupSeconds = (performance.now() - started) / 1000;
    log(`PostgreSQL prête en ${setupSeconds.toFixed(1)} s : ${world.traineeIds.length} personnes, ${world.groupIds.length} groupes de ${options.capacity} places.`);

    const args = [bench.url, String(options.poolSize), '-'];
    const [a, b] = await Promise.all([launcher.start('instance A', APP_SERVER, args), launcher.start('instance B', APP_SERVER, args)]);
    try {
      const stream = scaleStream({ token: world.token, groupIds: world.groupIds, traineeIds: world.traineeIds, keyPrefix: `scale-${process.pid}` });
      const tally = new AnswerTally();
      // One registration through each instance before measuring: both answer as expected.
      for (const instance of [a, b]) await registerOnce(instance, stream.next(), tally);

      let idleMicros = 0;
      const cpuOf = async (server: ServerProcess) => (await server.memory()).cpuMicros;
      // CPU of each instance over every 2-instance run (warm-up included) and the answers of those runs.
      const splitCpu = { a: 0, b: 0, answers: 0 };
      const one: Side = {
        key: 'one',
        name: '1 instance',
        async round(seconds, samples) {
          const idleBefore = await cpuOf(b);
          const result = await measureDynamic({ name: '1 instance', origin: a.origin, next: () => stream.next(), onBody: (status, body) => tally.record(status, body, 'one') }, { connections: options.connections, durationSeconds: seconds }, { samples });
          idleMicros += (await cpuOf(b)) - idleBefore;
          return { successes: result.successes, answers: result.answers, seconds: result.durationSeconds, statuses: result.statuses, errors: result.errors + result.timeouts };
        },
        cpuMicros: () => cpuOf(a),
      };
      const half = Math.floor(options.connections / 2);
      const two: Side = {
        key: 'two',
        name: '2 instances',
        async round(seconds, samples) {
          const [cpuA, cpuB] = [await cpuOf(a), await cpuOf(b)];
          const results = await Promise.all(
            [
              { server: a, connections: options.connections - half },
              { server: b, connections: half },
            ].map(({ server, connections }) =>
              measureDynamic({ name: server.name, origin: server.origin, next: () => stream.next(), onBody: (status, body) => tally.record(status, body, 'two') }, { connections, durationSeconds: seconds }, { samples }),
            ),
          );
          splitCpu.a += (await cpuOf(a)) - cpuA;
          splitCpu.b += (await cpuOf(b)) - cpuB;
          splitCpu.answers += results.reduce((sum, result) => sum + result.successes, 0);
          const statuses: Record<string, number> = {};
          for (const result of results) for (const [status, count] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
          return {
            successes: results.reduce((sum, result) => sum + result.successes, 0),
            answers: results.reduce((sum, result) => sum + result.answers, 0),
            seconds: Math.max(...results.map((result) => result.durationSeconds)),
            statuses,
            errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
          };
        },
        cpuMicros: async () => (await cpuOf(a)) + (await cpuOf(b)),
      };
      // Both instances as warm as each other before anything is measured, as two instances
      // that have been serving for a while: B alone gets the warm-up A gets alone.
      if (options.warmupSeconds > 0) {
        log(`chauffe : instance B seule (${options.warmupSeconds} s)`);
        await measureDynamic({ name: 'instance B', origin: b.origin, next: () => stream.next(), onBody: (status, body) => tally.record(status, body, 'warmup') }, { connections: options.connections, durationSeconds: options.warmupSeconds });
      }
      const pooled = await compareInRounds([one, two], options, log);
      const oneResult = pooled.get('one');
      const twoResult = pooled.get('two');
      if (!oneResult || !twoResult) throw new Error('mesures incomplètes');
      // Stopped before the checks: nothing is left half-way in a transaction.
      await launcher.stop(a);
      await launcher.stop(b);
      const checks = await checkDatabase(bench.url, world.groupIds, world.trainingId, tally.ids);
      log(`contrôles : ${checks.registrations} inscriptions, ${checks.overbookedGroups} groupe(s) en surréservation, ${checks.duplicates} doublon(s).`);
      const perAnswer = (micros: number) => (splitCpu.answers > 0 ? micros / 1000 / splitCpu.answers : 0);
      return {
        database: bench.name,
        setupSeconds,
        groups: world.groupIds.length,
        capacity: options.capacity,
        trainees: world.traineeIds.length,
        one: oneResult,
        two: twoResult,
        ratio: oneResult.rps > 0 ? twoResult.rps / oneResult.rps : 0,
        twoSplit: { a: perAnswer(splitCpu.a), b: perAnswer(splitCpu.b) },
        idleSecondInstanceCpuSeconds: idleMicros / 1e6,
        outcomes: { one: tally.outcomes.one ?? {}, two: tally.outcomes.two ?? {} },
        firstRefusal: tally.firstRefusal,
        ranOut: stream.ranOut,
        checks,
      };
    } finally {
      await launcher.stop(a).catch(() => undefined);
      await launcher.stop(b).catch(() => undefined);
    }
  } finally {
    await bench.drop();
    log(`base PostgreSQL ${bench.name} supprimée.`);
  }
}

/** One registration before measuring: a 201, or the run stops here. */
async function registerOnce(server: ServerProcess, request: DynamicRequest, tally: AnswerTally): Promise<void> {
  const response = await fetch(server.origin + request.path, { method: request.method, headers: request.headers, body: request.body ?? null });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`${server.name} : ${request.method} ${request.path} répond ${response.status} au lieu de 201 : ${body.slice(0, 400)}`);
  tally.record(response.status, body, 'check');
}

/**
 * Request n registers person n (one seat per training: a new person each time) into a group
 * drawn by a seeded generator, with its own Idempotency-Key. Past the last person it starts
 * again from the first: those requests are refused (409), which the report shows.
 */
function scaleStream(input: { token: string; groupIds: readonly string[]; traineeIds: readonly string[]; keyPrefix: string }): { next(): DynamicRequest; readonly ranOut: boolean } {
  const prng = new Prng('relais-bench-scale');
  let count = 0;
  return {
    next() {
      const n = count;
      count += 1;
      const traineeId = input.traineeIds[n % input.traineeIds.length] ?? '';
      const groupId = prng.pick(input.groupIds);
      return {
        method: 'POST',
        path: `/api/v1/sessions/${groupId}/registrations`,
        headers: { authorization: `Bearer ${input.token}`, 'content-type': 'application/json', 'idempotency-key': `${input.keyPrefix}-${n}` },
        body: JSON.stringify({ people: [{ traineeId }] }),
      };
    },
    get ranOut() {
      return count > input.traineeIds.length;
    },
  };
}

/** Outcomes of 2xx answers by side, the registration ids they gave, and the first refusal. */
class AnswerTally {
  readonly outcomes: Record<string, Record<string, number>> = {};
  readonly ids = new Set<string>();
  firstRefusal: string | null = null;

  record(statusCode: number, body: string, side: string): void {
    if (statusCode < 200 || statusCode >= 300) {
      this.firstRefusal ??= `${statusCode} ${body.slice(0, 300)}`;
      return;
    }
    try {
      const parsed = JSON.parse(body) as { outcomes?: Array<{ registrationId?: string; status?: string }> };
      const counts = (this.outcomes[side] ??= {});
      for (const outcome of parsed.outcomes ?? []) {
        if (outcome.registrationId) this.ids.add(outcome.registrationId);
        counts[outcome.status ?? '?'] = (counts[outcome.status ?? '?'] ?? 0) + 1;
      }
    } catch {
      this.firstRefusal ??= `${statusCode} réponse illisible : ${body.slice(0, 200)}`;
    }
  }
}

async function checkDatabase(url: string, groupIds: readonly string[], trainingId: string, answeredIds: ReadonlySet<string>): Promise<RegistrationChecks> {
  const database = openDatabase({ kind: 'postgres', url }, { poolSize: 2 });
  try {
    const { db } = database;
    const rows = await db.selectFrom('registrations').select(['id', 'session_id', 'trainee_id', 'status', 'seq']).where('session_id', 'in', [...groupIds]).orderBy('session_id').orderBy('seq').execute();
    const capacities = new Map((await db.selectFrom('sessions').select(['id', 'max_trainees']).where('id', 'in', [...groupIds]).execute()).map((row) => [row.id, row.max_trainees]));
    const statuses: Record<string, number> = {};
    const byGroup = new Map<string, typeof rows>();
    for (const row of rows) {
      statuses[row.status] = (statuses[row.status] ?? 0) + 1;
      byGroup.set(row.session_id, [...(byGroup.get(row.session_id) ?? []), row]);
    }
    const groups: GroupCheck[] = groupIds.map((groupId) => {
      const own = byGroup.get(groupId) ?? [];
      const confirmed = own.filter((row) => row.status === 'confirmed');
      const held = own.filter((row) => row.status === 'confirmed' || row.status === 'pending' || row.status === 'offered').length;
      const waitlisted = own.filter((row) => row.status === 'waitlisted');
      const firstWaiting = Math.min(...waitlisted.map((row) => row.seq));
      const maxSeq = Math.max(0, ...own.map((row) => row.seq));
      return {
        maxTrainees: capacities.get(groupId) ?? 0,
        registrations: own.length,
        people: new Set(own.map((row) => row.trainee_id)).size,
        confirmed: confirmed.length,
        held,
        waitlisted: waitlisted.length,
        other: own.length - confirmed.length - waitlisted.length,
        seqGaps: maxSeq - own.length,
        confirmedAfterWaitlisted: confirmed.filter((row) => row.seq > firstWaiting).length,
      };
    });
    const twiceInTraining = await db
      .selectFrom('registrations')
      .select((eb) => ['trainee_id', eb.fn.countAll<number>().as('total')])
      .where('training_id', '=', trainingId)
      .where('status', 'in', ['pending', 'confirmed', 'waitlisted', 'offered'])
      .groupBy('trainee_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const storedIds = new Set(rows.map((row) => row.id));
    return {
      groups: groups.length,
      registrations: rows.length,
      overbookedGroups: groups.filter((group) => group.held > group.maxTrainees).length,
      groupsWithLostSeats: groups.filter((group) => group.waitlisted > 0 && group.held < group.maxTrainees).length,
      duplicates: groups.reduce((sum, group) => sum + group.registrations - group.people, 0) + twiceInTraining.reduce((sum, row) => sum + Number(row.total) - 1, 0),
      seqGaps: groups.reduce((sum, group) => sum + group.seqGaps, 0),
      confirmedAfterWaitlisted: groups.reduce((sum, group) => sum + group.confirmedAfterWaitlisted, 0),
      answeredNotStored: [...answeredIds].filter((id) => !storedIds.has(id)).length,
      storedNotAnswered: [...storedIds].filter((id) => !answeredIds.has(id)).length,
      statuses,
    };
  } finally {
    await database.close();
  }
}
