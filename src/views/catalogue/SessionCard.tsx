import { availabilityLabel } from '../../domain/catalogue/sessionAvailability.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import type { CatalogueSession } from '../../use-cases/catalogueSessions.js';

const PERIOD_LABEL = { morning: 'matin', afternoon: 'après-midi' } as const;

function timesText(session: CatalogueSession): string | null {
  const first = session.days[0];
  if (!first || first.halfDays.length === 0) return null;
  return first.halfDays.map((h) => `${PERIOD_LABEL[h.period]} ${h.startTime.replace(':', 'h')}–${h.endTime.replace(':', 'h')}`).join(', ');
}

const deadlineFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

/** One group ("Groupe 1 — Lille — les 10 & 11 mars 2022") with its seats or state. */
export function SessionCard({ session, headingLevel = 3 }: { session: CatalogueSession; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const times = timesText(session);
  const venue = [session.venueName, session.address, [session.postcode, session.city].filter(Boolean).join(' ')].filter(Boolean);
  return (
    <article class={`session session--${session.availability.kind}`} id={`groupe-${session.position}`} aria-labelledby={`groupe-${session.position}-titre`}>
      <Heading class="session__title" id={`groupe-${session.position}-titre`}>
        {session.label}
        {session.city ? <span class="session__city"> — {session.city}</span> : null}
        {session.isDemo ? (
          <>
            {' '}
            <span class="badge badge--demo">Démonstration</span>
          </>
        ) : null}
      </Heading>
      <p class="session__dates">{formatFrenchDateList(session.dates)}</p>
      {times ? <p class="session__times">Horaires : {times}</p> : null}
      {venue.length > 0 && (session.venueName || session.address) ? <p class="session__venue">{venue.join(', ')}</p> : null}
      <p class={`availability availability--${session.availability.kind}`}>
        <strong>{availabilityLabel(session.availability)}</strong>
        {session.availability.kind === 'open' ? <span class="availability__max"> sur {session.maxTrainees}</span> : null}
      </p>
      {session.registrationDeadline && session.availability.kind === 'open' ? (
        <p class="session__deadline">Inscriptions jusqu’au {deadlineFormat.format(new Date(session.registrationDeadline))}</p>
      ) : null}
    </article>
  );
}
