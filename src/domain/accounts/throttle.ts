/**
 * How many failed attempts are tolerated before a sensitive action is refused for a while.
 * Counted per account (one person's password guessed from many machines) and per IP (many
 * accounts tried from one machine); the answer says when to retry.
 */
export interface ThrottleLimit {
  maxFailures: number;
  windowSeconds: number;
}

export const THROTTLE_LIMITS = {
  login: { perAccount: { maxFailures: 10, windowSeconds: 15 * 60 }, perIp: { maxFailures: 50, windowSeconds: 15 * 60 } },
  // Every request counts here, not only failures: each one sends a mail.
  password_reset: { perAccount: { maxFailures: 3, windowSeconds: 60 * 60 }, perIp: { maxFailures: 20, windowSeconds: 60 * 60 } },
  invitation: { perAccount: { maxFailures: 5, windowSeconds: 60 * 60 }, perIp: { maxFailures: 100, windowSeconds: 60 * 60 } },
} as const satisfies Record<string, { perAccount: ThrottleLimit; perIp: ThrottleLimit }>;

export type ThrottledAction = keyof typeof THROTTLE_LIMITS;

export interface AttemptCount {
  count: number;
  /** The oldest attempt counted, ISO instant. */
  oldest: string | null;
}

/** Seconds to wait, or 0 when the action may go ahead. */
export function retryAfterSeconds(count: AttemptCount, limit: ThrottleLimit, now: Date): number {
  if (count.count < limit.maxFailures || count.oldest === null) return 0;
  const freedAt = new Date(count.oldest).getTime() + limit.windowSeconds * 1000;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}

export function windowStart(limit: ThrottleLimit, now: Date): string {
  return new Date(now.getTime() - limit.windowSeconds * 1000).toISOString();
}
