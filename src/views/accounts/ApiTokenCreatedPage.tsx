import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { Notice } from './formParts.js';

/** The only time the token is ever shown: it is stored hashed and never put in a URL. */
export function ApiTokenCreatedPage({ context, name, token }: { context: PageContext; name: string; token: string }) {
  return (
    <Layout title="Jeton d’API créé" page={context}>
      <div class="account-narrow">
        <h1>Jeton d’API créé</h1>
        <Notice kind="warning">
          <p>
            <strong>Copiez ce jeton maintenant : il ne sera plus jamais affiché.</strong> Relais n’en garde qu’une empreinte ; s’il est perdu, révoquez-le et créez-en un autre.
          </p>
        </Notice>
        <div class="form-field">
          <label for="jeton-cree">Jeton « {name} »</label>
          <p id="jeton-cree-aide" class="form-field__hint">
            À envoyer dans l’en-tête <code>Authorization: Bearer …</code> de chaque requête à l’API.
          </p>
          <input id="jeton-cree" type="text" value={token} readOnly aria-describedby="jeton-cree-aide" autoComplete="off" spellcheck={false} class="token-value" />
        </div>
        <p>
          <a href="/mon-compte#jetons" class="button button--primary">
            Retour à mon compte
          </a>
        </p>
      </div>
    </Layout>
  );
}
