/**
 * The waitlist is first come, first served, by the order of decision in the group (seq).
 * A freed seat is offered to the first waitlisted person whose employer is not held back by
 * the fair-share cap; the offer holds the seat for a limited time, then passes to the next.
 */
import { employerAtCap, type FairShare } from './fairShare.js';

export interface WaitingPerson {
  registrationId: string;
  employerId: string;
  seq: number;
}

/**
 * Who gets the `free` seats, in waitlist order. `employerHeld`: seats each employer already
 * holds in the group (confirmed, pending, live offers).
 */
export function chooseOffers(free: number, waiting: readonly WaitingPerson[], employerHeld: ReadonlyMap<string, number>, fairShare: FairShare): string[] {
  const held = new Map(employerHeld);
  const chosen: string[] = [];
  for (const person of [...waiting].sort((a, b) => a.seq - b.seq)) {
    if (chosen.length >= free) break;
    const count = held.get(person.employerId) ?? 0;
    if (employerAtCap(fairShare, count)) continue;
    chosen.push(person.registrationId);
    held.set(person.employerId, count + 1);
  }
  return chosen;
}

/** How many waitlisted people a free seat would go to before a newcomer (see capacity.ts). */
export function waitingAheadOf(waiting: readonly WaitingPerson[], employerHeld: ReadonlyMap<string, number>, fairShare: FairShare): number {
  return chooseOffers(Number.MAX_SAFE_INTEGER, waiting, employerHeld, fairShare).length;
}

/** 1-based position of a waitlisted registration, as shown to the employer. */
export function waitlistPosition(waiting: readonly WaitingPerson[], registrationId: string): number | null {
  const ordered = [...waiting].sort((a, b) => a.seq - b.seq);
  const index = ordered.findIndex((person) => person.registrationId === registrationId);
  return index === -1 ? null : index + 1;
}

const HOUR_MS = 3_600_000;

/**
 * When an offer made at `now` expires: `validityHours` later, pushed past the weekend when it
 * would fall on a Saturday or a Sunday (Paris time) so that nobody loses a seat over a weekend.
 */
export function offerExpiry(now: Date, validityHours: number): Date {
  let expiry = new Date(now.getTime() + validityHours * HOUR_MS);
  for (;;) {
    const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(expiry);
    if (weekday !== 'Sat' && weekday !== 'Sun') return expiry;
    expiry = new Date(expiry.getTime() + 24 * HOUR_MS);
  }
}
