import { formatDays, formatHours } from '../../domain/catalogue/durations.js';
import { FRENCH_MONTHS } from '../../domain/dates/formatFrenchDates.js';

/** "2 jours (14,00 h)", "35,00 h", or null when the fiche gives no duration. */
export function durationText(days: number | null, minutes: number | null): string | null {
  if (days !== null && minutes !== null) return `${formatDays(days)} (${formatHours(minutes)})`;
  if (days !== null) return formatDays(days);
  if (minutes !== null) return formatHours(minutes);
  return null;
}

/** "2027-03" → "mars 2027". */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-');
  return `${FRENCH_MONTHS[Number(number) - 1] ?? ''} ${year ?? ''}`.trim();
}

export function moduleLabel(moduleNumber: number | null, moduleTitle: string | null): string | null {
  if (moduleNumber === null) return null;
  return moduleTitle ? `Module ${moduleNumber} — ${moduleTitle}` : `Module ${moduleNumber}`;
}
