/**
 * Training durations: hours are kept as whole minutes and shown with two decimals, the way
 * French training documents write them ("14,00 h").
 */
export const DEFAULT_HOURS_PER_DAY = 7;

export function hoursToMinutes(hours: number): number {
  return Math.round(hours * 60);
}

export function formatHours(minutes: number): string {
  return `${(minutes / 60).toFixed(2).replace('.', ',')} h`;
}

/** "2 jours", "1 jour", "1,5 jour". */
export function formatDays(days: number): string {
  const text = Number.isInteger(days) ? String(days) : String(days).replace('.', ',');
  return `${text} ${days >= 2 ? 'jours' : 'jour'}`;
}
