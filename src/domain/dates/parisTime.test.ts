import { describe, expect, it } from 'vitest';
import { parisLocalToInstant } from './parisTime.js';

describe('parisLocalToInstant', () => {
  it('applies winter time (UTC+1) and summer time (UTC+2)', () => {
    expect(parisLocalToInstant('2027-03-10', '09:00').toISOString()).toBe('2027-03-10T08:00:00.000Z');
    expect(parisLocalToInstant('2027-07-01', '09:00').toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });

  it('handles the days of the change', () => {
    expect(parisLocalToInstant('2027-03-28', '12:00').toISOString()).toBe('2027-03-28T10:00:00.000Z');
    expect(parisLocalToInstant('2027-10-31', '12:00').toISOString()).toBe('2027-10-31T11:00:00.000Z');
  });
});
