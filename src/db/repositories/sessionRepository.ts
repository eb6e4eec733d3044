/**
 * Login sessions, in the database so that any app instance recognises any cookie. The id is
 * the SHA-256 of the cookie value.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface LiveSession extends SessionRecord {
  displayName: string;
  email: string;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(session: SessionRecord): Promise<void> {
    await this.db
      .insertInto('user_sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        idle_expires_at: session.idleExpiresAt,
        absolute_expires_at: session.absoluteExpiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .execute();
  }

  /** A live session (not revoked, neither idle- nor absolutely expired) of an active user, with who it is. */
  async findLive(id: string, now: string): Promise<LiveSession | undefined> {
    const row = await this.db
      .selectFrom('user_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.user_id', 's.created_at', 's.last_seen_at', 's.idle_expires_at', 's.absolute_expires_at', 's.ip', 's.user_agent', 'u.display_name', 'u.email'])
      .where('s.id', '=', id)
      .where('s.revoked_at', 'is', null)
      .where('s.idle_expires_at', '>', now)
      .where('s.absolute_expires_at', '>', now)
      .where('u.status', '=', 'active')
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        idleExpiresAt: row.idle_expires_at,
        absoluteExpiresAt: row.absolute_expires_at,
        ip: row.ip,
        userAgent: row.user_agent,
        displayName: row.display_name,
        email: row.email,
      }
    );
  }

  async touch(id: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
    await this.db.updateTable('user_sessions').set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt }).where('id', '=', id).execute();
  }

  async revoke(id: string, now: string): Promise<void> {
    await this.db.updateTable('user_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** "Se déconnecter partout": every session of the person, optionally but one. */
  async revokeAllOf(userId: string, now: string, exceptId?: string): Promise<number> {
    let query = this.db.updateTable('user_sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptId) query = query.where('id', '<>', exceptId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listLiveOf(userId: string, now: string): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom('user_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('idle_expires_at', '>', now)
      .where('absolute_expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      idleExpiresAt: row.idle_expires_at,
      absoluteExpiresAt: row.absolute_expires_at,
      ip: row.ip,
      userAgent: row.user_agent,
    }));
  }
}
