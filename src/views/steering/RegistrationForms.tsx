/**
 * The forms that act on one registration (validate, refuse, cancel, move). Each field id carries
 * the registration id, so that a refused form shows its error next to the right person's field.
 */
import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import type { GroupLine } from '../../use-cases/registrations/steeringQueries.js';
import { CsrfField, SelectField, TextField } from '../admin/FieldError.js';
import type { FormErrors } from '../admin/formErrors.js';
import { groupName, periodText, personName, plural } from './format.js';
import { registrationActionHref as actionHref } from './links.js';
import type { SteeringFrame } from './SteeringPage.js';
import { TextAreaField } from './TextAreaField.js';

/** Where a validation form was posted from, to show that page again. */
export type ReturnTo = 'validations' | 'groupe';

export type RowFormKind = 'reject' | 'cancel' | 'move';

/** A refused form of one row: its errors and what was typed. */
export interface RowFormError {
  registrationId: string;
  form: RowFormKind;
  errors: FormErrors;
  value: string;
}

const FIELD_PREFIX: Readonly<Record<RowFormKind, string>> = { reject: 'refus', cancel: 'annulation', move: 'deplacer' };

export const rowFieldId = (form: RowFormKind, registrationId: string) => `${FIELD_PREFIX[form]}-${registrationId}`;

/** The error of this row's form, if the refused form is this one. */
export function rowError(failed: RowFormError | null | undefined, registrationId: string, form: RowFormKind): RowFormError | null {
  return failed && failed.registrationId === registrationId && failed.form === form ? failed : null;
}

function firstMessage(failed: RowFormError | null): string | undefined {
  if (!failed) return undefined;
  return Object.values(failed.errors.fields)[0] ?? failed.errors.message;
}

export function ApproveForm({ frame, registration, returnTo }: { frame: SteeringFrame; registration: RegistrationView; returnTo: ReturnTo }) {
  return (
    <form method="post" action={actionHref(frame, registration.id, 'valider')} class="admin-inline-form">
      <CsrfField token={frame.page.csrfToken} />
      <input type="hidden" name="retour" value={returnTo} />
      <button type="submit" class="button button--primary">
        Valider<span class="visually-hidden"> l’inscription de {personName(registration.trainee)}</span>
      </button>
    </form>
  );
}

export function RejectForm({ frame, registration, returnTo, failed }: { frame: SteeringFrame; registration: RegistrationView; returnTo: ReturnTo; failed: RowFormError | null }) {
  return (
    <form method="post" action={actionHref(frame, registration.id, 'refuser')} class="steering-row-form" noValidate>
      <CsrfField token={frame.page.csrfToken} />
      <input type="hidden" name="retour" value={returnTo} />
      <TextAreaField
        id={rowFieldId('reject', registration.id)}
        name="reason"
        label={`Motif du refus pour ${personName(registration.trainee)}`}
        hint="Envoyé à l’employeur : dites pourquoi et ce qu’il peut faire (autre groupe, autre formation…)."
        value={failed?.value ?? ''}
        error={firstMessage(failed)}
        required
      />
      <button type="submit" class="button admin-button--danger">
        Refuser<span class="visually-hidden"> l’inscription de {personName(registration.trainee)}</span>
      </button>
    </form>
  );
}

export function CancelForm({ frame, registration, failed }: { frame: SteeringFrame; registration: RegistrationView; failed: RowFormError | null }) {
  return (
    <form method="post" action={actionHref(frame, registration.id, 'annuler')} class="steering-row-form" noValidate>
      <CsrfField token={frame.page.csrfToken} />
      <TextField
        id={rowFieldId('cancel', registration.id)}
        name="reason"
        label="Motif de l’annulation (facultatif)"
        hint="Gardé au journal avec l’annulation."
        value={failed?.value ?? ''}
        error={firstMessage(failed)}
        maxLength={500}
      />
      <button type="submit" class="button admin-button--danger">
        Annuler l’inscription<span class="visually-hidden"> de {personName(registration.trainee)}</span>
      </button>
    </form>
  );
}

function targetLabel(target: GroupLine): string {
  const seats = target.freeSeats === 0 ? 'complet' : plural(target.freeSeats, 'place libre', 'places libres');
  return `${groupName(target)} — ${periodText(target.firstDate, target.lastDate)} (${seats})`;
}

export function MoveForm({ frame, registration, targets, failed }: { frame: SteeringFrame; registration: RegistrationView; targets: readonly GroupLine[]; failed: RowFormError | null }) {
  if (targets.length === 0) return <p class="admin-form__mention">Aucun autre groupe à venir dans cette formation.</p>;
  return (
    <form method="post" action={actionHref(frame, registration.id, 'deplacer')} class="steering-row-form" noValidate>
      <CsrfField token={frame.page.csrfToken} />
      <SelectField
        id={rowFieldId('move', registration.id)}
        name="targetSessionId"
        label="Nouveau groupe"
        hint="La personne garde son statut (une place proposée devient une inscription confirmée) ; en liste d’attente, elle passe en fin de liste du nouveau groupe."
        value={failed?.value ?? ''}
        placeholder="Choisir un groupe"
        options={targets.map((target) => ({ value: target.sessionId, label: targetLabel(target) }))}
        error={firstMessage(failed)}
        required
      />
      <button type="submit" class="button">
        Changer de groupe<span class="visually-hidden"> : {personName(registration.trainee)}</span>
      </button>
    </form>
  );
}
