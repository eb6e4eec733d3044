import { parisDateOf } from '../../domain/dates/calendarDate.js';
import { formatFrenchDate } from '../../domain/dates/formatFrenchDates.js';

/** An ISO instant as a French calendar date, in Paris: "10 mars 2022". */
export function frenchDay(iso: string): string {
  return formatFrenchDate(parisDateOf(new Date(iso)));
}
