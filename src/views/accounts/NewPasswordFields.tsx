import { MIN_PASSWORD_LENGTH } from '../../domain/accounts/passwordPolicy.js';
import { Field, type FormProblem } from './formParts.js';

export const NEW_PASSWORD_HINT = `Au moins ${MIN_PASSWORD_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`;

export const NEW_PASSWORD_FIELD_IDS = { password: 'nouveau-mot-de-passe', passwordConfirmation: 'confirmation-mot-de-passe' };

/** A new password and its confirmation (invitation and reset pages). */
export function NewPasswordFields({ problem }: { problem: FormProblem | null | undefined }) {
  return (
    <>
      <Field id={NEW_PASSWORD_FIELD_IDS.password} name="password" type="password" label="Nouveau mot de passe" hint={NEW_PASSWORD_HINT} error={problem?.fields.password} autocomplete="new-password" required />
      <Field
        id={NEW_PASSWORD_FIELD_IDS.passwordConfirmation}
        name="passwordConfirmation"
        type="password"
        label="Confirmez le mot de passe"
        error={problem?.fields.passwordConfirmation}
        autocomplete="new-password"
        required
      />
    </>
  );
}
