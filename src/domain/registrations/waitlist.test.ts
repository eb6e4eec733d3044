import { describe, expect, it } from 'vitest';
import { chooseOffers, offerExpiry, waitingAheadOf, waitlistPosition } from './waitlist.js';

const waiting = [
  { registrationId: 'c', employerId: 'E2', seq: 7 },
  { registrationId: 'a', employerId: 'E1', seq: 4 },
  { registrationId: 'b', employerId: 'E1', seq: 5 },
];

describe('waitlist', () => {
  it('offers free seats first come, first served', () => {
    expect(chooseOffers(2, waiting, new Map(), { cap: null, active: false })).toEqual(['a', 'b']);
    expect(waitlistPosition(waiting, 'c')).toBe(3);
    expect(waitlistPosition(waiting, 'z')).toBeNull();
  });

  it('skips people whose employer is at its fair-share cap, without losing their place', () => {
    const held = new Map([['E1', 1]]);
    expect(chooseOffers(2, waiting, held, { cap: 2, active: true })).toEqual(['a', 'c']);
    expect(waitingAheadOf(waiting, new Map([['E1', 2]]), { cap: 2, active: true })).toBe(1);
  });

  it('keeps an offer 48 hours, past the weekend when it would end on one', () => {
    // Tuesday 10:00 Paris → Thursday 10:00.
    expect(offerExpiry(new Date('2027-03-09T09:00:00Z'), 48).toISOString()).toBe('2027-03-11T09:00:00.000Z');
    // Thursday 10:00 → Saturday 10:00 → Monday 10:00.
    expect(offerExpiry(new Date('2027-03-11T09:00:00Z'), 48).toISOString()).toBe('2027-03-15T09:00:00.000Z');
  });
});
