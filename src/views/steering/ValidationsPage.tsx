import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { professionLabel } from '../../domain/registrations/professions.js';
import { ErrorSummary } from '../admin/ErrorSummary.js';
import { dateTimeText, groupName, periodText, personName } from './format.js';
import { ApproveForm, RejectForm, rowError, rowFieldId, type RowFormError } from './RegistrationForms.js';
import { groupHref } from './links.js';
import { SteeringPage, type SteeringFrame } from './SteeringPage.js';

export interface ValidationsPageProps {
  frame: SteeringFrame;
  pending: RegistrationView[];
  notice: string | null;
  alert: string | null;
  failed: RowFormError | null;
}

function Request({ frame, registration, failed }: { frame: SteeringFrame; registration: RegistrationView; failed: RowFormError | null }) {
  const headingId = `demande-${registration.id}`;
  return (
    <li class="steering-request">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} class="steering-request__title">
          {personName(registration.trainee)}
        </h2>
        <dl class="admin-facts">
          <div>
            <dt>Profession</dt>
            <dd>{professionLabel(registration.trainee.profession)}</dd>
          </div>
          <div>
            <dt>Établissement</dt>
            <dd>
              {registration.employer.name} <span class="admin-form__mention">(SIRET {registration.employer.siret})</span>
            </dd>
          </div>
          <div>
            <dt>Groupe</dt>
            <dd>
              <a href={groupHref(frame, registration.session.id)}>
                {registration.training.title} — {groupName(registration.session)}
              </a>{' '}
              ({periodText(registration.session.firstDate, registration.session.lastDate)})
            </dd>
          </div>
          <div>
            <dt>Demandée le</dt>
            <dd>
              {dateTimeText(registration.requestedAt)}
              {registration.requestedByEmail ? ` par ${registration.requestedByEmail}` : ''}
            </dd>
          </div>
        </dl>
        {registration.declaration ? (
          <div class="steering-declaration">
            <h3>Justification de l’employeur</h3>
            <p>{registration.declaration}</p>
          </div>
        ) : null}
        <div class="steering-actions">
          <ApproveForm frame={frame} registration={registration} returnTo="validations" />
          <RejectForm frame={frame} registration={registration} returnTo="validations" failed={rowError(failed, registration.id, 'reject')} />
        </div>
      </article>
    </li>
  );
}

/** The validation queue, oldest request first: validate, or refuse with a reason sent to the employer. */
export function ValidationsPage({ frame, pending, notice, alert, failed }: ValidationsPageProps) {
  return (
    <SteeringPage
      frame={frame}
      title="Inscriptions à valider"
      notice={notice}
      alert={alert}
      intro={<p class="lead">Les demandes les plus anciennes d’abord. Une demande en attente garde sa place dans le groupe jusqu’à votre décision.</p>}
    >
      <ErrorSummary errors={failed?.errors} fieldIds={failed ? { reason: rowFieldId('reject', failed.registrationId) } : undefined} />
      {pending.length === 0 ? (
        <p>Aucune inscription n’attend votre validation.</p>
      ) : (
        <>
          <p>{pending.length === 1 ? 'Une demande attend votre décision.' : `${pending.length} demandes attendent votre décision.`}</p>
          <ol class="steering-queue">
            {pending.map((registration) => (
              <Request key={registration.id} frame={frame} registration={registration} failed={failed} />
            ))}
          </ol>
        </>
      )}
    </SteeringPage>
  );
}
