/**
 * The convocation as an iCalendar file: one event per day of the group, from the first
 * half-day's start to the last one's end. Times are computed as Europe/Paris wall-clock times
 * (parisLocalToInstant) and written in UTC ("…T080000Z"), which every calendar reads the same
 * way without a VTIMEZONE, and which does not depend on the TZ of the process.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import { parisLocalToInstant } from '../../domain/dates/parisTime.js';
import type { ConvocationDay, ConvocationFacts } from './convocationFacts.js';
import { contactLine, formatDayTimes, providerIdentity, separateModuleTitle, venueLines } from './convocationWording.js';

/** Stable per registration and day: a convocation sent again updates the same events. */
export function convocationEventUid(registrationId: string, date: string): string {
  return `${registrationId}-${date}@relais`;
}

export function renderConvocationIcs(facts: ConvocationFacts): string {
  const stamp = new Date(facts.revisedAt);
  const calendar = ical({
    prodId: { company: 'Relais', product: 'Convocation', language: 'FR' },
    // PUBLISH: an informative event to add to one's calendar, not an invitation to answer.
    method: ICalCalendarMethod.PUBLISH,
    name: facts.training.title,
  });
  const venue = venueLines(facts.session);
  const location = venue.length > 0 ? venue.join(', ') : facts.session.city;
  const description = describe(facts);

  for (const day of facts.days) {
    const span = daySpan(day);
    calendar.createEvent({
      id: convocationEventUid(facts.registration.id, day.date),
      // Same stamp on every render of the same facts: calendars take it as "not changed".
      stamp,
      ...(span ? { start: span.start, end: span.end } : { start: dateOnly(day.date), allDay: true }),
      summary: facts.training.title,
      location: location ?? null,
      description: span ? `${formatDayTimes(day) ?? ''}\n\n${description}` : description,
    });
  }
  return calendar.toString();
}

/** The day's first start and last end, as UTC instants. */
function daySpan(day: ConvocationDay): { start: Date; end: Date } | null {
  if (day.halfDays.length === 0) return null;
  const starts = day.halfDays.map((halfDay) => halfDay.startTime).sort();
  const ends = day.halfDays.map((halfDay) => halfDay.endTime).sort();
  const first = starts[0];
  const last = ends[ends.length - 1];
  if (first === undefined || last === undefined) return null;
  return { start: parisLocalToInstant(day.date, first), end: parisLocalToInstant(day.date, last) };
}

/** Midnight UTC of the date: ical-generator writes an all-day date from the UTC fields. */
function dateOnly(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function describe(facts: ConvocationFacts): string {
  const lines = [`Convocation à la formation « ${facts.training.title} »`];
  const moduleTitle = separateModuleTitle(facts.training);
  if (moduleTitle) lines.push(moduleTitle);
  lines.push(`${facts.session.label} — ${formatFrenchDateList(facts.days.map((day) => day.date))}`);
  const venue = venueLines(facts.session);
  if (venue.length > 0) lines.push(`Lieu : ${venue.join(', ')}`);
  lines.push(`Organisme de formation : ${facts.provider ? providerIdentity(facts.provider) : 'à préciser'}`);
  lines.push(`Financeur : ${facts.funder.name}`);
  if (facts.contact) lines.push(`Contact : ${contactLine(facts.contact)}`);
  lines.push(`Référence de l’inscription : ${facts.registration.id}`);
  return lines.join('\n');
}
