import type { GroupFacts } from '../../db/repositories/registrationRepository.js';
import { dateTimeText, groupName, periodText } from './format.js';
import { MaintainForm } from './GroupDecisionForms.js';
import { groupHref } from './links.js';
import { SteeringPage, type SteeringFrame } from './SteeringPage.js';

export interface GroupToDecide {
  sessionId: string;
  confirmed: number;
  minTrainees: number;
  facts: GroupFacts;
}

export interface DecisionsPageProps {
  frame: SteeringFrame;
  groups: GroupToDecide[];
  notice: string | null;
  alert: string | null;
}

/** Groups under their minimum near their start: keep them, or cancel them (everyone is told). */
export function DecisionsPage({ frame, groups, notice, alert }: DecisionsPageProps) {
  return (
    <SteeringPage
      frame={frame}
      title="Maintien ou annulation"
      notice={notice}
      alert={alert}
      intro={
        <p class="lead">
          Ces groupes commencent bientôt avec moins d’inscriptions confirmées que leur minimum. Maintenez-les, ou annulez-les : les employeurs et les personnes confirmées sont alors prévenus, avec les
          autres groupes de la formation.
        </p>
      }
    >
      {groups.length === 0 ? (
        <p>Aucun groupe n’attend de décision.</p>
      ) : (
        <div class="admin-table-wrap">
          <table class="admin-table">
            <caption>Groupes sous leur minimum ({groups.length})</caption>
            <thead>
              <tr>
                <th scope="col">Groupe</th>
                <th scope="col">Dates</th>
                <th scope="col">Confirmées / minimum</th>
                <th scope="col">Date limite d’inscription</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.sessionId}>
                  <th scope="row">
                    <a href={groupHref(frame, group.sessionId)}>{groupName(group.facts)}</a>
                    <span class="admin-table__detail">{group.facts.trainingTitle}</span>
                  </th>
                  <td>{periodText(group.facts.firstDate, group.facts.lastDate)}</td>
                  <td>
                    {group.confirmed} / {group.minTrainees} <span class="admin-table__detail">(maximum {group.facts.maxTrainees})</span>
                  </td>
                  <td>{dateTimeText(group.facts.registrationDeadline)}</td>
                  <td>
                    <div class="steering-actions">
                      <MaintainForm frame={frame} sessionId={group.sessionId} subject={groupName(group.facts)} returnTo="decisions" />
                      <a class="button admin-button--danger" href={groupHref(frame, group.sessionId, '/annuler')}>
                        Annuler le groupe<span class="visually-hidden"> {groupName(group.facts)}</span>
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SteeringPage>
  );
}
