/**
 * Opens the database named by the configuration: SQLite (one file, WAL) by default,
 * PostgreSQL to run many app instances. Everything above this file sees one Kysely<Schema>.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Schema } from './schema.js';
import { withStatementCache } from './sqliteStatementCache.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL pool size per app instance. */
  poolSize?: number;
}

// COUNT(*) and BIGINT come back from pg as strings to protect values above 2^53; ours are
// small counts, and both drivers must hand the same types to the code above.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export function openDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  return config.kind === 'sqlite' ? openSqlite(config.filename) : openPostgres(config.url, options);
}

function openSqlite(filename: string): Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const connection = new SQLite(filename);
  connection.pragma('journal_mode = WAL');
  // Writers queue for up to 5 s instead of failing at once when another process holds the lock.
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client dropped by the server (restart, failover) emits 'error' on the pool; without
  // a listener Node would stop the whole process. The pool replaces the client by itself.
  pool.on('error', (error) => console.error('PostgreSQL : connexion inactive perdue', error.message));
  // A client checked out but between two queries (inside a transaction) has no pool listener:
  // the server closing it then emitted an unhandled 'error' and killed the process (seen with
  // a PostgreSQL restart under load). The query that follows fails and reports it, and the
  // pool drops the broken client on release: nothing more to do here.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
