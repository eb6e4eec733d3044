/**
 * A group's registrations as the funder's staff see them, one table per state (confirmed,
 * to validate, offered, waitlist) and the history (cancelled, refused, expired), each row with
 * the actions its state allows.
 */
import type { ComponentChildren } from 'preact';
import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { professionLabel } from '../../domain/registrations/professions.js';
import { STATUS_LABELS } from '../../domain/registrations/registrationStatus.js';
import type { GroupLine } from '../../use-cases/registrations/steeringQueries.js';
import { cancelReasonLabel, dateTimeText, personName } from './format.js';
import { ApproveForm, CancelForm, MoveForm, RejectForm, rowError, type RowFormError } from './RegistrationForms.js';
import type { SteeringFrame } from './SteeringPage.js';

export interface TablesProps {
  frame: SteeringFrame;
  registrations: RegistrationView[];
  moveTargets: readonly GroupLine[];
  /** Actions are shown: the person manages registrations and the group is not cancelled. */
  actions: boolean;
  failed: RowFormError | null;
  now: Date;
}

function PersonCell({ registration }: { registration: RegistrationView }) {
  return (
    <th scope="row">
      <span class="admin-table__label">{personName(registration.trainee)}</span>
      <span class="admin-table__detail">{professionLabel(registration.trainee.profession)}</span>
      <span class="admin-table__detail">{registration.trainee.email}</span>
    </th>
  );
}

function EmployerCell({ registration }: { registration: RegistrationView }) {
  return (
    <td>
      <span class="admin-table__label">{registration.employer.name}</span>
      <span class="admin-table__detail">SIRET {registration.employer.siret}</span>
    </td>
  );
}

/** Cancel and move, folded so that long tables stay readable; open when one of its forms was refused. */
function MoreActions({ frame, registration, moveTargets, failed }: Pick<TablesProps, 'frame' | 'moveTargets' | 'failed'> & { registration: RegistrationView }) {
  const cancelFailed = rowError(failed, registration.id, 'cancel');
  const moveFailed = rowError(failed, registration.id, 'move');
  return (
    <details class="steering-more" open={cancelFailed !== null || moveFailed !== null}>
      <summary>
        Annuler ou déplacer<span class="visually-hidden"> : {personName(registration.trainee)}</span>
      </summary>
      <MoveForm frame={frame} registration={registration} targets={moveTargets} failed={moveFailed} />
      <CancelForm frame={frame} registration={registration} failed={cancelFailed} />
    </details>
  );
}

