import type { PageContext } from '../pageContext.js';
import { AccountMessagePage } from './AccountMessagePage.js';

/** After the request: the link went to the new address. */
export function EmailChangeSentPage({ context, newEmail }: { context: PageContext; newEmail: string }) {
  return (
    <AccountMessagePage context={context} title="Confirmez votre nouvelle adresse">
      <p>
        Un lien a été envoyé à <strong>{newEmail}</strong>. Ouvrez-le dans les 24 heures pour confirmer le changement ; d’ici là, votre adresse actuelle reste en service.
      </p>
      <p>
        <a href="/mon-compte">Retour à mon compte</a>
      </p>
    </AccountMessagePage>
  );
}

/** After the link was opened: the new address is the identifier from now on. */
export function EmailChangedPage({ context, newEmail, signedIn }: { context: PageContext; newEmail: string; signedIn: boolean }) {
  return (
    <AccountMessagePage context={context} title="Adresse électronique modifiée">
      <p>
        Votre compte utilise désormais l’adresse <strong>{newEmail}</strong> : c’est elle qui vous sert d’identifiant. Un message a prévenu votre ancienne adresse.
      </p>
      <p>{signedIn ? <a href="/mon-compte">Retour à mon compte</a> : <a href="/connexion">Se connecter</a>}</p>
    </AccountMessagePage>
  );
}
