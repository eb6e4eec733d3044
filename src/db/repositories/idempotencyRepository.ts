/**
 * Idempotency keys: the first answer to a request is stored with its key, in the transaction
 * that did the work, and replayed to every retry of the same request.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface StoredAnswer {
  fingerprint: string;
  response: string;
}

export class IdempotencyRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async find(scope: string, key: string): Promise<StoredAnswer | undefined> {
    return this.db.selectFrom('idempotency_keys').select(['fingerprint', 'response']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  }

  async save(scope: string, key: string, fingerprint: string, response: string, at: string): Promise<void> {
    await this.db.insertInto('idempotency_keys').values({ scope, key, fingerprint, response, created_at: at }).execute();
  }

  /** Keys are kept long enough for any client retry; older ones only take space. */
  async purgeBefore(at: string): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', at).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
