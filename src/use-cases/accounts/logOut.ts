/**
 * Logout of this session, or of every session of the person ("se déconnecter partout").
 */
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { inTransaction } from '../repositories.js';
import type { Acting } from './requestContext.js';
import { actorUserId } from './requestContext.js';

export async function logOut(database: Database, clock: Clock, acting: Acting, sessionId: string): Promise<void> {
  const now = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    await repos.sessions.revoke(sessionId, now);
    await repos.audit.append({ actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'auth.logout', entityType: 'user', entityId: actorUserId(acting), summary: 'Déconnexion' }, now);
  });
}

export async function logOutEverywhere(database: Database, clock: Clock, acting: Acting): Promise<number> {
  const userId = actorUserId(acting);
  if (!userId) return 0;
  const now = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const count = await repos.sessions.revokeAllOf(userId, now);
    await repos.audit.append(
      { actorUserId: userId, actorLabel: acting.label, ip: acting.meta.ip, action: 'auth.logout_everywhere', entityType: 'user', entityId: userId, summary: `Déconnexion de toutes les sessions (${count})` },
      now,
    );
    return count;
  });
}