function StateTable({ id, title, count, empty, head, children }: { id: string; title: string; count: number; empty: string; head: ComponentChildren; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="admin-section">
      <h2 id={id}>
        {title} ({count})
      </h2>
      {count === 0 ? (
        <p>{empty}</p>
      ) : (
        <div class="admin-table-wrap">
          <table class="admin-table steering-table">
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const byName = (a: RegistrationView, b: RegistrationView) => a.trainee.lastName.localeCompare(b.trainee.lastName, 'fr') || a.trainee.firstName.localeCompare(b.trainee.firstName, 'fr');
const oldestFirst = (a: RegistrationView, b: RegistrationView) => a.requestedAt.localeCompare(b.requestedAt) || a.seq - b.seq;

function withStatus(registrations: RegistrationView[], ...statuses: RegistrationView['status'][]) {
  return registrations.filter((registration) => statuses.includes(registration.status));
}

function historyDetail(registration: RegistrationView): string {
  if (registration.status === 'rejected') return registration.decisionReason ? `Motif : ${registration.decisionReason}` : 'Refusée';
  if (registration.status === 'expired') return 'Place proposée restée sans réponse';
  const parts = [cancelReasonLabel(registration.cancelReason)];
  if (registration.decisionReason) parts.push(`motif : ${registration.decisionReason}`);
  return parts.join(' — ');
}

export function GroupRegistrationTables({ frame, registrations, moveTargets, actions, failed, now }: TablesProps) {
  const confirmed = withStatus(registrations, 'confirmed').sort(byName);
  const pending = withStatus(registrations, 'pending').sort(oldestFirst);
  const offered = withStatus(registrations, 'offered').sort(oldestFirst);
  const waitlisted = withStatus(registrations, 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const history = withStatus(registrations, 'cancelled', 'rejected', 'expired').sort((a, b) => b.statusChangedAt.localeCompare(a.statusChangedAt));
  const actionsHead = actions ? <th scope="col">Actions</th> : null;
  const more = (registration: RegistrationView) => <MoreActions frame={frame} registration={registration} moveTargets={moveTargets} failed={failed} />;

  return (
    <>
      <StateTable
        id="confirmees"
        title="Inscriptions confirmées"
        count={confirmed.length}
        empty="Aucune inscription confirmée pour l’instant."
        head={
          <>
            <th scope="col">Personne</th>
            <th scope="col">Établissement</th>
            <th scope="col">Confirmée le</th>
            {actionsHead}
          </>
        }
      >
        {confirmed.map((registration) => (
          <tr key={registration.id}>
            <PersonCell registration={registration} />
            <EmployerCell registration={registration} />
            <td>{dateTimeText(registration.statusChangedAt)}</td>
            {actions ? <td>{more(registration)}</td> : null}
          </tr>
        ))}
      </StateTable>

      <StateTable
        id="a-valider"
        title="Inscriptions à valider"
        count={pending.length}
        empty="Aucune inscription n’attend de validation dans ce groupe."
        head={
          <>
            <th scope="col">Personne</th>
            <th scope="col">Établissement</th>
            <th scope="col">Justification</th>
            <th scope="col">Demandée le</th>
            {actionsHead}
          </>
        }
      >
        {pending.map((registration) => (
          <tr key={registration.id}>
            <PersonCell registration={registration} />
            <EmployerCell registration={registration} />
            <td class="steering-text">{registration.declaration ?? '—'}</td>
            <td>{dateTimeText(registration.requestedAt)}</td>
            {actions ? (
              <td>
                <div class="steering-actions">
                  <ApproveForm frame={frame} registration={registration} returnTo="groupe" />
                  <RejectForm frame={frame} registration={registration} returnTo="groupe" failed={rowError(failed, registration.id, 'reject')} />
                </div>
                {more(registration)}
              </td>
            ) : null}
          </tr>
        ))}
      </StateTable>

      <StateTable
        id="places-proposees"
        title="Places proposées"
        count={offered.length}
        empty="Aucune place proposée en attente de réponse."
        head={
          <>
            <th scope="col">Personne</th>
            <th scope="col">Établissement</th>
            <th scope="col">Réponse attendue avant le</th>
            {actionsHead}
          </>
        }
      >
        {offered.map((registration) => (
          <tr key={registration.id}>
            <PersonCell registration={registration} />
            <EmployerCell registration={registration} />
            <td>
              {dateTimeText(registration.offerExpiresAt)}
              {registration.offerExpiresAt !== null && new Date(registration.offerExpiresAt) <= now ? <span class="admin-table__detail">Délai dépassé : la place passe à la personne suivante.</span> : null}
            </td>
            {actions ? <td>{more(registration)}</td> : null}
          </tr>
        ))}
      </StateTable>

      <StateTable
        id="liste-attente"
        title="Liste d’attente"
        count={waitlisted.length}
        empty="Personne n’est en liste d’attente."
        head={
          <>
            <th scope="col">Position</th>
            <th scope="col">Personne</th>
            <th scope="col">Établissement</th>
            <th scope="col">Demandée le</th>
            {actionsHead}
          </>
        }
      >
        {waitlisted.map((registration) => (
          <tr key={registration.id}>
            <td>{registration.waitlistPosition ?? '—'}</td>
            <PersonCell registration={registration} />
            <EmployerCell registration={registration} />
            <td>{dateTimeText(registration.requestedAt)}</td>
            {actions ? <td>{more(registration)}</td> : null}
          </tr>
        ))}
      </StateTable>

      <StateTable
        id="historique"
        title="Historique"
        count={history.length}
        empty="Aucune inscription annulée, refusée ou expirée."
        head={
          <>
            <th scope="col">Personne</th>
            <th scope="col">Établissement</th>
            <th scope="col">Statut</th>
            <th scope="col">Détail</th>
            <th scope="col">Le</th>
          </>
        }
      >
        {history.map((registration) => (
          <tr key={registration.id}>
            <PersonCell registration={registration} />
            <EmployerCell registration={registration} />
            <td>
              {STATUS_LABELS[registration.status]}
              {registration.isLateCancellation ? <strong class="steering-flag steering-flag--late"> (tardive)</strong> : null}
            </td>
            <td class="steering-text">{historyDetail(registration)}</td>
            <td>{dateTimeText(registration.statusChangedAt)}</td>
          </tr>
        ))}
      </StateTable>
    </>
  );
}
