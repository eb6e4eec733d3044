import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { isActive } from '../../domain/registrations/registrationStatus.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';
import { EmployerPage } from './EmployerPage.js';
import { groupName, periodText, statusText } from './format.js';
import { OfferButtons } from './OfferButtons.js';

export type RegistrationsView = 'groupes' | 'personnes';

export interface RegistrationsQuery {
  view: RegistrationsView;
  /** Include cancelled, rejected and expired registrations. */
  ended: boolean;
}

const registrationHref = (frame: EmployerFrame, id: string, rest: string) => employerHref(frame, `/employeur/inscriptions/${encodeURIComponent(id)}${rest}`);

function registrationsHref(frame: EmployerFrame, query: RegistrationsQuery): string {
  const params = [query.view === 'personnes' ? 'vue=personnes' : null, query.ended ? 'terminees=1' : null].filter(Boolean).join('&');
  return employerHref(frame, `/employeur/inscriptions${params ? `?${params}` : ''}`);
}

/** What can be done on one registration now: answer an offer, download the convocation, cancel. */
function Actions({ frame, registration, now }: { frame: EmployerFrame; registration: RegistrationView; now: Date }) {
  const name = `${registration.trainee.firstName} ${registration.trainee.lastName}`;
  const liveOffer = registration.status === 'offered' && registration.offerExpiresAt !== null && new Date(registration.offerExpiresAt) > now;
  if (!isActive(registration.status)) return <span class="employer-muted">—</span>;
  return (
    <div class="employer-actions">
      {liveOffer ? <OfferButtons frame={frame} registration={registration} /> : null}
      {registration.status === 'confirmed' ? (
        <>
          <a href={registrationHref(frame, registration.id, '/convocation.pdf')} download>
            Convocation (PDF)<span class="visually-hidden"> de {name}</span>
          </a>
          <a href={registrationHref(frame, registration.id, '/convocation.ics')} download>
            Ajouter à l’agenda (.ics)<span class="visually-hidden"> : formation de {name}</span>
          </a>
        </>
      ) : null}
      <a class="button button--small button--danger" href={registrationHref(frame, registration.id, '/annuler')}>
        Annuler<span class="visually-hidden"> l’inscription de {name}</span>
      </a>
    </div>
  );
}

interface Section {
  key: string;
  title: string;
  detail: string;
  registrations: RegistrationView[];
}

const byDate = (a: RegistrationView, b: RegistrationView) => (a.session.firstDate ?? '9999').localeCompare(b.session.firstDate ?? '9999') || a.session.label.localeCompare(b.session.label, 'fr');
const byName = (a: RegistrationView, b: RegistrationView) => a.trainee.lastName.localeCompare(b.trainee.lastName, 'fr') || a.trainee.firstName.localeCompare(b.trainee.firstName, 'fr');

/** One section per group (soonest first), or per person (by name). */
function sectionsOf(registrations: RegistrationView[], view: RegistrationsView): Section[] {
  const sorted = [...registrations].sort(view === 'groupes' ? (a, b) => byDate(a, b) || byName(a, b) : (a, b) => byName(a, b) || byDate(a, b));
  const sections = new Map<string, Section>();
  for (const registration of sorted) {
    const key = view === 'groupes' ? registration.session.id : registration.trainee.id;
    let section = sections.get(key);
    if (!section) {
      section =
        view === 'groupes'
          ? { key, title: `${registration.training.title} — ${groupName(registration.session)}`, detail: periodText(registration.session.firstDate, registration.session.lastDate), registrations: [] }
          : { key, title: `${registration.trainee.firstName} ${registration.trainee.lastName}`, detail: registration.trainee.email, registrations: [] };
      sections.set(key, section);
    }
    section.registrations.push(registration);
  }
  return [...sections.values()];
}

function SectionTable({ frame, section, view, now }: { frame: EmployerFrame; section: Section; view: RegistrationsView; now: Date }) {
  const headingId = `section-${section.key}`;
  return (
    <section aria-labelledby={headingId} class="admin-section employer-section">
      <h2 id={headingId}>{section.title}</h2>
      <p class="employer-muted">{section.detail}</p>
      <div class="admin-table-wrap">
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{view === 'groupes' ? 'Personne' : 'Formation et groupe'}</th>
              {view === 'personnes' ? <th scope="col">Dates</th> : null}
              <th scope="col">Statut</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {section.registrations.map((registration) => (
              <tr key={registration.id}>
                <th scope="row">
                  {view === 'groupes' ? `${registration.trainee.firstName} ${registration.trainee.lastName}` : `${registration.training.title} — ${groupName(registration.session)}`}
                </th>
                {view === 'personnes' ? <td>{periodText(registration.session.firstDate, registration.session.lastDate)}</td> : null}
                <td>{statusText(registration)}</td>
                <td>
                  <Actions frame={frame} registration={registration} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** « Mes inscriptions »: by group (default) or by person, with the actions each registration allows. */
export function RegistrationsPage({ frame, registrations, query, now, notice }: { frame: EmployerFrame; registrations: RegistrationView[]; query: RegistrationsQuery; now: Date; notice: string | null }) {
  const shown = query.ended ? registrations : registrations.filter((registration) => isActive(registration.status));
  const hidden = registrations.length - shown.length;
  return (
    <EmployerPage frame={frame} title="Mes inscriptions" notice={notice}>
      <nav class="admin-tabs" aria-label="Présentation des inscriptions">
        <ul>
          <li>
            <a href={registrationsHref(frame, { ...query, view: 'groupes' })} aria-current={query.view === 'groupes' ? 'page' : undefined}>
              Par groupe
            </a>
          </li>
          <li>
            <a href={registrationsHref(frame, { ...query, view: 'personnes' })} aria-current={query.view === 'personnes' ? 'page' : undefined}>
              Par personne
            </a>
          </li>
        </ul>
      </nav>
      <p class="employer-toggle">
        {query.ended ? (
          <a href={registrationsHref(frame, { ...query, ended: false })}>N’afficher que les inscriptions en cours</a>
        ) : hidden > 0 ? (
          <a href={registrationsHref(frame, { ...query, ended: true })}>Afficher aussi {hidden === 1 ? 'l’inscription terminée' : `les ${hidden} inscriptions terminées`} (annulées, refusées, expirées)</a>
        ) : null}
      </p>
      {shown.length === 0 ? (
        <p>
          Aucune inscription en cours. Pour inscrire des personnes, choisissez un groupe dans le <a href="/">catalogue</a>.
        </p>
      ) : (
        sectionsOf(shown, query.view).map((section) => <SectionTable key={section.key} frame={frame} section={section} view={query.view} now={now} />)
      )}
    </EmployerPage>
  );
}
