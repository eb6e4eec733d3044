import { PROFESSIONS } from '../../domain/registrations/professions.js';
import { ErrorSummary } from '../admin/ErrorSummary.js';
import { CsrfField, errorIdOf, FieldError, hintIdOf, TextField } from '../admin/FieldError.js';
import { fieldErrorOf, type FormErrors } from '../admin/formErrors.js';
import { settingsHref, steeringHref } from './links.js';
import { SteeringPage, type SteeringFrame } from './SteeringPage.js';

export interface SettingsValues {
  requiresApproval: boolean;
  eligibleProfessions: readonly string[];
  requiresJustification: boolean;
  employerCap: string;
  capReleaseDays: string;
}

export interface SettingsPageProps {
  frame: SteeringFrame;
  trainingId: string;
  trainingTitle: string;
  values: SettingsValues;
  errors: FormErrors | null;
  notice: string | null;
}

const FIELD_IDS = { eligibleProfessions: 'professions', employerCap: 'plafond', capReleaseDays: 'levee-plafond' } as const;

function Checkbox({ id, name, checked, label, hint }: { id: string; name: string; checked: boolean; label: string; hint: string }) {
  return (
    <div class="admin-field">
      <div class="form-checkbox">
        <input type="checkbox" id={id} name={name} value="oui" checked={checked} aria-describedby={hintIdOf(id)} />
        <label for={id}>{label}</label>
      </div>
      <p id={hintIdOf(id)} class="admin-field__hint">
        {hint}
      </p>
    </div>
  );
}

/** A training's registration rules: funder's validation, public, justification, fair share of seats. */
export function SettingsPage({ frame, trainingId, trainingTitle, values, errors, notice }: SettingsPageProps) {
  const chosen = new Set(values.eligibleProfessions);
  const professionsError = fieldErrorOf(errors, 'eligibleProfessions');
  return (
    <SteeringPage frame={frame} title="Règles d’inscription" notice={notice} intro={<p class="lead">{trainingTitle}</p>}>
      <p>
        <a href={steeringHref(frame, '/pilotage')}>Retour aux groupes</a>
      </p>
      <form method="post" action={settingsHref(frame, trainingId)} class="admin-form" noValidate>
        <CsrfField token={frame.page.csrfToken} />
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} />
        <p class="admin-form__mention">Les règles valent pour les prochaines demandes : les inscriptions déjà enregistrées ne changent pas.</p>
        <Checkbox
          id="validation"
          name="requiresApproval"
          checked={values.requiresApproval}
          label="Validation par le financeur"
          hint="Chaque inscription attend votre validation ; la place reste réservée à la personne en attendant."
        />
        <fieldset class={professionsError ? 'form-fieldset admin-field--error' : 'form-fieldset'} id={FIELD_IDS.eligibleProfessions} aria-describedby={[hintIdOf(FIELD_IDS.eligibleProfessions), professionsError ? errorIdOf(FIELD_IDS.eligibleProfessions) : null].filter(Boolean).join(' ')}>
          <legend>Public de la formation</legend>
          <p id={hintIdOf(FIELD_IDS.eligibleProfessions)} class="admin-field__hint">
            Cochez les professions qui peuvent être inscrites. Aucune case cochée : toutes les professions.
          </p>
          <FieldError id={FIELD_IDS.eligibleProfessions} message={professionsError} />
          {Object.entries(PROFESSIONS).map(([code, label]) => (
            <div class="form-checkbox" key={code}>
              <input type="checkbox" id={`profession-${code}`} name="eligibleProfessions" value={code} checked={chosen.has(code)} />
              <label for={`profession-${code}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <Checkbox
          id="justification"
          name="requiresJustification"
          checked={values.requiresJustification}
          label="Prérequis à justifier"
          hint="L’employeur décrit l’expérience de la personne en l’inscrivant ; l’inscription attend alors votre validation."
        />
        <fieldset class="form-fieldset">
          <legend>Répartition équitable des places</legend>
          <TextField
            id={FIELD_IDS.employerCap}
            name="employerCap"
            type="number"
            inputMode="numeric"
            label="Places au plus par établissement dans chaque groupe"
            hint="Entre 1 et 100. Laissez vide pour ne pas plafonner."
            value={values.employerCap}
            error={fieldErrorOf(errors, 'employerCap')}
          />
          <TextField
            id={FIELD_IDS.capReleaseDays}
            name="capReleaseDays"
            type="number"
            inputMode="numeric"
            label="Levée du plafond, en jours avant la date limite d’inscription"
            hint="Entre 0 et 365 : les places restantes s’ouvrent alors à tous. Laissez vide pour garder le plafond jusqu’au bout (sans plafond, ce nombre est ignoré)."
            value={values.capReleaseDays}
            error={fieldErrorOf(errors, 'capReleaseDays')}
          />
        </fieldset>
        <div class="admin-form__actions">
          <button type="submit" class="button button--primary">
            Enregistrer les règles
          </button>
        </div>
      </form>
    </SteeringPage>
  );
}
