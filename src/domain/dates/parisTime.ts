/**
 * Converts a Paris wall-clock time on a calendar date into the UTC instant, whatever TZ the
 * process runs with (summer and winter time included).
 */
import { PARIS_TIME_ZONE } from './calendarDate.js';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: PARIS_TIME_ZONE, timeZoneName: 'longOffset' });

function parisOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** "2027-03-10", "09:00" → 2027-03-10T08:00:00.000Z (winter time, UTC+1). */
export function parisLocalToInstant(date: string, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00.000Z`);
  // The offset at the wall-clock time itself; a second pass settles the days of the change.
  let instant = new Date(asUtc.getTime() - parisOffsetMinutes(asUtc) * 60_000);
  instant = new Date(asUtc.getTime() - parisOffsetMinutes(instant) * 60_000);
  return instant;
}
