/**
 * Attempts at sensitive actions (login, password reset, invitation), counted per account and
 * per IP over a window. In the database, so that every app instance applies the same limit.
 */
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Schema } from '../schema.js';

export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async record(attempt: { kind: string; accountKey: string | null; ip: string | null; succeeded: boolean }, now: string): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ id: newId(), kind: attempt.kind, account_key: attempt.accountKey, ip: attempt.ip, attempted_at: now, succeeded: attempt.succeeded ? 1 : 0 })
      .execute();
  }

  /** Failed attempts since `since`, and the oldest of them (to compute Retry-After). */
  async failuresSince(kind: string, by: { accountKey: string } | { ip: string }, since: string): Promise<{ count: number; oldest: string | null }> {
    let query = this.db.selectFrom('login_attempts').where('kind', '=', kind).where('succeeded', '=', 0).where('attempted_at', '>=', since);
    query = 'accountKey' in by ? query.where('account_key', '=', by.accountKey) : query.where('ip', '=', by.ip);
    const row = await query.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('attempted_at').as('oldest')]).executeTakeFirstOrThrow();
    return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
  }

  async attemptsSince(kind: string, by: { accountKey: string } | { ip: string }, since: string): Promise<{ count: number; oldest: string | null }> {
    let query = this.db.selectFrom('login_attempts').where('kind', '=', kind).where('attempted_at', '>=', since);
    query = 'accountKey' in by ? query.where('account_key', '=', by.accountKey) : query.where('ip', '=', by.ip);
    const row = await query.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('attempted_at').as('oldest')]).executeTakeFirstOrThrow();
    return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
  }

  async purgeBefore(before: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
  }
}
