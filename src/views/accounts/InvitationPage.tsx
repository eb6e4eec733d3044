import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { CsrfField, ErrorSummary, titleWith, type FormProblem } from './formParts.js';
import { NEW_PASSWORD_FIELD_IDS, NewPasswordFields } from './NewPasswordFields.js';

export interface InvitationPageProps {
  context: PageContext;
  invitee: { displayName: string; email: string };
  action: string;
  problem?: FormProblem | null;
}

export function InvitationPage({ context, invitee, action, problem }: InvitationPageProps) {
  return (
    <Layout title={titleWith('Activer votre compte', problem)} page={context}>
      <div class="account-narrow">
        <h1>Bienvenue, {invitee.displayName}</h1>
        <ErrorSummary problem={problem} fieldIds={NEW_PASSWORD_FIELD_IDS} />
        <p class="form-intro">
          Vous avez été invité·e à rejoindre Relais. Choisissez votre mot de passe pour activer votre compte ; votre identifiant est votre adresse électronique.
        </p>
        <form method="post" action={action} class="form" noValidate>
          <CsrfField token={context.csrfToken} />
          {/* Shown read-only, it also lets password managers save the new password with the right identifier. */}
          <div class="form-field">
            <label for="invitation-identifiant">Identifiant (adresse électronique)</label>
            <input id="invitation-identifiant" type="email" name="username" value={invitee.email} autoComplete="username" readOnly />
          </div>
          <NewPasswordFields problem={problem} />
          <div class="form-actions">
            <button type="submit" class="button button--primary">
              Activer mon compte
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
