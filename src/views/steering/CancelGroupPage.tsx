import type { GroupOverview } from '../../use-cases/registrations/registrationQueries.js';
import { ErrorSummary } from '../admin/ErrorSummary.js';
import { CsrfField } from '../admin/FieldError.js';
import { fieldErrorOf, type FormErrors } from '../admin/formErrors.js';
import { groupName, periodText, plural } from './format.js';
import { groupHref } from './links.js';
import { SteeringPage, type SteeringFrame } from './SteeringPage.js';
import { TextAreaField } from './TextAreaField.js';

export interface CancelGroupPageProps {
  frame: SteeringFrame;
  overview: GroupOverview;
  reason: string;
  errors: FormErrors | null;
}

/** The confirmation asked before cancelling a group: who will be told, and the reason sent to them. */
export function CancelGroupPage({ frame, overview, reason, errors }: CancelGroupPageProps) {
  const { facts, counts } = overview;
  const name = groupName(facts);
  const people = counts.confirmed + counts.pending + counts.offered + counts.waitlisted;
  return (
    <SteeringPage frame={frame} title={`Annuler le groupe ${name}`} intro={<p class="lead">{facts.trainingTitle}</p>}>
      <p>
        <a href={groupHref(frame, facts.sessionId)}>Retour au groupe</a>
      </p>
      {facts.status === 'cancelled' ? (
        <p>Ce groupe est déjà annulé.</p>
      ) : (
        <form method="post" action={groupHref(frame, facts.sessionId, '/annuler')} class="admin-danger-zone" noValidate>
          <CsrfField token={frame.page.csrfToken} />
          <ErrorSummary errors={errors} fieldIds={{ reason: 'motif-annulation' }} />
          <p>
            Groupe prévu {periodText(facts.firstDate, facts.lastDate)}.{' '}
            {people === 0
              ? 'Personne n’y est inscrit.'
              : `${plural(people, 'inscription en cours sera annulée', 'inscriptions en cours seront annulées')} (${counts.confirmed} confirmée(s), ${counts.pending} à valider, ${counts.offered} place(s) proposée(s), ${counts.waitlisted} en liste d’attente) : chaque employeur, et chaque personne confirmée, reçoit un courriel avec le motif et les autres groupes de la formation.`}{' '}
            Cette action est irréversible.
          </p>
          <TextAreaField
            id="motif-annulation"
            name="reason"
            label="Motif de l’annulation"
            hint="Envoyé aux employeurs et aux personnes : par exemple « Trop peu d’inscriptions à trois semaines du début »."
            value={reason}
            error={fieldErrorOf(errors, 'reason')}
            required
            rows={4}
          />
          <div class="admin-form__actions">
            <button type="submit" class="button admin-button--danger">
              Annuler définitivement le groupe
            </button>
            <a href={groupHref(frame, facts.sessionId)}>Ne pas annuler</a>
          </div>
        </form>
      )}
    </SteeringPage>
  );
}
