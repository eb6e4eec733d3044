import type { PageContext } from '../pageContext.js';
import { AccountMessagePage } from './AccountMessagePage.js';

export type OneTimeLinkKind = 'invitation' | 'password_reset' | 'email_change';

function WhatNext({ kind }: { kind: OneTimeLinkKind }) {
  switch (kind) {
    case 'invitation':
      return (
        <p>
          Demandez à la personne qui vous a invité·e de vous envoyer une nouvelle invitation. Si vous avez déjà activé votre compte, <a href="/connexion">connectez-vous</a>.
        </p>
      );
    case 'password_reset':
      return (
        <p>
          <a href="/mot-de-passe-oublie" class="button button--primary">
            Demander un nouveau lien
          </a>
        </p>
      );
    case 'email_change':
      return (
        <p>
          Refaites la demande depuis <a href="/mon-compte">Mon compte</a>.
        </p>
      );
  }
}

/** A one-time link that expired, was used already, was replaced by a newer one, or never existed. */
export function LinkExpiredPage({ context, kind, message }: { context: PageContext; kind: OneTimeLinkKind; message: string }) {
  return (
    <AccountMessagePage context={context} title="Lien expiré ou déjà utilisé">
      <p>{message}</p>
      <WhatNext kind={kind} />
    </AccountMessagePage>
  );
}
