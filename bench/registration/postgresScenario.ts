/**
 * Part (b), PostgreSQL: every request on ONE hot group. The app (PG_POOL_SIZE = --pool) over
 * HTTP with --connections autocannon connections, against the seat recipe in raw `pg`
 * (rawPostgresLoop.ts) with as many loops sharing a pool of the same size. Each side has its
 * own hot group of the same capacity in the same database, so neither counts the other's rows;
 * the baseline's is in Module 2, another training, so that the people it registers can still
 * take a seat in Module 1 through the app (one seat per training).
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { createBenchPostgres } from '../support/postgresDatabase.js';
import { checkOneRegistration } from './checks.js';
import type { Launcher } from './launcher.js';
import type { Options } from './options.js';
import { profileRegistration, type QueryProfile } from './queryProfile.js';
import { rawPostgresLoop } from './rawPostgresLoop.js';
import { OutcomeTally, registrationStream } from './requests.js';
import { compareInRounds, httpSide, type Pooled } from './rounds.js';
import { addGroups, prepareStaffWorld } from './world.js';

export interface PostgresResult {
  database: string;
  setupSeconds: number;
  capacity: number;
  trainees: number;
  profile: QueryProfile | null;
  app: Pooled;
  raw: Pooled;
  ratio: number;
  outcomes: { app: Record<string, number>; raw: Record<string, number> };
  firstRefusal: { app: string | null; raw: string | null };
  appRanOut: boolean;
  rawRanOut: boolean;
  /** After the run, in the app's hot group: registrations, distinct people, confirmed. */
  hotGroup: { registrations: number; people: number; confirmed: number; seqGaps: number };
}

export async function runPostgresScenario(options: Options, adminUrl: string, launcher: Launcher, log: (message: string) => void): Promise<PostgresResult> {
  const bench = await createBenchPostgres(adminUrl);
  log(`base PostgreSQL ${bench.name} créée.`);
  try {
    const started = performance.now();
    const database = openDatabase({ kind: 'postgres', url: bench.url }, { poolSize: 4 });
    let world: Awaited<ReturnType<typeof prepareStaffWorld>>;
    let profileGroupId: string | undefined;
    let rawGroupId: string | undefined;
    try {
      await migrateToLatest(database);
      world = await prepareStaffWorld(database, systemClock, { groups: 1, capacity: options.capacity, trainees: options.pgTrainees + options.profileRuns });
      [rawGroupId] = await addGroups(database, systemClock, world.moduleTwoId, 'Groupe banc brut', 1, options.capacity);
      [profileGroupId] = await addGroups(database, systemClock, world.trainingId, 'Groupe profil', 1, options.capacity);
    } finally {
      await database.close();
    }
    const setupSeconds = (performance.now() - started) / 1000;
    const [appGroupId] = world.groupIds;
    if (!appGroupId || !rawGroupId) throw new Error('groupes chauds PostgreSQL manquants');
    const loadTrainees = world.traineeIds.slice(0, options.pgTrainees);
    log(`PostgreSQL prête en ${setupSeconds.toFixed(1)} s : ${loadTrainees.length} personnes, un groupe chaud de ${options.capacity} places par côté.`);

    let profile: QueryProfile | null = null;
    if (options.profileRuns > 0 && profileGroupId) {
      profile = await profileRegistration({ dialect: 'postgres', url: bench.url }, { sessionId: profileGroupId, runs: world.traineeIds.slice(options.pgTrainees).map((traineeId) => ({ token: world.token, traineeId })) });
      log(`profil : ${profile.statements.total} requêtes SQL par inscription, dont ${profile.statements.underLock} sous le verrou (${profile.lockHeldMs.toFixed(2)} ms).`);
    }

    const app = await launcher.start('application PostgreSQL', new URL('./appServer.ts', import.meta.url), [bench.url, String(options.poolSize), options.workers ? 'on' : 'off'], { profile: true });
    const raw = rawPostgresLoop('raw', `pg brut (${options.connections} boucles, pool ${options.poolSize})`, {
      url: bench.url,
      sessionId: rawGroupId,
      trainingId: world.moduleTwoId,
      funderId: world.funderId,
      employerId: world.employerId,
      traineeIds: loadTrainees,
      concurrency: options.connections,
      poolSize: options.poolSize,
    });
    try {
      const stream = registrationStream({ token: world.token, groupIds: [appGroupId], traineeIds: loadTrainees, keyPrefix: `pg-${process.pid}` });
      await checkOneRegistration(app.origin, stream.next(), 'application PostgreSQL');
      const tally = new OutcomeTally();
      const results = await compareInRounds(
        [raw, httpSide('app', 'Application POST …/registrations (groupe chaud)', app, { next: () => stream.next(), onBody: (status, body) => tally.record(status, body) }, options.connections)],
        options,
        log,
      );
      const appResult = results.get('app');
      const rawResult = results.get('raw');
      if (!appResult || !rawResult) throw new Error('mesures PostgreSQL incomplètes');
      await launcher.stop(app);
      return {
        database: bench.name,
        setupSeconds,
        capacity: options.capacity,
        trainees: loadTrainees.length,
        profile,
        app: appResult,
        raw: rawResult,
        ratio: rawResult.rps > 0 ? appResult.rps / rawResult.rps : 0,
        outcomes: { app: tally.outcomes, raw: raw.outcomes },
        firstRefusal: { app: tally.firstRefusal, raw: raw.firstError },
        appRanOut: stream.wrapped,
        rawRanOut: raw.ranOutOfPeople,
        hotGroup: await hotGroupFacts(bench.url, appGroupId),
      };
    } finally {
      await launcher.stop(app).catch(() => undefined);
      await raw.close();
    }
  } finally {
    await bench.drop();
    log(`base PostgreSQL ${bench.name} supprimée.`);
  }
}

async function hotGroupFacts(url: string, sessionId: string): Promise<PostgresResult['hotGroup']> {
  const database = openDatabase({ kind: 'postgres', url }, { poolSize: 1 });
  try {
    const rows = await database.db
      .selectFrom('registrations')
      .select((eb) => [
        eb.fn.countAll<number>().as('registrations'),
        eb.fn.count<number>('trainee_id').distinct().as('people'),
        eb.fn.max<number>('seq').as('max_seq'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'confirmed').then(1).else(0).end()).as('confirmed'),
      ])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    return { registrations: Number(rows.registrations), people: Number(rows.people), confirmed: Number(rows.confirmed ?? 0), seqGaps: Number(rows.max_seq ?? 0) - Number(rows.registrations) };
  } finally {
    await database.close();
  }
}
