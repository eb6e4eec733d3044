/**
 * The French wording shared by the convocation PDF and its .ics, so both say the same times,
 * place and identities the same way.
 */
import { FRENCH_MONTHS } from '../../domain/dates/formatFrenchDates.js';
import type { ConvocationDay, ConvocationFacts } from './convocationFacts.js';

/** A no-break space: "9 h 00" must not be split across two lines. */
const NBSP = '\u00A0';

const FRENCH_WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** "09:00" → "9 h 00", the French typographic way. */
export function formatFrenchTime(time: string): string {
  const [hours = '0', minutes = '00'] = time.split(':');
  return `${Number(hours)}${NBSP}h${NBSP}${minutes.padStart(2, '0')}`;
}

/** "09:00", "12:30" → "9 h 00 – 12 h 30". */
export function formatTimeRange(startTime: string, endTime: string): string {
  return `${formatFrenchTime(startTime)} – ${formatFrenchTime(endTime)}`;
}

/** "2027-03-10" → "mercredi 10 mars 2027" (computed on the date itself, whatever the TZ). */
export function formatFrenchLongDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = FRENCH_WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? '';
  return `${weekday} ${day === 1 ? '1er' : day} ${FRENCH_MONTHS[month - 1] ?? ''} ${year}`;
}

/** "9 h 00 – 12 h 30 et 13 h 30 – 17 h 00"; null when the group's times are not known. */
export function formatDayTimes(day: ConvocationDay): string | null {
  if (day.halfDays.length === 0) return null;
  const ranges = day.halfDays.map((halfDay) => formatTimeRange(halfDay.startTime, halfDay.endTime));
  if (ranges.length === 1) return ranges[0] ?? null;
  return `${ranges.slice(0, -1).join(', ')} et ${ranges[ranges.length - 1]}`;
}

export const TIMES_TO_COME = 'horaires communiqués par l’organisme de formation';

/** The venue as address lines: name, street, "59000 Lille". Empty when nothing is known. */
export function venueLines(session: ConvocationFacts['session']): string[] {
  const cityLine = [session.postcode, session.city].filter((part) => part !== null && part.trim() !== '').join(' ');
  return [session.venueName, session.address, cityLine].filter((line): line is string => line !== null && line.trim() !== '');
}

/** "12345678900012" → "123 456 789 00012"; anything else is shown as stored. */
export function formatSiret(siret: string): string {
  const digits = siret.replace(/\s+/g, '');
  return /^\d{14}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}` : siret;
}

export function traineeFullName(facts: ConvocationFacts): string {
  return `${facts.trainee.firstName} ${facts.trainee.lastName}`.trim();
}

/** The module title, when the training's title does not already contain it. */
export function separateModuleTitle(training: ConvocationFacts['training']): string | null {
  const moduleTitle = training.moduleTitle?.trim();
  if (!moduleTitle) return null;
  return training.title.includes(moduleTitle) ? null : moduleTitle;
}

/** "Organisme de formation : APSN — SIRET 123 456 789 00012 — NDA 11755555575". */
export function providerIdentity(provider: NonNullable<ConvocationFacts['provider']>): string {
  const parts = [provider.name];
  if (provider.siret) parts.push(`SIRET ${formatSiret(provider.siret)}`);
  if (provider.nda) parts.push(`déclaration d’activité n° ${provider.nda}`);
  return parts.join(' — ');
}

/** "03 20 00 00 00" that no line break can split: a phone number cut in two is misdialled. */
export function unbreakable(text: string): string {
  return text.trim().replace(/\s+/g, NBSP);
}

/** "Chloé Demeyere — chloe@opco.fr — 03 20 00 00 00". */
export function contactLine(contact: NonNullable<ConvocationFacts['contact']>): string {
  return [contact.name, contact.email, contact.phone].filter((part): part is string => part !== null && part.trim() !== '').join(' — ');
}
