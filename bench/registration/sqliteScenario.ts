/**
 * Part (a), SQLite: the registration endpoint of the app against a bare Fastify route doing
 * one BEGIN IMMEDIATE / count / insert / COMMIT with better-sqlite3, on copies of the same
 * database, loaded by the same autocannon generator (requests.ts), in alternating rounds.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import type { Launcher } from './launcher.js';
import type { Options } from './options.js';
import { profileRegistration, type QueryProfile } from './queryProfile.js';
import { OutcomeTally, registrationStream } from './requests.js';
import { compareInRounds, httpSide, type Pooled } from './rounds.js';
import { checkOneRegistration, outboxByStatus } from './checks.js';
import { addGroups, prepareStaffWorld } from './world.js';

export interface SqliteResult {
  setupSeconds: number;
  groups: number;
  capacity: number;
  trainees: number;
  profile: QueryProfile | null;
  app: Pooled;
  bare: Pooled;
  ratio: number;
  outcomes: { app: Record<string, number>; bare: Record<string, number> };
  firstRefusal: { app: string | null; bare: string | null };
  /** The app went past its list of people: its last answers are refusals, not registrations. */
  appRanOut: boolean;
  /** Mails written by the app during the run, by status when the load stopped (kept = handled by the worker). */
  outbox: Record<string, number>;
}

export async function runSqliteScenario(options: Options, launcher: Launcher, dir: string, log: (message: string) => void): Promise<SqliteResult> {
  const appFile = join(dir, 'app.db');
  const bareFile = join(dir, 'bare.db');
  const started = performance.now();
  const database = openDatabase({ kind: 'sqlite', url: `sqlite:${appFile}`, filename: appFile });
  await migrateToLatest(database);
  const world = await prepareStaffWorld(database, systemClock, { groups: options.groups, capacity: options.capacity, trainees: options.trainees + options.profileRuns });
  const [profileGroupId] = await addGroups(database, systemClock, world.trainingId, 'Groupe profil', 1, options.capacity);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
  await database.close();
  // After the checkpoint the whole database is in the main file: the baseline gets the same data.
  copyFileSync(appFile, bareFile);
  const setupSeconds = (performance.now() - started) / 1000;
  const loadTrainees = world.traineeIds.slice(0, options.trainees);
  log(`SQLite prête en ${setupSeconds.toFixed(1)} s : ${loadTrainees.length} personnes, ${world.groupIds.length} groupes de ${options.capacity} places (${appFile}).`);

  let profile: QueryProfile | null = null;
  if (options.profileRuns > 0 && profileGroupId) {
    profile = await profileRegistration({ dialect: 'sqlite', filename: appFile }, { sessionId: profileGroupId, runs: world.traineeIds.slice(options.trainees).map((traineeId) => ({ token: world.token, traineeId })) });
    log(`profil : ${profile.statements.total} requêtes SQL par inscription, dont ${profile.statements.underLock} sous le verrou (${profile.lockHeldMs.toFixed(2)} ms).`);
  }

  const bare = await launcher.start('route nue SQLite', new URL('./bareSqliteServer.ts', import.meta.url), [bareFile]);
  const app = await launcher.start('application SQLite', new URL('./appServer.ts', import.meta.url), [`sqlite:${appFile}`, String(options.poolSize), options.workers ? 'on' : 'off'], { profile: true });
  const appStream = registrationStream({ token: world.token, groupIds: world.groupIds, traineeIds: loadTrainees, keyPrefix: `app-${process.pid}` });
  const bareStream = registrationStream({ token: world.token, groupIds: world.groupIds, traineeIds: loadTrainees, keyPrefix: `bare-${process.pid}` });
  await checkOneRegistration(app.origin, appStream.next(), 'application SQLite');
  await checkOneRegistration(bare.origin, bareStream.next(), 'route nue SQLite');

  const tallies = { app: new OutcomeTally(), bare: new OutcomeTally() };
  const results = await compareInRounds(
    [
      httpSide('bare', 'Route nue SQLite (better-sqlite3)', bare, { next: () => bareStream.next(), onBody: (status, body) => tallies.bare.record(status, body) }, options.connections),
      httpSide('app', 'Application POST …/registrations', app, { next: () => appStream.next(), onBody: (status, body) => tallies.app.record(status, body) }, options.connections),
    ],
    options,
    log,
  );
  const outbox = outboxByStatus(appFile);
  await launcher.stop(app);
  await launcher.stop(bare);
  const appResult = results.get('app');
  const bareResult = results.get('bare');
  if (!appResult || !bareResult) throw new Error('mesures SQLite incomplètes');
  return {
    setupSeconds,
    groups: world.groupIds.length,
    capacity: options.capacity,
    trainees: loadTrainees.length,
    profile,
    app: appResult,
    bare: bareResult,
    ratio: bareResult.rps > 0 ? appResult.rps / bareResult.rps : 0,
    outcomes: { app: tallies.app.outcomes, bare: tallies.bare.outcomes },
    firstRefusal: { app: tallies.app.firstRefusal, bare: tallies.bare.firstRefusal },
    appRanOut: appStream.wrapped,
    outbox,
  };
}
