import type { Trainee } from '../../db/repositories/traineeRepository.js';
import { professionLabel } from '../../domain/registrations/professions.js';
import { CsrfField, errorIdOf, FieldError, hintIdOf } from '../admin/FieldError.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';
import { EmployerPage } from './EmployerPage.js';
import { GroupFacts } from './GroupFacts.js';
import { asksJustification, takesRegistrations, type RegistrationGroup } from './registrationGroup.js';

export interface RegisterValues {
  traineeIds: string[];
  /** Justification per trainee id. */
  declarations: Readonly<Record<string, string>>;
}

/** Why the request was refused, as the use case said it (nothing was written). */
export interface RegisterRefusal {
  problems: string[];
  /** A problem with the choice of people itself (none chosen, too many). */
  peopleError?: string;
}

/** Where a person of the staff already is in this training. */
export type AlreadyIn = Readonly<Record<string, string>>;

export const justificationField = (traineeId: string) => `justification-${traineeId}`;

function RefusalSummary({ refusal }: { refusal: RegisterRefusal }) {
  return (
    <div class="admin-error-summary" role="alert" tabIndex={-1}>
      <h2 class="admin-error-summary__title">L’inscription n’a pas été enregistrée</h2>
      {refusal.problems.length === 1 ? (
        <p>{refusal.problems[0]}</p>
      ) : (
        <ul>
          {refusal.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p>Personne n’a été inscrit : corrigez votre choix, puis envoyez de nouveau le formulaire.</p>
    </div>
  );
}

/** Where the people registered into a full group will stand. */
function waitlistText(waiting: number): string {
  if (waiting === 0) return ' (la première personne que vous inscrivez aura la position 1)';
  const ahead = waiting === 1 ? 'de la personne qui attend déjà' : `des ${waiting} personnes qui attendent déjà`;
  return `, à la suite ${ahead} (la première personne que vous inscrivez aura la position ${waiting + 1})`;
}

function JustificationHint({ group }: { group: RegistrationGroup }) {
  return (
    <div id={hintIdOf('justifications')} class="admin-field__hint employer-hint">
      {group.requiresJustification ? (
        <p>
          Le financeur vérifie un prérequis avant de confirmer : pour chaque personne, décrivez en quelques lignes ce qui le remplit (poste occupé et depuis quand, formation déjà suivie, missions
          concernées). L’inscription reste en attente de sa validation, avec une place réservée.
        </p>
      ) : null}
      {group.requiredTrainings.length > 0 ? (
        <p>
          Cette formation demande d’avoir suivi {group.requiredTrainings.map((required) => `« ${required.title} »`).join(', ')}. Si une personne l’a suivi par Relais, laissez sa justification vide. Si
          elle l’a suivi ailleurs (autre organisme, autre financeur), indiquez où et quand : le financeur le vérifiera avant de confirmer.
        </p>
      ) : null}
    </div>
  );
}

function PersonChoice({ person, group, values, alreadyIn, invalid }: { person: Trainee; group: RegistrationGroup; values: RegisterValues; alreadyIn: string | undefined; invalid: boolean }) {
  const name = `${person.firstName} ${person.lastName}`;
  const checkboxId = `personne-${person.id}`;
  const outsidePublic = group.eligibleProfessions !== null && !(group.eligibleProfessions as readonly string[]).includes(person.profession);
  const notes = [alreadyIn, outsidePublic ? 'ne fait pas partie du public de cette formation' : null].filter((note): note is string => Boolean(note));
  const noteId = `${checkboxId}-note`;
  return (
    <li class="employer-person">
      <div class="form-checkbox">
        <input
          type="checkbox"
          id={checkboxId}
          name="people"
          value={person.id}
          checked={values.traineeIds.includes(person.id)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={[notes.length > 0 ? noteId : null, invalid ? errorIdOf('personnes') : null].filter(Boolean).join(' ') || undefined}
        />
        <label for={checkboxId}>
          {name} <span class="employer-muted">— {professionLabel(person.profession)}</span>
        </label>
      </div>
      {notes.length > 0 ? (
        <p id={noteId} class="employer-person__note">
          {notes.join(' ; ')}
        </p>
      ) : null}
      {asksJustification(group) ? (
        <div class="admin-field employer-person__justification">
          <label for={justificationField(person.id)}>
            Justification pour {name} <span class="admin-field__required">(si nécessaire)</span>
          </label>
          <textarea
            id={justificationField(person.id)}
            name={justificationField(person.id)}
            rows={3}
            maxLength={2000}
            value={values.declarations[person.id] ?? ''}
            aria-describedby={hintIdOf('justifications')}
          />
        </div>
      ) : null}
    </li>
  );
}

export interface RegisterFormProps {
  frame: EmployerFrame;
  group: RegistrationGroup;
  staff: Trainee[];
  alreadyIn: AlreadyIn;
  values: RegisterValues;
  idempotencyKey: string;
  refusal: RegisterRefusal | null;
}

/** Registering people of the staff into one group: the group's facts, then the people to choose. */
export function RegisterFormPage({ frame, group, staff, alreadyIn, values, idempotencyKey, refusal }: RegisterFormProps) {
  const open = takesRegistrations(group);
  return (
    <EmployerPage frame={frame} title="Inscrire des personnes">
      <GroupFacts group={group} />
      {!open ? (
        <div class="notice notice--warning">
          <p>Ce groupe ne prend plus d’inscription : choisissez un autre groupe de la formation dans le catalogue.</p>
          <p>
            <a href={`/formations/${encodeURIComponent(group.training.slug)}`}>Voir les autres groupes de « {group.training.title} »</a>
          </p>
        </div>
      ) : staff.length === 0 ? (
        <div class="notice">
          <p>Votre personnel est vide : ajoutez d’abord les personnes à inscrire.</p>
          <p>
            <a href={employerHref(frame, '/employeur/personnel')}>Ajouter des personnes à mon personnel</a>
          </p>
        </div>
      ) : (
        <>
          {group.availability.kind === 'full' ? (
            <div class="notice notice--warning">
              <p>
                <strong>Ce groupe est complet.</strong> Vous pouvez tout de même inscrire des personnes : elles sont placées en liste d’attente
                {waitlistText(group.waitlisted)}
                . Dès qu’une place se libère, elle vous est proposée automatiquement par courriel et vous avez {group.offerValidityHours} heures pour l’accepter.
              </p>
            </div>
          ) : null}
          {refusal ? <RefusalSummary refusal={refusal} /> : null}
          <form method="post" action={employerHref(frame, `/employeur/inscrire/${encodeURIComponent(group.sessionId)}`)} class="admin-form employer-register" noValidate>
            <CsrfField token={frame.page.csrfToken} />
            {/* One key per rendering: a form sent twice (double click, retry) registers once. */}
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <fieldset class={refusal?.peopleError ? 'form-fieldset admin-field--error' : 'form-fieldset'} aria-describedby={asksJustification(group) ? hintIdOf('justifications') : undefined}>
              <legend id="personnes">Personnes à inscrire</legend>
              <p class="admin-field__hint">Cochez une ou plusieurs personnes de votre personnel. Elles sont inscrites dans l’ordre de la liste : s’il reste moins de places que de personnes cochées, les dernières passent en liste d’attente.</p>
              {asksJustification(group) ? <JustificationHint group={group} /> : null}
              <FieldError id="personnes" message={refusal?.peopleError} />
              <ul class="employer-people">
                {staff.map((person) => (
                  <PersonChoice key={person.id} person={person} group={group} values={values} alreadyIn={alreadyIn[person.id]} invalid={Boolean(refusal?.peopleError)} />
                ))}
              </ul>
            </fieldset>
            <div class="admin-form__actions">
              <button type="submit" class="button button--primary">
                {group.availability.kind === 'full' ? 'Inscrire en liste d’attente' : 'Inscrire les personnes cochées'}
              </button>
              <a href={employerHref(frame, '/employeur/personnel')}>Ajouter une personne à mon personnel</a>
            </div>
          </form>
        </>
      )}
    </EmployerPage>
  );
}
