import { describe, expect, it } from 'vitest';
import { availabilityLabel, seatsLeft, sessionAvailability, type SessionFacts } from './sessionAvailability.js';

const base: SessionFacts = {
  status: 'planned',
  dates: ['2027-03-10', '2027-03-11'],
  registrationDeadline: '2027-02-24T22:59:00.000Z',
  maxTrainees: 15,
  confirmed: 0,
  pending: 0,
  liveOffers: 0,
};
const now = new Date('2027-01-05T10:00:00Z');

describe('seatsLeft', () => {
  it('counts confirmed registrations, pending approvals and live offers against the maximum', () => {
    expect(seatsLeft({ maxTrainees: 15, confirmed: 10, pending: 1, liveOffers: 2 })).toBe(2);
  });

  it('never goes below zero, even if the maximum was lowered under the confirmed count', () => {
    expect(seatsLeft({ maxTrainees: 10, confirmed: 12, pending: 0, liveOffers: 0 })).toBe(0);
  });
});

describe('sessionAvailability', () => {
  it('is open with its seats before the deadline', () => {
    expect(sessionAvailability(base, '2027-01-05', now)).toEqual({ kind: 'open', seatsLeft: 15 });
  });

  it('is full when no seat is left', () => {
    expect(sessionAvailability({ ...base, confirmed: 14, liveOffers: 1 }, '2027-01-05', now)).toEqual({ kind: 'full' });
  });

  it('is past once its last day is over, in progress during its days', () => {
    expect(sessionAvailability(base, '2027-03-12', now).kind).toBe('past');
    expect(sessionAvailability(base, '2027-03-11', now).kind).toBe('in_progress');
    expect(sessionAvailability(base, '2027-03-10', now).kind).toBe('in_progress');
  });

  it('is closed after the registration deadline', () => {
    expect(sessionAvailability(base, '2027-02-26', new Date('2027-02-26T08:00:00Z')).kind).toBe('closed');
  });

  it('says cancelled before anything else', () => {
    expect(sessionAvailability({ ...base, status: 'cancelled' }, '2020-01-01', now).kind).toBe('cancelled');
  });

  it('has French labels', () => {
    expect(availabilityLabel({ kind: 'open', seatsLeft: 1 })).toBe('1 place disponible');
    expect(availabilityLabel({ kind: 'open', seatsLeft: 4 })).toBe('4 places disponibles');
    expect(availabilityLabel({ kind: 'full' })).toBe('Complet');
    expect(availabilityLabel({ kind: 'past' })).toBe('Session passée');
  });
});
