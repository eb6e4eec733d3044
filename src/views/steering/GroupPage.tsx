import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import type { SteeringGroupView } from '../../use-cases/registrations/steeringQueries.js';
import { ErrorSummary } from '../admin/ErrorSummary.js';
import { dateTimeText, groupName } from './format.js';
import { GroupRegistrationTables } from './GroupRegistrationTables.js';
import { GroupStateText } from './GroupStateText.js';
import { MaintainForm } from './GroupDecisionForms.js';
import { groupHref, settingsHref, steeringHref } from './links.js';
import { rowFieldId, type RowFormError } from './RegistrationForms.js';
import { SteeringPage, type SteeringFrame } from './SteeringPage.js';

export interface GroupPageProps {
  frame: SteeringFrame;
  view: SteeringGroupView;
  now: Date;
  notice: string | null;
  alert: string | null;
  failed: RowFormError | null;
}

/** The error summary links each message to the refused row's field. */
function fieldIdsOf(failed: RowFormError | null): Record<string, string> | undefined {
  if (!failed) return undefined;
  const id = rowFieldId(failed.form, failed.registrationId);
  return Object.fromEntries(Object.keys(failed.errors.fields).map((field) => [field, id]));
}

/** One group for the funder's staff: facts, counts, decision, and every registration by state. */
export function GroupPage({ frame, view, now, notice, alert, failed }: GroupPageProps) {
  const { overview, line, days, moveTargets, canManage } = view;
  const { facts, counts, decision } = overview;
  const cancelled = facts.status === 'cancelled';
  const name = groupName(facts);
  return (
    <SteeringPage frame={frame} title={name} notice={notice} alert={alert} intro={<p class="lead">{facts.trainingTitle}</p>}>
      <p>
        <a href={steeringHref(frame, '/pilotage')}>Retour aux groupes</a>
      </p>
      <ErrorSummary errors={failed?.errors} fieldIds={fieldIdsOf(failed)} />
      <div class="admin-status-box">
        <GroupStateText line={line} />
        {cancelled ? (
          <p>
            Annulé le {dateTimeText(decision.cancelledAt)}
            {decision.cancelReason ? ` — motif : ${decision.cancelReason}` : ''}
          </p>
        ) : null}
        {!cancelled && decision.maintainedAt ? <p>Maintenu le {dateTimeText(decision.maintainedAt)}</p> : null}
      </div>
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
          <dt>Date limite d’inscription</dt>
          <dd>{facts.registrationDeadline ? dateTimeText(facts.registrationDeadline) : 'Aucune'}</dd>
        </div>
        <div>
          <dt>Effectif minimum / maximum</dt>
          <dd>
            {facts.minTrainees} / {facts.maxTrainees}
          </dd>
        </div>
        <div>
          <dt>Validation par le financeur</dt>
          <dd>
            {facts.requiresApproval ? 'Oui' : 'Non'} (<a href={settingsHref(frame, facts.trainingId)}>règles d’inscription</a>)
          </dd>
        </div>
      </dl>

      <section aria-labelledby="effectifs" class="admin-section">
        <h2 id="effectifs">Effectifs</h2>
        <ul class="admin-counts">
          <li>
            Confirmées : <strong>{counts.confirmed}</strong>
          </li>
          <li>
            À valider : <strong>{counts.pending}</strong>
          </li>
          <li>
            Places proposées : <strong>{counts.offered}</strong>
          </li>
          <li>
            Liste d’attente : <strong>{counts.waitlisted}</strong>
          </li>
          <li>
            Places libres : <strong>{cancelled ? '—' : counts.freeSeats}</strong>
          </li>
        </ul>
        <p>
          <a href={groupHref(frame, facts.sessionId, '/participants.csv')} download>
            Télécharger la liste des participants confirmés (CSV)
          </a>
        </p>
      </section>

      {canManage && !cancelled ? (
        <section aria-labelledby="decision" class="admin-section">
          <h2 id="decision">Maintien ou annulation du groupe</h2>
          {line.decisionNeeded ? <p>Ce groupe commence bientôt avec moins de {facts.minTrainees} inscriptions confirmées : décidez s’il est maintenu.</p> : null}
          <div class="steering-actions">
            {decision.maintainedAt === null ? <MaintainForm frame={frame} sessionId={facts.sessionId} subject={name} returnTo="groupe" /> : null}
            <a class="button admin-button--danger" href={groupHref(frame, facts.sessionId, '/annuler')}>
              Annuler le groupe
            </a>
          </div>
        </section>
      ) : null}

      <GroupRegistrationTables frame={frame} registrations={overview.registrations} moveTargets={moveTargets} actions={canManage && !cancelled} failed={failed} now={now} />
    </SteeringPage>
  );
}
