/**
 * Backup, restore and `db copy` as an operator runs them: `relais …` in a child process, on a
 * demo database with registrations (waitlist, offer, mails, audit, idempotency keys). Every
 * table is compared on both sides by row count and checksum (src/ops/checksum.ts), read
 * independently of what the command itself reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { compareFigures, tableFigures, type TableFigures } from '../../src/ops/checksum.js';
import { openRawDatabase } from '../../src/ops/rawDatabase.js';
import { dataTables } from '../../src/ops/tableOrder.js';
import { cancelRegistration } from '../../src/use-cases/registrations/cancelRegistration.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
import { searchCatalogue } from '../../src/use-cases/searchCatalogue.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld } from '../support/registrationWorld.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'relais-ops-'));
const clock = fixedClock('2026-11-25T09:00:00Z');
const cleanups: Array<() => Promise<void>> = [];

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `relais …` without blocking this process, so a writer here can keep writing meanwhile. */
function relais(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/relais.js'), ...args], {
      cwd: ROOT,
      // Vitest sets BASE_URL=/ for Vite; a real shell would not.
      env: { ...process.env, NODE_ENV: 'test', BASE_URL: 'http://localhost:3000', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

async function tracked(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const test = await createTestDatabase(dialect);
  cleanups.push(() => test.cleanup());
  return test;
}

/** The demo (catalogue, employers, one account per role) plus registrations of every kind. */
async function seedWithRegistrations(database: Database): Promise<void> {
  const world = await buildRegistrationWorld(database, clock);
  const group = world.moduleOne.groupIds[0] as string;
  await world.setCapacity(group, 3);
  // Accents, a ligature, an astral character: the checksums must agree across engines.
  const people = await world.addStaff(5, { prefix: 'Zoë-Œ𝔘' });
  const placed = await registerTrainees(world.deps, world.hr, { sessionId: group, people: people.map((traineeId) => ({ traineeId })), idempotencyKey: 'sauvegarde-1' });
  expect(placed.outcomes.map((outcome) => outcome.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
  // A cancellation offers the freed seat to the first person waiting.
  await cancelRegistration(world.deps, world.hr, placed.outcomes[0]?.registrationId as string);
  const others = await world.addStaff(2, { employerId: world.fixture.otherEmployerId });
  await registerTrainees(world.deps, world.otherHr, { sessionId: world.moduleOne.groupIds[1] as string, people: others.map((traineeId) => ({ traineeId })), idempotencyKey: null });
}

/** Count and checksum of every data table, read on a connection of its own. */
async function figuresOf(url: string): Promise<Map<string, TableFigures>> {
  const raw = await openRawDatabase(parseDatabaseUrl(url));
  try {
    return await tableFigures(raw, dataTables(await raw.tables()));
  } finally {
    await raw.close();
  }
}

function expectSameFigures(source: Map<string, TableFigures>, target: Map<string, TableFigures>): void {
  const comparison = compareFigures(source, target);
  expect(comparison.tables.filter((table) => !table.same).map((table) => table.table)).toEqual([]);
  // Every table of the schema, and the data that matters, are really there.
  for (const table of ['funders', 'users', 'trainings', 'sessions', 'trainees', 'registrations', 'outbox', 'audit_log', 'idempotency_keys', 'regions', 'memberships']) {
    expect(source.get(table)?.rows, table).toBeGreaterThan(0);
  }
}

async function searchIds(url: string): Promise<string[]> {
  const database = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const page = await searchCatalogue(database, clock, { q: 'aller vers' });
    return page.items.map((item) => item.id).sort();
  } finally {
    await database.close();
  }
}

/**
 * Writes, until stopped, one transaction at a time that adds a login attempt and bumps a
 * counter: in any consistent snapshot the two agree, in a torn one they would not.
 */
function startWriter(database: Database) {
  let stopped = false;
  let writes = 0;
  const done = (async () => {
    await database.db.insertInto('change_counters').values({ name: 'backup-probe', version: 0 }).execute();
    while (!stopped) {
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('login_attempts').values({ id: newId(), kind: 'backup-probe', account_key: null, ip: null, attempted_at: new Date().toISOString(), succeeded: 1 }).execute();
        await trx
          .updateTable('change_counters')
          .set((eb) => ({ version: eb('version', '+', 1) }))
          .where('name', '=', 'backup-probe')
          .execute();
      });
      writes += 1;
      await nextTurn();
    }
  })();
  return {
    get writes() {
      return writes;
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

async function probeOf(url: string): Promise<{ attempts: number; version: number }> {
  const database = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const attempts = await database.db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'backup-probe').executeTakeFirstOrThrow();
    const counter = await database.db.selectFrom('change_counters').select('version').where('name', '=', 'backup-probe').executeTakeFirstOrThrow();
    return { attempts: Number(attempts.n), version: counter.version };
  } finally {
    await database.close();
  }
}

beforeAll(() => {
  // The CLI runs the compiled code: compile once here, not inside the first timed test.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(TEST_DIALECTS)('relais backup / restore (%s)', (dialect) => {
  let source: TestDatabase;

  beforeAll(async () => {
    source = await tracked(dialect);
    await seedWithRegistrations(source.database);
  }, 60_000);

  const emptyTarget = async (name: string): Promise<string> => (dialect === 'sqlite' ? `sqlite:${join(dir, `${dialect}-${name}.db`)}` : (await tracked('postgres')).url);

  it('backs up a consistent state while another connection keeps writing', async () => {
    const writer = startWriter(source.database);
    while (writer.writes < 3) await nextTurn();
    const file = join(dir, `${dialect}-busy.backup`);
    const before = writer.writes;
    const backup = await relais(['backup', file], { DATABASE_URL: source.url });
    const after = writer.writes;
    await writer.stop();
    expect(backup.status, backup.stderr).toBe(0);
    expect(after).toBeGreaterThan(before);
    expect(backup.stdout).toContain(`Sauvegarde écrite : ${file}`);
    expect(backup.stdout).toMatch(/\d+ tables, \d+ lignes/);
    expect(readdirSync(dir).filter((name) => name.includes('.partiel'))).toEqual([]);

    const target = await emptyTarget('busy');
    const restored = await relais(['restore', file], { DATABASE_URL: target });
    expect(restored.status, restored.stderr).toBe(0);
    const probe = await probeOf(target);
    // One committed state: as many attempts as the counter says, from before or during the backup.
    expect(probe.attempts).toBe(probe.version);
    expect(probe.attempts).toBeGreaterThanOrEqual(3);
    expect(probe.attempts).toBeLessThanOrEqual(after);
  }, 60_000);

  it('restores into an empty database the same catalogue, registrations and every other table', async () => {
    const file = join(dir, `${dialect}-quiet.backup`);
    const backup = await relais(['backup', file], { DATABASE_URL: source.url });
    expect(backup.status, backup.stderr).toBe(0);
    const target = await emptyTarget('quiet');
    const restored = await relais(['restore', file], { DATABASE_URL: target });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Schéma à jour.');

    expectSameFigures(await figuresOf(source.url), await figuresOf(target));
    const found = await searchIds(target);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(await searchIds(source.url));

    // A second restore into what is now a live database is refused, naming the check, and
    // changes nothing — not even the files next to an SQLite database.
    const figures = await figuresOf(target);
    const files = dialect === 'sqlite' ? readdirSync(dir).sort() : [];
    const refused = await relais(['restore', file], { DATABASE_URL: target });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Restauration refusée');
    expect(refused.stderr).toContain('aucune ligne dans funders, users, registrations');
    expect(refused.stderr).toContain('la table funders en contient 1');
    expect(refused.stdout).toBe('');
    expect(compareFigures(figures, await figuresOf(target)).ok).toBe(true);
    if (dialect === 'sqlite') expect(readdirSync(dir).sort()).toEqual(files);
  }, 60_000);

  it('refuses a file that is not a backup, a backup of the other engine, and never overwrites a file', async () => {
    const notABackup = join(dir, `${dialect}-notes.txt`);
    writeFileSync(notABackup, 'pas une sauvegarde\n');
    const refused = await relais(['restore', notABackup], { DATABASE_URL: await emptyTarget('never') });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('n’est pas une sauvegarde reconnue');
    const existing = await relais(['backup', notABackup], { DATABASE_URL: source.url });
    expect(existing.status).toBe(1);
    expect(existing.stderr).toContain('existe déjà');
    if (dialect === 'sqlite') {
      const toPostgres = await relais(['restore', join(dir, 'sqlite-quiet.backup')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/relais' });
      expect(toPostgres.status).toBe(1);
      expect(toPostgres.stderr).toContain('relais db copy --from sqlite:');
    }
    expect(await relais(['restore'], { DATABASE_URL: source.url })).toMatchObject({ status: 2 });
    expect(await relais(['restore', notABackup, '--force'], { DATABASE_URL: source.url })).toMatchObject({ status: 2 });
  }, 60_000);

  it.runIf(dialect === 'sqlite')('refuses to replace a database another process has open', async () => {
    const open = await tracked('sqlite');
    const refused = await relais(['restore', join(dir, 'sqlite-quiet.backup')], { DATABASE_URL: open.url });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ouverte par un autre processus');
    expect(await open.database.db.selectFrom('funders').select('id').execute()).toEqual([]);
  }, 60_000);

  it.runIf(dialect === 'postgres')('says so in French when pg_dump is missing', async () => {
    const file = join(dir, 'no-pg-dump.backup');
    // A PATH without the PostgreSQL client (node itself is started by its full path).
    const emptyBin = join(dir, 'bin-sans-postgresql');
    mkdirSync(emptyBin, { recursive: true });
    const missing = await relais(['backup', file], { DATABASE_URL: source.url, PATH: emptyBin });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('pg_dump est introuvable');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.partiel'))).toEqual([]);
  }, 60_000);
});

describe.runIf(TEST_DIALECTS.includes('postgres'))('relais db copy', () => {
  let source: TestDatabase;

  beforeAll(async () => {
    source = await tracked('sqlite');
    await seedWithRegistrations(source.database);
  }, 60_000);

  it('copies SQLite into PostgreSQL, verified table by table, with the search index rebuilt', async () => {
    const target = await tracked('postgres');
    const copied = await relais(['db', 'copy', '--from', source.url, '--to', target.url]);
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toContain('Copie vérifiée');
    expect(copied.stdout).toMatch(/^registrations +\d+ +\d+ +[0-9a-f]{12} +OK$/m);
    expect(copied.stdout).not.toContain('DIFFÉRENT');

    expectSameFigures(await figuresOf(source.url), await figuresOf(target.url));
    const found = await searchIds(target.url);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(await searchIds(source.url));

    // Copying again into what is no longer an empty database is refused and changes nothing.
    const figures = await figuresOf(target.url);
    const again = await relais(['db', 'copy', '--from', source.url, '--to', target.url]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('La base cible n’est pas vide');
    expect(compareFigures(figures, await figuresOf(target.url)).ok).toBe(true);

    // And back: PostgreSQL into a new SQLite file, the search index rebuilt as FTS5.
    const back = `sqlite:${join(dir, 'copied-back.db')}`;
    const returned = await relais(['db', 'copy', '--from', target.url, '--to', back]);
    expect(returned.status, returned.stderr).toBe(0);
    expectSameFigures(await figuresOf(source.url), await figuresOf(back));
    expect(await searchIds(back)).toEqual(found);
  }, 60_000);

  it('exits with 1 and names the table when what was written does not read back the same', async () => {
    const target = await tracked('postgres');
    // A trigger that alters rows as they are inserted: the copy "succeeds", the verification must not.
    await sql`CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_name := upper(NEW.last_name); RETURN NEW; END $$`.execute(target.database.db);
    await sql`CREATE TRIGGER shout BEFORE INSERT ON trainees FOR EACH ROW EXECUTE FUNCTION shout()`.execute(target.database.db);
    const copied = await relais(['db', 'copy', '--from', source.url, '--to', target.url]);
    expect(copied.status).toBe(1);
    expect(copied.stdout).toMatch(/^trainees +\d+ +\d+ +[0-9a-f]{12} +DIFFÉRENT : même nombre de lignes, contenu différent/m);
    expect(copied.stdout).toMatch(/^registrations .* OK$/m);
    expect(copied.stdout).toContain('ÉCHEC de la vérification : trainees');
  }, 60_000);
});
