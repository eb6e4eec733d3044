/**
 * Where a registration's time goes in the database: the app's own code (API token check, then
 * registerTrainees) run in this process against the benchmark database through a Kysely that
 * logs every statement with its duration. Statements are sorted into: token check, before the
 * group's lock, under the lock (between BEGIN and COMMIT, which every other registration of
 * the group waits for), and after commit. Nothing of this runs during the load measurements.
 */
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database, DialectName } from '../../src/db/database.js';
import type { Schema } from '../../src/db/schema.js';
import { withStatementCache } from '../../src/db/sqliteStatementCache.js';
import { systemClock } from '../../src/domain/clock.js';
import { authenticateApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';

export interface QueryProfile {
  registrations: number;
  /** Statements per registration (medians). */
  statements: { token: number; beforeLock: number; underLock: number; afterCommit: number; total: number };
  /** Milliseconds spent in the database per registration (medians), and the whole call. */
  databaseMs: { token: number; beforeLock: number; underLock: number; afterCommit: number };
  /** Wall time from BEGIN to the end of COMMIT, JavaScript between statements included. */
  lockHeldMs: number;
  wallMs: number;
  /** The statements of the last registration under the lock, in order, shortened, with their median duration. */
  underLockStatements: string[];
}

interface Logged {
  sql: string;
  ms: number;
  /** performance.now() when the statement's answer came back. */
  endedAt: number;
}

const isBegin = (sql: string) => sql.trim().toLowerCase().startsWith('begin');

export async function profileRegistration(
  target: { dialect: DialectName; filename?: string; url?: string },
  input: { sessionId: string; runs: ReadonlyArray<{ token: string; traineeId: string }> },
): Promise<QueryProfile> {
  const events: Logged[] = [];
  const database = openLogged(target, (event) => events.push({ sql: event.query.sql, ms: event.queryDurationMillis, endedAt: performance.now() }));
  const deps = { database, clock: systemClock, config: { baseUrl: new URL('http://127.0.0.1') } };
  const perRun: Array<{ token: Logged[]; before: Logged[]; under: Logged[]; after: Logged[]; lockHeldMs: number; wallMs: number }> = [];
  try {
    for (const [index, { token, traineeId }] of input.runs.entries()) {
      events.length = 0;
      const started = performance.now();
      const found = await authenticateApiToken(database, systemClock, token);
      if (!found) throw new Error('Profil : jeton refusé');
      const tokenCount = events.length;
      const acting = { actor: found.actor, label: found.label, meta: { ip: '127.0.0.1', userAgent: 'bench-profile' } };
      await registerTrainees(deps, acting, { sessionId: input.sessionId, people: [{ traineeId }], idempotencyKey: `profile-${process.pid}-${index}` });
      const wallMs = performance.now() - started;
      const all = [...events];
      const beginAt = all.findIndex((event) => isBegin(event.sql));
      const commitAt = all.findIndex((event) => event.sql.trim().toLowerCase() === 'commit');
      const begin = all[beginAt];
      const commit = all[commitAt];
      if (!begin || !commit || commitAt < beginAt) throw new Error('Profil : transaction introuvable dans le journal des requêtes');
      perRun.push({
        token: all.slice(0, tokenCount),
        before: all.slice(tokenCount, beginAt),
        under: all.slice(beginAt, commitAt + 1),
        after: all.slice(commitAt + 1),
        lockHeldMs: commit.endedAt - (begin.endedAt - begin.ms),
        wallMs,
      });
    }
  } finally {
    await database.close();
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const sum = (logged: Logged[]) => logged.reduce((total, event) => total + event.ms, 0);
  const last = perRun[perRun.length - 1];
  return {
    registrations: perRun.length,
    statements: {
      token: median(perRun.map((run) => run.token.length)),
      beforeLock: median(perRun.map((run) => run.before.length)),
      underLock: median(perRun.map((run) => run.under.length)),
      afterCommit: median(perRun.map((run) => run.after.length)),
      total: median(perRun.map((run) => run.token.length + run.before.length + run.under.length + run.after.length)),
    },
    databaseMs: {
      token: median(perRun.map((run) => sum(run.token))),
      beforeLock: median(perRun.map((run) => sum(run.before))),
      underLock: median(perRun.map((run) => sum(run.under))),
      afterCommit: median(perRun.map((run) => sum(run.after))),
    },
    lockHeldMs: median(perRun.map((run) => run.lockHeldMs)),
    wallMs: median(perRun.map((run) => run.wallMs)),
    underLockStatements: (last?.under ?? []).map((event, index) => {
      // Median duration at this position over the runs of the same shape.
      const same = perRun.filter((run) => run.under.length === last?.under.length).map((run) => run.under[index]?.ms ?? 0);
      return `${median(same).toFixed(3)} ms  ${shorten(event.sql)}`;
    }),
  };
}

function openLogged(target: { dialect: DialectName; filename?: string; url?: string }, log: (event: LogEvent) => void): Database {
  if (target.dialect === 'sqlite') {
    if (!target.filename) throw new Error('Profil SQLite : fichier manquant');
    // The app's connection settings and statement cache (src/db/database.ts).
    const connection = new SQLite(target.filename);
    connection.pragma('journal_mode = WAL');
    connection.pragma('busy_timeout = 5000');
    connection.pragma('foreign_keys = ON');
    connection.pragma('synchronous = NORMAL');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }), log });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  if (!target.url) throw new Error('Profil PostgreSQL : URL manquante');
  const pool = new pg.Pool({ connectionString: target.url, max: 2 });
  // The bench drops its database WITH (FORCE) at the end: idle clients then emit 'error'.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

function shorten(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 107)}…` : flat;
}
