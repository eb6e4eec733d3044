import { availabilityLabel } from '../../domain/catalogue/sessionAvailability.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import type { CatalogueSession } from '../../use-cases/catalogueSessions.js';
import type { PageContext } from '../pageContext.js';

const PERIOD_LABEL = { morning: 'matin', afternoon: 'après-midi' } as const;

function timesText(session: CatalogueSession): string | null {
  const first = session.days[0];
  if (!first || first.halfDays.length === 0) return null;
  return first.halfDays.map((h) => `${PERIOD_LABEL[h.period]} ${h.startTime.replace(':', 'h')}–${h.endTime.replace(':', 'h')}`).join(', ');
}

const deadlineFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Registering from the catalogue: the employer's HR contact goes to the form of an open or
 * full group (full: the waitlist); anonymous visitors are asked to sign in first. The anonymous
 * link is the same for every visitor, so cached anonymous pages stay right; signed-in pages are
 * never cached (anonymousPageCache.ts).
 */
function RegisterLink({ session, page }: { session: CatalogueSession; page: PageContext | undefined }) {
  if (session.availability.kind !== 'open' && session.availability.kind !== 'full') return null;
  const form = `/employeur/inscrire/${encodeURIComponent(session.id)}`;
  const which = <span class="visually-hidden"> : {session.city ? `${session.label} — ${session.city}` : session.label}</span>;
  if (page?.spaces.includes('employer')) {
    return (
      <p class="session__register">
        <a class="button button--primary" href={form}>
          Inscrire des personnes{which}
        </a>
      </p>
    );
  }
  if (page?.user) return null;
  return (
    <p class="session__register">
      <a href={`/connexion?suivant=${form}`}>
        Connectez-vous pour inscrire votre personnel{which}
      </a>
    </p>
  );
}

/** One group ("Groupe 1 — Lille — les 10 & 11 mars 2022") with its seats or state. */
export function SessionCard({ session, headingLevel = 3, page }: { session: CatalogueSession; headingLevel?: 3 | 4; page?: PageContext }) {
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
      <RegisterLink session={session} page={page} />
    </article>
  );
}
