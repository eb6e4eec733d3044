/**
 * The invited person opens the link, chooses a password and is signed in. The link works
 * once, for 7 days, and is refused if revoked (a newer invitation replaces it).
 */
import type { Database } from '../../db/database.js';
import { passwordProblem } from '../../domain/accounts/passwordPolicy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { hashPassword, hashToken, randomToken } from '../../security/secrets.js';
import { inTransaction, repositoriesOn } from '../repositories.js';
import type { RequestMeta } from './requestContext.js';
import { idleExpiry, SESSION_ABSOLUTE_MS } from './sessionLifetime.js';

export const INVALID_LINK_MESSAGE = 'Ce lien n’est plus valable : il a expiré, a déjà servi ou a été remplacé par un plus récent. Demandez un nouveau lien.';

/** Who the link is for, to greet them on the page; null when the link is not usable. */
export async function describeInvitation(database: Database, clock: Clock, token: string): Promise<{ email: string; displayName: string } | null> {
  const repos = repositoriesOn(database.db, database.dialect);
  const record = await repos.oneTimeTokens.findUsable('invitation', hashToken(token), clock.now().toISOString());
  const user = record?.userId ? await repos.users.findById(record.userId) : undefined;
  return user && user.status === 'invited' ? { email: user.email, displayName: user.displayName } : null;
}

export async function acceptInvitation(
  database: Database,
  clock: Clock,
  input: { token: string; password: string; passwordConfirmation: string; meta: RequestMeta },
): Promise<{ sessionToken: string; userId: string }> {
  const now = clock.now();
  const at = now.toISOString();
  return inTransaction(database, async (repos) => {
    const record = await repos.oneTimeTokens.findUsable('invitation', hashToken(input.token), at);
    const user = record?.userId ? await repos.users.findById(record.userId) : undefined;
    if (!record || !user || user.status !== 'invited') throw new DomainError('LINK_INVALID', INVALID_LINK_MESSAGE);
    const problem = passwordProblem(input.password, { email: user.email, name: user.displayName });
    if (problem) throw new DomainError('VALIDATION_FAILED', problem, { fields: { password: problem } });
    if (input.password !== input.passwordConfirmation) {
      throw new DomainError('VALIDATION_FAILED', 'Les deux mots de passe ne sont pas identiques.', { fields: { passwordConfirmation: 'Les deux mots de passe ne sont pas identiques.' } });
    }
    if (!(await repos.oneTimeTokens.consume(record.id, at))) throw new DomainError('LINK_INVALID', INVALID_LINK_MESSAGE);
    await repos.users.setPassword(user.id, await hashPassword(input.password), at);
    const sessionToken = randomToken();
    await repos.sessions.insert({
      id: hashToken(sessionToken),
      userId: user.id,
      createdAt: at,
      lastSeenAt: at,
      idleExpiresAt: idleExpiry(now),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: input.meta.ip,
      userAgent: input.meta.userAgent?.slice(0, 300) ?? null,
    });
    await repos.audit.append(
      { actorUserId: user.id, actorLabel: `${user.displayName} <${user.email}>`, ip: input.meta.ip, action: 'user.activated', entityType: 'user', entityId: user.id, summary: 'Invitation acceptée, compte activé' },
      at,
    );
    return { sessionToken, userId: user.id };
  });
}
