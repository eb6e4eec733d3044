import { describe, expect, it } from 'vitest';
import { decidePlacement, freeSeats, occupy, type GroupOccupancy } from './capacity.js';
import { capReleaseInstant, fairShareAt, NO_FAIR_SHARE } from './fairShare.js';

const empty: GroupOccupancy = { maxTrainees: 3, confirmed: 0, pending: 0, liveOffers: 0 };
const request = { needsReview: false, employerHeld: 0, fairShare: NO_FAIR_SHARE, waitingAhead: 0 };

describe('capacity', () => {
  it('counts confirmed, pending and live offers as held seats', () => {
    expect(freeSeats({ maxTrainees: 15, confirmed: 10, pending: 2, liveOffers: 1 })).toBe(2);
    expect(freeSeats({ maxTrainees: 10, confirmed: 12, pending: 0, liveOffers: 0 })).toBe(0);
  });

  it('confirms while seats are free, then waitlists', () => {
    let occupancy = empty;
    const placements = [];
    for (let index = 0; index < 5; index += 1) {
      const placement = decidePlacement(occupancy, request);
      placements.push(placement);
      occupancy = occupy(occupancy, placement);
    }
    expect(placements).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
  });

  it('makes the person pending (holding a seat) when the funder reviews', () => {
    const placement = decidePlacement(empty, { ...request, needsReview: true });
    expect(placement).toBe('pending');
    expect(freeSeats(occupy(empty, placement))).toBe(2);
  });

  it('never lets a newcomer pass people waiting for the same seat', () => {
    expect(decidePlacement({ ...empty, confirmed: 2 }, { ...request, waitingAhead: 1 })).toBe('waitlisted');
    expect(decidePlacement({ ...empty, confirmed: 1 }, { ...request, waitingAhead: 1 })).toBe('confirmed');
  });

  it('sends an employer at its fair-share cap to the waitlist while seats are free', () => {
    const fairShare = { cap: 2, active: true };
    expect(decidePlacement(empty, { ...request, employerHeld: 1, fairShare })).toBe('confirmed');
    expect(decidePlacement(empty, { ...request, employerHeld: 2, fairShare })).toBe('waitlisted');
    expect(decidePlacement(empty, { ...request, employerHeld: 2, fairShare: { cap: 2, active: false } })).toBe('confirmed');
  });
});

describe('fair share release', () => {
  it('lifts the cap the given days before the deadline', () => {
    const releaseAt = capReleaseInstant({ registrationDeadline: '2027-03-01T22:59:00.000Z', firstDate: '2027-03-16', releaseDays: 15 });
    expect(releaseAt?.toISOString()).toBe('2027-02-14T22:59:00.000Z');
    expect(fairShareAt(2, releaseAt, new Date('2027-02-14T22:58:00Z')).active).toBe(true);
    expect(fairShareAt(2, releaseAt, new Date('2027-02-14T22:59:00Z')).active).toBe(false);
  });

  it('counts from the first day at midnight in Paris when the group has no deadline', () => {
    expect(capReleaseInstant({ registrationDeadline: null, firstDate: '2027-03-16', releaseDays: 1 })?.toISOString()).toBe('2027-03-14T23:00:00.000Z');
  });

  it('keeps the cap without release days, and has none without a cap', () => {
    expect(fairShareAt(2, null, new Date()).active).toBe(true);
    expect(fairShareAt(null, null, new Date()).active).toBe(false);
  });
});
