/** Attendance is signed per half-day. */
export type HalfDayPeriod = 'morning' | 'afternoon';

/**
 * The funder's standard day when a fiche gives no times: 7 hours split into two half-days,
 * the unit in which attendance is signed (Code du travail R6332-26).
 */
export const STANDARD_HALF_DAYS: ReadonlyArray<{ period: HalfDayPeriod; startTime: string; endTime: string }> = [
  { period: 'morning', startTime: '09:00', endTime: '12:30' },
  { period: 'afternoon', startTime: '13:30', endTime: '17:00' },
];

export function halfDayMinutes(startTime: string, endTime: string): number {
  const toMinutes = (time: string) => {
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    return hours * 60 + minutes;
  };
  return toMinutes(endTime) - toMinutes(startTime);
}

export const STANDARD_DAY_MINUTES = STANDARD_HALF_DAYS.reduce((sum, h) => sum + halfDayMinutes(h.startTime, h.endTime), 0);
