import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import { professionLabel } from '../../domain/registrations/professions.js';
import type { Participants } from '../../use-cases/registrations/steeringQueries.js';
import type { PageContext } from '../pageContext.js';
import { groupName, personName } from '../steering/format.js';
import { providerGroupHref } from './ProviderGroupsPage.js';
import { ProviderPage } from './ProviderPage.js';

/** A group's confirmed participants, for the provider that runs it (no waiting or refused requests). */
export function ProviderGroupPage({ page, group }: { page: PageContext; group: Participants }) {
  const { facts, days, participants } = group;
  return (
    <ProviderPage page={page} title={groupName(facts)} intro={<p class="lead">{facts.trainingTitle}</p>}>
      <p>
        <a href="/organisme">Retour à vos groupes</a>
      </p>
      {facts.status === 'cancelled' ? (
        <div class="steering-alert" role="status">
          <p>Ce groupe est annulé.</p>
        </div>
      ) : null}
      <dl class="admin-facts">
        <div>
          <dt>Dates</dt>
          <dd>{days.length > 0 ? formatFrenchDateList(days) : 'À venir'}</dd>
        </div>
        <div>
          <dt>Lieu</dt>
          <dd>{[facts.venueName, facts.city].filter(Boolean).join(', ') || 'Non précisé'}</dd>
        </div>
        <div>
          <dt>Participants confirmés</dt>
          <dd>
            {participants.length} / {facts.maxTrainees}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="participants" class="admin-section">
        <h2 id="participants">Participants confirmés</h2>
        <p>
          <a href={providerGroupHref(facts.sessionId, '/participants.csv')} download>
            Télécharger la liste (CSV)
          </a>
        </p>
        {participants.length === 0 ? (
          <p>Aucun participant confirmé pour l’instant.</p>
        ) : (
          <div class="admin-table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Profession</th>
                  <th scope="col">Établissement</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((registration) => (
                  <tr key={registration.id}>
                    <th scope="row">{personName(registration.trainee)}</th>
                    <td>{professionLabel(registration.trainee.profession)}</td>
                    <td>{registration.employer.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ProviderPage>
  );
}
