import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { CsrfField, ErrorSummary, Field, Notice, titleWith, type FormProblem } from './formParts.js';

export interface ForgotPasswordPageProps {
  context: PageContext;
  email: string;
  problem?: FormProblem | null;
  /** Set once a request was made: the same words whatever the address. */
  confirmation?: string | null;
}

const FIELD_IDS = { email: 'oubli-adresse' };

export function ForgotPasswordPage({ context, email, problem, confirmation }: ForgotPasswordPageProps) {
  return (
    <Layout title={titleWith('Mot de passe oublié', problem)} page={context}>
      <div class="account-narrow">
        <h1>Mot de passe oublié</h1>
        <ErrorSummary problem={problem} fieldIds={FIELD_IDS} />
        {confirmation ? (
          <>
            <Notice kind="info">{confirmation}</Notice>
            <p>
              Pensez à regarder dans vos courriers indésirables. <a href="/connexion">Retour à la connexion</a>
            </p>
          </>
        ) : (
          <>
            <p class="form-intro">Indiquez l’adresse électronique de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.</p>
            <form method="post" action="/mot-de-passe-oublie" class="form" noValidate>
              <CsrfField token={context.csrfToken} />
              <Field id={FIELD_IDS.email} name="email" type="email" label="Adresse électronique" hint="Exemple : prenom.nom@structure.fr" value={email} error={problem?.fields.email} autocomplete="email" required inputMode="email" />
              <div class="form-actions">
                <button type="submit" class="button button--primary">
                  Recevoir un lien
                </button>
                <a href="/connexion">Retour à la connexion</a>
              </div>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}
