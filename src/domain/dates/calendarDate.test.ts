import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, parisDateOf } from './calendarDate.js';

describe('calendar dates', () => {
  it('gives the Paris date, not the UTC one, around midnight', () => {
    // 23:30 UTC on 31 March 2024 is already 1 April in Paris (summer time, UTC+2).
    expect(parisDateOf(new Date('2024-03-31T23:30:00Z'))).toBe('2024-04-01');
    expect(parisDateOf(new Date('2024-01-15T22:59:00Z'))).toBe('2024-01-15');
    expect(parisDateOf(new Date('2024-01-15T23:00:00Z'))).toBe('2024-01-16');
  });

  it('adds days across months and years', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('rejects impossible dates', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });
});
