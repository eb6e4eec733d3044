/**
 * Integration tests run on SQLite always, and on PostgreSQL when RELAIS_TEST_PG_URL is set.
 * Set but unreachable is a failure, never a silent skip. Each test database is fresh: a
 * temporary SQLite file, or a PostgreSQL database created for the test and dropped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  database: Database;
  /** The URL another process (a second app instance, the CLI) can open. */
  url: string;
  cleanup(): Promise<void>;
}

export const TEST_DIALECTS: DialectName[] = process.env.RELAIS_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** `migrate: false` gives a database with no schema at all (the migration-upgrade suite). */
export async function createTestDatabase(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'relais-test-'));
    const filename = join(dir, 'relais.db');
    const database = openDatabase({ kind: 'sqlite', url: `sqlite:${filename}`, filename });
    if (migrate) await migrateToLatest(database);
    return {
      database,
      url: `sqlite:${filename}`,
      cleanup: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.RELAIS_TEST_PG_URL;
  if (!adminUrl) throw new Error('RELAIS_TEST_PG_URL is not set');
  const name = `relais_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: 'postgres', url: url.toString() }, { poolSize: 5 });
  if (migrate) await migrateToLatest(database);
  return {
    database,
    url: url.toString(),
    cleanup: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
