import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { CsrfField, ErrorSummary, titleWith, type FormProblem } from './formParts.js';
import { NEW_PASSWORD_FIELD_IDS, NewPasswordFields } from './NewPasswordFields.js';

export interface NewPasswordPageProps {
  context: PageContext;
  /** The form posts back to the link's own address. */
  action: string;
  problem?: FormProblem | null;
}

export function NewPasswordPage({ context, action, problem }: NewPasswordPageProps) {
  return (
    <Layout title={titleWith('Choisir un nouveau mot de passe', problem)} page={context}>
      <div class="account-narrow">
        <h1>Choisir un nouveau mot de passe</h1>
        <ErrorSummary problem={problem} fieldIds={NEW_PASSWORD_FIELD_IDS} />
        <p class="form-intro">Une fois le mot de passe changé, toutes vos sessions ouvertes sont fermées : vous vous reconnecterez avec le nouveau.</p>
        <form method="post" action={action} class="form" noValidate>
          <CsrfField token={context.csrfToken} />
          <NewPasswordFields problem={problem} />
          <div class="form-actions">
            <button type="submit" class="button button--primary">
              Enregistrer le mot de passe
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
