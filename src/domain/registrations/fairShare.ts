/**
 * Fair share: a training may cap the seats one employer holds in each group, so that small
 * structures get a chance when large ones register whole teams at once. The cap is lifted
 * automatically at a release date (e.g. 15 days before the registration deadline); from then
 * on, free seats go to the waitlist in order, whoever the employer.
 */
import { parisLocalToInstant } from '../dates/parisTime.js';

const DAY_MS = 86_400_000;

export interface FairShare {
  /** Seats per employer per group; null: no cap. */
  cap: number | null;
  /** False once the release date has passed. */
  active: boolean;
}

export const NO_FAIR_SHARE: FairShare = { cap: null, active: false };

/**
 * When the cap is lifted: `releaseDays` before the deadline, or before the first day at
 * midnight in Paris when the group has no deadline. No release days: the cap stays.
 */
export function capReleaseInstant(input: { registrationDeadline: string | null; firstDate: string | null; releaseDays: number | null }): Date | null {
  if (input.releaseDays === null) return null;
  const base = input.registrationDeadline !== null ? new Date(input.registrationDeadline) : input.firstDate !== null ? parisLocalToInstant(input.firstDate, '00:00') : null;
  return base === null ? null : new Date(base.getTime() - input.releaseDays * DAY_MS);
}

export function fairShareAt(cap: number | null, releaseAt: Date | null, now: Date): FairShare {
  if (cap === null) return NO_FAIR_SHARE;
  return { cap, active: releaseAt === null || now < releaseAt };
}

export function employerAtCap(fairShare: FairShare, employerHeld: number): boolean {
  return fairShare.active && fairShare.cap !== null && employerHeld >= fairShare.cap;
}
