/**
 * Login with email and password. Wrong email and wrong password get the same French message
 * and take the same time; failures are counted per account and per IP across instances.
 * Success opens a new session (a fresh id: the session id is rotated at every login).
 */
import type { Database } from '../../db/database.js';
import { normaliseEmail } from '../../db/repositories/userRepository.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { hashToken, randomToken, verifyPassword } from '../../security/secrets.js';
import { inTransaction, repositoriesOn } from '../repositories.js';
import type { RequestMeta } from './requestContext.js';
import { idleExpiry, SESSION_ABSOLUTE_MS } from './sessionLifetime.js';
import { ensureNotThrottled } from './throttleGuard.js';

export const INVALID_CREDENTIALS_MESSAGE = 'Adresse électronique ou mot de passe incorrect.';

export interface LogInResult {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  userId: string;
}

export async function logIn(database: Database, clock: Clock, input: { email: string; password: string; meta: RequestMeta }): Promise<LogInResult> {
  const now = clock.now();
  const email = normaliseEmail(input.email).slice(0, 320);
  const repos = repositoriesOn(database.db, database.dialect);
  await ensureNotThrottled(repos, 'login', { accountKey: email, ip: input.meta.ip }, now);

  const user = await repos.users.findByEmail(email);
  const usable = user && user.status === 'active' ? user : undefined;
  const valid = await verifyPassword(usable?.passwordHash ?? null, input.password.slice(0, 1024));
  if (!usable || !valid) {
    await repos.loginAttempts.record({ kind: 'login', accountKey: email, ip: input.meta.ip, succeeded: false }, now.toISOString());
    throw new DomainError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }

  const sessionToken = randomToken();
  await inTransaction(database, async (trx) => {
    const at = now.toISOString();
    await trx.loginAttempts.record({ kind: 'login', accountKey: email, ip: input.meta.ip, succeeded: true }, at);
    await trx.sessions.insert({
      id: hashToken(sessionToken),
      userId: usable.id,
      createdAt: at,
      lastSeenAt: at,
      idleExpiresAt: idleExpiry(now),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: input.meta.ip,
      userAgent: input.meta.userAgent?.slice(0, 300) ?? null,
    });
    await trx.users.update(usable.id, { last_login_at: at }, at);
    await trx.audit.append(
      { actorUserId: usable.id, actorLabel: `${usable.displayName} <${usable.email}>`, ip: input.meta.ip, action: 'auth.login', entityType: 'user', entityId: usable.id, summary: 'Connexion' },
      at,
    );
  });
  return { sessionToken, userId: usable.id };
}
