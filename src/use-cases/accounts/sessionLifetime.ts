/**
 * A login session ends after 2 hours without activity, and in any case 12 hours after login
 * (a working day), whichever comes first.
 */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Activity is written back at most once a minute, so reading a session stays a single SELECT. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export function idleExpiry(now: Date): string {
  return new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
}
