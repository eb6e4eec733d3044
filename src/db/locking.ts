/**
 * The locking half of DESIGN.md's recipe for taking a seat: a transaction that holds the
 * groups (and people) it may make less available, so that the recount made inside it cannot
 * be overtaken by another request, in this process or in another instance.
 * - PostgreSQL: `SELECT … FOR UPDATE` on the session rows (then trainee rows), always in id
 *   order so that two transactions locking several groups cannot deadlock.
 * - SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the first read; a plain
 *   BEGIN would read first and fail with SQLITE_BUSY when another process wrote in between.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { Schema, SessionStatus } from './schema.js';

/** The locked groups as they are under the lock: what may change while people register. */
export interface LockedSession {
  id: string;
  status: SessionStatus;
  maxTrainees: number;
  registrationDeadline: string | null;
}

export type LockedSessions = ReadonlyMap<string, LockedSession>;

export interface LockTargets {
  sessionIds: readonly string[];
  /** People whose other registrations the work reads to decide (one seat per training). */
  traineeIds?: readonly string[];
}

/** PostgreSQL's deadlock and serialization failures: the transaction rolled back and may simply run again. */
const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

type LockedWork<T> = (db: Kysely<Schema>, sessions: LockedSessions) => Promise<T>;

/** The lock statement returns the group's state: no second read of the row under the lock. */
async function lockedSessions(db: Kysely<Schema>, sessionIds: readonly string[], forUpdate: boolean): Promise<LockedSessions> {
  const ids = [...new Set(sessionIds)].sort();
  if (ids.length === 0) return new Map();
  const query = db.selectFrom('sessions').select(['id', 'status', 'max_trainees', 'registration_deadline']).where('id', 'in', ids).orderBy('id');
  const rows = await (forUpdate ? query.forUpdate() : query).execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, status: row.status, maxTrainees: row.max_trainees, registrationDeadline: row.registration_deadline }]));
}

export async function withLocks<T>(database: Database, targets: LockTargets, work: LockedWork<T>): Promise<T> {
  if (database.dialect !== 'postgres') return withSqliteWriteLock(database, targets, work);
  // Locks are taken in one global order (groups, then people, each by id), but a transaction
  // also updates registration rows of other groups (a person confirmed here leaves other
  // waitlists): a rare deadlock there is detected by PostgreSQL and the work is run again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withPostgresLocks(database, targets, work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE_PG_CODES.has(code)) throw error;
    }
  }
}

function withPostgresLocks<T>(database: Database, targets: LockTargets, work: LockedWork<T>): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    const sessions = await lockedSessions(trx, targets.sessionIds, true);
    const traineeIds = [...new Set(targets.traineeIds ?? [])].sort();
    if (traineeIds.length > 0) await trx.selectFrom('trainees').select('id').where('id', 'in', traineeIds).orderBy('id').forUpdate().execute();
    return work(trx, sessions);
  });
}

function withSqliteWriteLock<T>(database: Database, targets: LockTargets, work: LockedWork<T>): Promise<T> {
  // One connection for the whole transaction: Kysely's SQLite driver hands it to nobody else
  // until this callback returns, so no other query of this process slips into it.
  return database.db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await work(connection, await lockedSessions(connection, targets.sessionIds, false));
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
