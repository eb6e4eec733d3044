import { describe, expect, it } from 'vitest';
import { formatDays, formatHours, hoursToMinutes } from './durations.js';
import { STANDARD_DAY_MINUTES, halfDayMinutes } from './halfDaySchedule.js';

describe('durations', () => {
  it('keeps hours as whole minutes and writes them with two decimals', () => {
    expect(hoursToMinutes(10.5)).toBe(630);
    expect(formatHours(840)).toBe('14,00 h');
    expect(formatHours(630)).toBe('10,50 h');
  });

  it('writes days in French', () => {
    expect(formatDays(1)).toBe('1 jour');
    expect(formatDays(2)).toBe('2 jours');
    expect(formatDays(1.5)).toBe('1,5 jour');
  });

  it('has a standard day of two half-days making 7 hours', () => {
    expect(halfDayMinutes('09:00', '12:30')).toBe(210);
    expect(STANDARD_DAY_MINUTES).toBe(7 * 60);
  });
});
