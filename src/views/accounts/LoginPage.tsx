import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { CsrfField, ErrorSummary, Field, Notice, titleWith, type FormProblem } from './formParts.js';

export interface LoginPageProps {
  context: PageContext;
  email: string;
  /** Where to go once signed in (a local path, already checked). */
  next: string;
  problem?: FormProblem | null;
  notice?: string | null;
}

const FIELD_IDS = { email: 'connexion-adresse', password: 'connexion-mot-de-passe' };

export function LoginPage({ context, email, next, problem, notice }: LoginPageProps) {
  return (
    <Layout title={titleWith('Se connecter', problem)} page={context}>
      <div class="account-narrow">
        <h1>Se connecter</h1>
        {notice ? <Notice>{notice}</Notice> : null}
        <ErrorSummary problem={problem} fieldIds={FIELD_IDS} />
        <p class="form-intro">Espace réservé aux équipes des financeurs, organismes de formation, employeurs et cofinanceurs. Tous les champs sont obligatoires.</p>
        <form method="post" action="/connexion" class="form" noValidate>
          <CsrfField token={context.csrfToken} />
          <input type="hidden" name="suivant" value={next} />
          <Field id={FIELD_IDS.email} name="email" type="email" label="Adresse électronique" hint="Exemple : prenom.nom@structure.fr" value={email} error={problem?.fields.email} autocomplete="email" required inputMode="email" />
          <Field id={FIELD_IDS.password} name="password" type="password" label="Mot de passe" error={problem?.fields.password} autocomplete="current-password" required />
          <div class="form-actions">
            <button type="submit" class="button button--primary">
              Se connecter
            </button>
            <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
