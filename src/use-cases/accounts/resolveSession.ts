/**
 * Cookie → actor, on every request of a signed-in person: one indexed SELECT for the session
 * and its person, one for the memberships; the idle expiry is pushed back at most once a minute.
 */
import type { Database } from '../../db/database.js';
import type { Actor } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { hashToken } from '../../security/secrets.js';
import { repositoriesOn } from '../repositories.js';
import { idleExpiry, SESSION_TOUCH_INTERVAL_MS } from './sessionLifetime.js';

export interface SignedIn {
  actor: Extract<Actor, { kind: 'user' }>;
  sessionId: string;
  displayName: string;
  email: string;
}

export async function resolveSession(database: Database, clock: Clock, sessionToken: string): Promise<SignedIn | null> {
  if (sessionToken.length < 20 || sessionToken.length > 200) return null;
  const now = clock.now();
  const repos = repositoriesOn(database.db, database.dialect);
  const sessionId = hashToken(sessionToken);
  const session = await repos.sessions.findLive(sessionId, now.toISOString());
  if (!session) return null;
  const memberships = await repos.users.membershipsOf(session.userId);
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await repos.sessions.touch(sessionId, now.toISOString(), idleExpiry(now));
  }
  return { actor: { kind: 'user', userId: session.userId, memberships }, sessionId, displayName: session.displayName, email: session.email };
}
