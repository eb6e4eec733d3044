import type { GroupLine } from '../../use-cases/registrations/steeringQueries.js';
import type { PageContext } from '../pageContext.js';
import { groupName, moduleMention, periodText } from '../steering/format.js';
import { GroupStateText } from '../steering/GroupStateText.js';
import { ProviderPage } from './ProviderPage.js';

export const providerGroupHref = (sessionId: string, rest = '') => `/organisme/groupes/${encodeURIComponent(sessionId)}${rest}`;

function TrainingCell({ group }: { group: GroupLine }) {
  const module = moduleMention(group.trainingTitle, group.moduleNumber, group.moduleTitle);
  return (
    <td>
      <span class="admin-table__label">{group.trainingTitle}</span>
      {module ? <span class="admin-table__detail">{module}</span> : null}
    </td>
  );
}

/** The groups of the trainings this provider delivers, with how many people are confirmed. */
export function ProviderGroupsPage({ page, groups, includePast, pastGroupsHidden }: { page: PageContext; groups: GroupLine[]; includePast: boolean; pastGroupsHidden: number }) {
  const severalProviders = new Set(groups.map((group) => group.providerId)).size > 1;
  return (
    <ProviderPage page={page} title="Vos groupes" intro={<p class="lead">Les groupes des formations que vous animez, avec les participants confirmés.</p>}>
      {groups.length === 0 ? (
        <p>{includePast ? 'Aucun groupe pour l’instant.' : 'Aucun groupe à venir.'}</p>
      ) : (
        <div class="admin-table-wrap">
          <table class="admin-table steering-table">
            <caption>Groupes ({groups.length})</caption>
            <thead>
              <tr>
                <th scope="col">Groupe</th>
                <th scope="col">Formation</th>
                {severalProviders ? <th scope="col">Organisme</th> : null}
                <th scope="col">Dates</th>
                <th scope="col">Confirmés / places</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.sessionId}>
                  <th scope="row">
                    <a href={providerGroupHref(group.sessionId)}>{groupName(group)}</a>
                  </th>
                  <TrainingCell group={group} />
                  {severalProviders ? <td>{group.providerName ?? '—'}</td> : null}
                  <td class="steering-dates">{periodText(group.firstDate, group.lastDate)}</td>
                  <td>
                    {group.tally.confirmed} / {group.maxTrainees}
                  </td>
                  <td>
                    <GroupStateText line={{ ...group, decisionNeeded: false }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {includePast || pastGroupsHidden > 0 ? (
        <p class="admin-section">
          <a href={includePast ? '/organisme' : '/organisme?passes=1'}>{includePast ? 'Masquer les groupes terminés' : `Afficher aussi les groupes terminés (${pastGroupsHidden})`}</a>
        </p>
      ) : null}
    </ProviderPage>
  );
}
