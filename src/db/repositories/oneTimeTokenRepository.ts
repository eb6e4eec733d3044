/**
 * Single-purpose, expiring, revocable, single-use tokens (invitation, password reset, email
 * change, trainee magic links), stored as SHA-256 hashes.
 */
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { OneTimeTokenPurpose, Schema } from '../schema.js';

export interface OneTimeTokenRecord {
  id: string;
  purpose: OneTimeTokenPurpose;
  userId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  newEmail: string | null;
  expiresAt: string;
}

export class OneTimeTokenRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(
    token: { purpose: OneTimeTokenPurpose; tokenHash: string; userId?: string | null; subjectType?: string | null; subjectId?: string | null; newEmail?: string | null; expiresAt: string },
    now: string,
  ): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('one_time_tokens')
      .values({
        id,
        purpose: token.purpose,
        token_hash: token.tokenHash,
        user_id: token.userId ?? null,
        subject_type: token.subjectType ?? null,
        subject_id: token.subjectId ?? null,
        new_email: token.newEmail ?? null,
        created_at: now,
        expires_at: token.expiresAt,
      })
      .execute();
    return id;
  }

  /** A token usable now for this purpose: right hash, not expired, not used, not revoked. */
  async findUsable(purpose: OneTimeTokenPurpose, tokenHash: string, now: string): Promise<OneTimeTokenRecord | undefined> {
    const row = await this.db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        purpose: row.purpose,
        userId: row.user_id,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        newEmail: row.new_email,
        expiresAt: row.expires_at,
      }
    );
  }

  /** Marks the token used; false when another request used it first (single use under races). */
  async consume(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Revokes the person's outstanding tokens of a purpose (a new reset link cancels the old one). */
  async revokeOutstanding(userId: string, purpose: OneTimeTokenPurpose, now: string): Promise<void> {
    await this.db
      .updateTable('one_time_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeForSubject(subjectType: string, subjectId: string, purpose: OneTimeTokenPurpose, now: string): Promise<void> {
    await this.db
      .updateTable('one_time_tokens')
      .set({ revoked_at: now })
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
