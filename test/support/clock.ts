import type { Clock } from '../../src/domain/clock.js';

/** A clock the test sets: "today" is whatever the scenario needs. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next: string) => {
      now = new Date(next);
    },
  };
}
