import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { isActive, SEAT_HOLDING_STATUSES } from '../../domain/registrations/registrationStatus.js';
import { CsrfField, hintIdOf } from '../admin/FieldError.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';
import { EmployerPage } from './EmployerPage.js';
import { dateTimeText, groupName, periodText, statusText } from './format.js';

/** After the deadline a seat given back is late: the funder may not fill it any more. */
function isLateCancellation(registration: Pick<RegistrationView, 'status' | 'session'>, now: Date): boolean {
  const deadline = registration.session.registrationDeadline;
  return deadline !== null && new Date(deadline) < now && SEAT_HOLDING_STATUSES.includes(registration.status);
}

/** The confirmation asked before cancelling, which says what the cancellation will do. */
export function CancelPage({ frame, registration, now }: { frame: EmployerFrame; registration: RegistrationView; now: Date }) {
  const name = `${registration.trainee.firstName} ${registration.trainee.lastName}`;
  const late = isLateCancellation(registration, now);
  return (
    <EmployerPage frame={frame} title={`Annuler l’inscription de ${name}`}>
      <dl class="admin-facts">
        <div>
          <dt>Formation</dt>
          <dd>{registration.training.title}</dd>
        </div>
        <div>
          <dt>Groupe</dt>
          <dd>
            {groupName(registration.session)}, {periodText(registration.session.firstDate, registration.session.lastDate)}
          </dd>
        </div>
        <div>
          <dt>Statut actuel</dt>
          <dd>{statusText(registration)}</dd>
        </div>
      </dl>
      {!isActive(registration.status) ? (
        <div class="notice">
          <p>Cette inscription est terminée : il n’y a plus rien à annuler.</p>
          <p>
            <a href={employerHref(frame, '/employeur/inscriptions')}>Revenir à mes inscriptions</a>
          </p>
        </div>
      ) : (
        <CancelForm frame={frame} registration={registration} name={name} late={late} />
      )}
    </EmployerPage>
  );
}

function CancelForm({ frame, registration, name, late }: { frame: EmployerFrame; registration: RegistrationView; name: string; late: boolean }) {
  return (
    <>
      {late ? (
        <div class="notice notice--warning">
          <p>
            <strong>Annulation tardive.</strong> La date limite d’inscription ({dateTimeText(registration.session.registrationDeadline ?? '')}) est passée : l’annulation reste possible, mais elle sera
            enregistrée comme tardive et signalée au financeur, qui pourra ne plus trouver de remplaçant. Si la personne ne peut vraiment pas venir, annulez quand même : sa place pourra encore servir.
          </p>
        </div>
      ) : null}
      <ul>
        {registration.status === 'confirmed' ? <li>La convocation envoyée à {name} ne sera plus valable ; la personne en est informée par courriel.</li> : null}
        {registration.status === 'waitlisted' ? <li>{name} quitte la liste d’attente de ce groupe.</li> : <li>La place libérée est proposée à la première personne de la liste d’attente, s’il y en a une.</li>}
        <li>Cette action est définitive : pour revenir en arrière, il faudra inscrire de nouveau la personne, sans garantie de place.</li>
      </ul>
      <form method="post" action={employerHref(frame, `/employeur/inscriptions/${encodeURIComponent(registration.id)}/annuler`)} class="admin-form">
        <CsrfField token={frame.page.csrfToken} />
        <div class="admin-field">
          <label for="motif">
            Motif <span class="admin-field__required">(facultatif)</span>
          </label>
          <p id={hintIdOf('motif')} class="admin-field__hint">
            Transmis au financeur avec l’annulation. Exemple : arrêt maladie, départ de l’établissement.
          </p>
          <textarea id="motif" name="reason" rows={3} maxLength={500} aria-describedby={hintIdOf('motif')} />
        </div>
        <div class="admin-form__actions">
          <button type="submit" class="button admin-button--danger">
            Confirmer l’annulation
          </button>
          <a href={employerHref(frame, '/employeur/inscriptions')}>Ne pas annuler, revenir à mes inscriptions</a>
        </div>
      </form>
    </>
  );
}
