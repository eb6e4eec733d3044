import { API_SCOPES, MAX_API_TOKEN_DAYS } from '../../domain/accounts/apiScopes.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/accounts/passwordPolicy.js';
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { frenchDay } from './accountFormat.js';
import { CsrfField, ErrorSummary, Field, Notice, titleWith, type FormProblem } from './formParts.js';

export interface AccountRole {
  roleLabel: string;
  organisationName: string;
  organisationKindLabel: string;
}

export interface AccountToken {
  id: string;
  name: string;
  /** The first characters, enough to recognise the token, never enough to use it. */
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** Which form came back with errors, with what the person typed (never the passwords). */
export type AccountFormProblem =
  | { form: 'password'; problem: FormProblem }
  | { form: 'email'; problem: FormProblem; newEmail: string }
  | { form: 'token'; problem: FormProblem; name: string; scopes: string[]; expiresInDays: string };

export interface MyAccountPageProps {
  context: PageContext;
  identity: { displayName: string; email: string };
  roles: AccountRole[];
  tokens: AccountToken[];
  notice?: string | null;
  failed?: AccountFormProblem | null;
}

const FIELD_IDS = {
  currentPassword: 'mot-de-passe-actuel',
  newPassword: 'mot-de-passe-nouveau',
  newPasswordConfirmation: 'mot-de-passe-confirmation',
  newEmail: 'adresse-nouvelle',
  password: 'adresse-mot-de-passe',
  name: 'jeton-nom',
  scopes: 'jeton-autorisation-0',
  expiresInDays: 'jeton-duree',
};

const STATE_LABELS: Record<AccountToken['state'], string> = { active: 'Actif', expired: 'Expiré', revoked: 'Révoqué' };

function Identity({ identity, roles }: Pick<MyAccountPageProps, 'identity' | 'roles'>) {
  return (
    <section aria-labelledby="identite" class="account-section">
      <h2 id="identite">Identité et rôles</h2>
      <dl class="account-facts">
        <div>
          <dt>Nom</dt>
          <dd>{identity.displayName}</dd>
        </div>
        <div>
          <dt>Adresse électronique</dt>
          <dd>{identity.email}</dd>
        </div>
      </dl>
      {roles.length === 0 ? (
        <p>Aucun rôle ne vous est attribué pour le moment.</p>
      ) : (
        <ul class="account-roles">
          {roles.map((role) => (
            <li>
              <strong>{role.roleLabel}</strong> — {role.organisationName} <span class="account-muted">({role.organisationKindLabel})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PasswordForm({ csrf, problem }: { csrf: string | null; problem: FormProblem | undefined }) {
  return (
    <section aria-labelledby="changer-mot-de-passe" class="account-section">
      <h2 id="changer-mot-de-passe">Changer de mot de passe</h2>
      <p>Vos autres sessions ouvertes seront fermées ; celle-ci reste ouverte.</p>
      <form method="post" action="/mon-compte/mot-de-passe" class="form" noValidate>
        <CsrfField token={csrf} />
        <Field id={FIELD_IDS.currentPassword} name="currentPassword" type="password" label="Mot de passe actuel" error={problem?.fields.currentPassword} autocomplete="current-password" required />
        <Field
          id={FIELD_IDS.newPassword}
          name="newPassword"
          type="password"
          label="Nouveau mot de passe"
          hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
          error={problem?.fields.newPassword}
          autocomplete="new-password"
          required
        />
        <Field
          id={FIELD_IDS.newPasswordConfirmation}
          name="newPasswordConfirmation"
          type="password"
          label="Confirmez le nouveau mot de passe"
          error={problem?.fields.newPasswordConfirmation}
          autocomplete="new-password"
          required
        />
        <div class="form-actions">
          <button type="submit" class="button button--primary">
            Changer le mot de passe
          </button>
        </div>
      </form>
    </section>
  );
}

function EmailForm({ csrf, problem, newEmail }: { csrf: string | null; problem: FormProblem | undefined; newEmail: string }) {
  return (
    <section aria-labelledby="changer-adresse" class="account-section">
      <h2 id="changer-adresse">Changer d’adresse électronique</h2>
      <p>Un lien de confirmation sera envoyé à la nouvelle adresse ; l’ancienne reste en service jusqu’à la confirmation.</p>
      <form method="post" action="/mon-compte/adresse" class="form" noValidate>
        <CsrfField token={csrf} />
        <Field id={FIELD_IDS.newEmail} name="newEmail" type="email" label="Nouvelle adresse électronique" hint="Exemple : prenom.nom@structure.fr" value={newEmail} error={problem?.fields.newEmail} autocomplete="email" required inputMode="email" />
        <Field id={FIELD_IDS.password} name="password" type="password" label="Mot de passe actuel" hint="Pour confirmer que c’est bien vous." error={problem?.fields.password} autocomplete="current-password" required />
        <div class="form-actions">
          <button type="submit" class="button">
            Envoyer le lien de confirmation
          </button>
        </div>
      </form>
    </section>
  );
}

function TokenTable({ csrf, tokens }: { csrf: string | null; tokens: AccountToken[] }) {
  if (tokens.length === 0) return <p>Vous n’avez aucun jeton d’API.</p>;
  return (
    <div class="table-scroll" role="region" aria-label="Vos jetons d’API" tabIndex={0}>
      <table class="account-table">
        <caption class="visually-hidden">Vos jetons d’API</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Début du jeton</th>
            <th scope="col">Autorisations</th>
            <th scope="col">Créé le</th>
            <th scope="col">Expire le</th>
            <th scope="col">Dernière utilisation</th>
            <th scope="col">État</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>{token.scopes.map((scope) => (scope in API_SCOPES ? API_SCOPES[scope as keyof typeof API_SCOPES] : scope)).join(', ')}</td>
              <td>{frenchDay(token.createdAt)}</td>
              <td>{token.expiresAt ? frenchDay(token.expiresAt) : 'Jamais'}</td>
              <td>{token.lastUsedAt ? frenchDay(token.lastUsedAt) : 'Jamais'}</td>
              <td>{STATE_LABELS[token.state]}</td>
              <td>
                {token.state === 'active' ? (
                  <form method="post" action={`/mon-compte/jetons/${encodeURIComponent(token.id)}/revoquer`} class="inline-form">
                    <CsrfField token={csrf} />
                    <button type="submit" class="button button--small button--danger">
                      Révoquer<span class="visually-hidden"> le jeton {token.name}</span>
                    </button>
                  </form>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenForm({ csrf, failed }: { csrf: string | null; failed: Extract<AccountFormProblem, { form: 'token' }> | undefined }) {
  const problem = failed?.problem;
  const chosen = new Set(failed?.scopes ?? ['catalogue:read']);
  const scopesError = problem?.fields.scopes;
  return (
    <form method="post" action="/mon-compte/jetons" class="form" noValidate>
      <h3>Créer un jeton</h3>
      <CsrfField token={csrf} />
      <Field id={FIELD_IDS.name} name="name" label="Nom du jeton" hint="Pour le reconnaître, par exemple « SIRH de l’établissement »." value={failed?.name ?? ''} error={problem?.fields.name} autocomplete="off" required />
      <fieldset class={scopesError ? 'form-fieldset form-field--error' : 'form-fieldset'} aria-describedby={scopesError ? 'jeton-autorisations-erreur' : undefined}>
        <legend>Autorisations</legend>
        {scopesError ? (
          <p id="jeton-autorisations-erreur" class="form-field__error">
            <span class="visually-hidden">Erreur : </span>
            {scopesError}
          </p>
        ) : null}
        {Object.entries(API_SCOPES).map(([scope, label], index) => (
          <div class="form-checkbox">
            <input type="checkbox" id={`jeton-autorisation-${index}`} name="scopes" value={scope} checked={chosen.has(scope)} />
            <label for={`jeton-autorisation-${index}`}>
              {label} <span class="account-muted">({scope})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        id={FIELD_IDS.expiresInDays}
        name="expiresInDays"
        type="number"
        label="Durée de validité, en jours"
        hint={`Entre 1 et ${MAX_API_TOKEN_DAYS} jours. Laissez vide pour un jeton sans date d’expiration (déconseillé).`}
        value={failed?.expiresInDays ?? '90'}
        error={problem?.fields.expiresInDays}
        min={1}
        max={MAX_API_TOKEN_DAYS}
        inputMode="numeric"
      />
      <div class="form-actions">
        <button type="submit" class="button button--primary">
          Créer le jeton
        </button>
      </div>
    </form>
  );
}

export function MyAccountPage({ context, identity, roles, tokens, notice, failed }: MyAccountPageProps) {
  const csrf = context.csrfToken;
  return (
    <Layout title={titleWith('Mon compte', failed?.problem)} page={context}>
      <h1>Mon compte</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problem={failed?.problem} fieldIds={FIELD_IDS} />
      <div class="account-grid">
        <Identity identity={identity} roles={roles} />
        <PasswordForm csrf={csrf} problem={failed?.form === 'password' ? failed.problem : undefined} />
        <EmailForm csrf={csrf} problem={failed?.form === 'email' ? failed.problem : undefined} newEmail={failed?.form === 'email' ? failed.newEmail : ''} />
      </div>

      <section aria-labelledby="jetons" class="account-section">
        <h2 id="jetons">Jetons d’API</h2>
        <p>
          Un jeton permet à un logiciel (le SIRH d’un établissement, un outil de pilotage) d’utiliser l’<a href="/api/docs">API de Relais</a> en votre nom, dans la limite de vos rôles et des
          autorisations choisies. Il est envoyé dans l’en-tête <code>Authorization: Bearer …</code> et n’est affiché qu’une seule fois, à sa création.
        </p>
        <TokenTable csrf={csrf} tokens={tokens} />
        <TokenForm csrf={csrf} failed={failed?.form === 'token' ? failed : undefined} />
      </section>

      <section aria-labelledby="donnees" class="account-section">
        <h2 id="donnees">Mes données personnelles</h2>
        <p>
          Téléchargez tout ce que Relais conserve sur vous (compte, rôles, connexions, jetons, historique de vos actions), au format JSON. Pour savoir comment vos données sont utilisées,
          consultez la page <a href="/donnees-personnelles">Données personnelles</a>.
        </p>
        <p>
          <a href="/mon-compte/donnees.json" class="button" download>
            Télécharger mes données (JSON)
          </a>
        </p>
      </section>

      <section aria-labelledby="sessions" class="account-section">
        <h2 id="sessions">Sessions</h2>
        <p>Un appareil perdu, un ordinateur partagé ? Fermez toutes vos sessions ouvertes, y compris celle-ci : il faudra vous reconnecter partout.</p>
        <form method="post" action="/mon-compte/deconnexion-partout" class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="button button--danger">
            Se déconnecter partout
          </button>
        </form>
      </section>
    </Layout>
  );
}
