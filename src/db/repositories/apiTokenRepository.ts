/**
 * Personal access tokens for API clients, stored hashed, with scopes and expiry.
 */
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Schema } from '../schema.js';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  tokenPrefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toRecord(row: Schema['api_tokens']): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    scopes: row.scopes.split(' ').filter(Boolean),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(token: { userId: string; name: string; tokenHash: string; tokenPrefix: string; scopes: string[]; expiresAt: string | null }, now: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        user_id: token.userId,
        name: token.name,
        token_hash: token.tokenHash,
        token_prefix: token.tokenPrefix,
        scopes: token.scopes.join(' '),
        created_at: now,
        expires_at: token.expiresAt,
      })
      .execute();
    return id;
  }

  async findUsableByHash(tokenHash: string, now: string): Promise<(ApiTokenRecord & { owner: { displayName: string; email: string } }) | undefined> {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('t')
      // The owner comes with the token: one read per API request instead of two.
      .select(['u.display_name as owner_display_name', 'u.email as owner_email'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
      .where('u.status', '=', 'active')
      .executeTakeFirst();
    return row && { ...toRecord(row), owner: { displayName: row.owner_display_name, email: row.owner_email } };
  }

  /** Recorded at most once a minute per token, so API traffic does not turn into writes. */
  async touch(id: string, now: string): Promise<void> {
    const aMinuteAgo = new Date(new Date(now).getTime() - 60_000).toISOString();
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', aMinuteAgo)]))
      .execute();
  }

  async listOf(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
    return rows.map(toRecord);
  }

  async revoke(id: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revokeAllOf(userId: string, now: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }
}
