/**
 * Writes a group's days the way French fiches do: "le 7 juin 2024", "les 10 & 11 mars 2022",
 * "du 3 au 5 avril 2023", "les 3, 5 & 9 avril 2023", "du 30 mars au 1er avril 2023".
 */
import { addDays } from './calendarDate.js';

export const FRENCH_MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

interface Parts {
  year: number;
  month: number;
  day: number;
}

function parts(date: string): Parts {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function dayLabel(day: number): string {
  return day === 1 ? '1er' : String(day);
}

function monthName(month: number): string {
  return FRENCH_MONTHS[month - 1] ?? '';
}

/** "10 mars 2022" (with "1er" for the first day of a month). */
export function formatFrenchDate(date: string): string {
  const { year, month, day } = parts(date);
  return `${dayLabel(day)} ${monthName(month)} ${year}`;
}

function joinFrench(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} & ${items[items.length - 1]}`;
}

function isConsecutive(dates: string[]): boolean {
  return dates.every((date, index) => index === 0 || addDays(dates[index - 1] as string, 1) === date);
}

/** The dates must be ISO "YYYY-MM-DD"; order and duplicates do not matter. */
export function formatFrenchDateList(input: readonly string[]): string {
  const dates = [...new Set(input)].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return '';
  if (dates.length === 1) return `le ${formatFrenchDate(first)}`;

  const start = parts(first);
  const end = parts(last);
  const sameYear = start.year === end.year;
  const sameMonth = sameYear && start.month === end.month;

  if (dates.length > 2 && isConsecutive(dates)) {
    if (sameMonth) return `du ${dayLabel(start.day)} au ${dayLabel(end.day)} ${monthName(end.month)} ${end.year}`;
    if (sameYear) return `du ${dayLabel(start.day)} ${monthName(start.month)} au ${formatFrenchDate(last)}`;
    return `du ${formatFrenchDate(first)} au ${formatFrenchDate(last)}`;
  }
  if (sameMonth) return `les ${joinFrench(dates.map((d) => dayLabel(parts(d).day)))} ${monthName(end.month)} ${end.year}`;
  if (sameYear) {
    return `les ${joinFrench(dates.map((d) => `${dayLabel(parts(d).day)} ${monthName(parts(d).month)}`))} ${end.year}`;
  }
  return `les ${joinFrench(dates.map(formatFrenchDate))}`;
}
