import { retryAfterSeconds, THROTTLE_LIMITS, windowStart, type ThrottledAction } from '../../domain/accounts/throttle.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../repositories.js';

/**
 * Refuses a sensitive action while the account or the IP has too many recent failures
 * (or requests, for actions that send mail), with the delay to wait.
 */
export async function ensureNotThrottled(
  repos: Repositories,
  action: ThrottledAction,
  who: { accountKey: string | null; ip: string | null },
  now: Date,
  countEveryAttempt = false,
): Promise<void> {
  const limits = THROTTLE_LIMITS[action];
  const count = countEveryAttempt ? repos.loginAttempts.attemptsSince.bind(repos.loginAttempts) : repos.loginAttempts.failuresSince.bind(repos.loginAttempts);
  const waits: number[] = [];
  if (who.accountKey) waits.push(retryAfterSeconds(await count(action, { accountKey: who.accountKey }, windowStart(limits.perAccount, now)), limits.perAccount, now));
  if (who.ip) waits.push(retryAfterSeconds(await count(action, { ip: who.ip }, windowStart(limits.perIp, now)), limits.perIp, now));
  const wait = Math.max(0, ...waits);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new DomainError('TOO_MANY_ATTEMPTS', `Trop de tentatives. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`, { retryAfterSeconds: wait });
  }
}
