import type { ComponentChildren } from 'preact';
import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { CsrfField } from '../admin/FieldError.js';
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { dateTimeText, groupName, periodText } from './format.js';

function OfferFrame({ page, title, children }: { page: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} page={page}>
      <div class="account-narrow employer-offer">
        <h1>{title}</h1>
        {children}
      </div>
    </Layout>
  );
}

function WhereToFollow({ page }: { page: PageContext }) {
  return page.spaces.includes('employer') ? (
    <p>
      <a href="/employeur/inscriptions">Voir mes inscriptions</a>
    </p>
  ) : (
    <p>
      Pour suivre vos inscriptions, <a href="/connexion?suivant=/employeur/inscriptions">connectez-vous à votre espace employeur</a>.
    </p>
  );
}

/**
 * The page of an offer link: who, which group, until when, and the two answers. Opening it
 * changes nothing (mail scanners open links): only the buttons, posted, answer the offer.
 */
export function OfferPage({ page, offer, action }: { page: PageContext; offer: RegistrationView; action: string }) {
  const name = `${offer.trainee.firstName} ${offer.trainee.lastName}`;
  return (
    <OfferFrame page={page} title={`Une place est disponible pour ${name}`}>
      <p class="lead">Une place s’est libérée dans un groupe où {name} était en liste d’attente. Elle lui est réservée jusqu’à la date ci-dessous.</p>
      <dl class="admin-facts">
        <div>
          <dt>Formation</dt>
          <dd>{offer.training.title}</dd>
        </div>
        <div>
          <dt>Groupe</dt>
          <dd>
            {groupName(offer.session)}, {periodText(offer.session.firstDate, offer.session.lastDate)}
          </dd>
        </div>
        <div>
          <dt>Personne</dt>
          <dd>
            {name} ({offer.employer.name})
          </dd>
        </div>
        <div>
          <dt>Répondre avant le</dt>
          <dd>{offer.offerExpiresAt ? dateTimeText(offer.offerExpiresAt) : '—'}</dd>
        </div>
      </dl>
      <p>
        Si vous acceptez, l’inscription est confirmée et la convocation envoyée à {name} (quand le financeur valide les inscriptions de cette formation, la place est réservée en attendant sa décision).
        Si vous refusez, ou sans réponse à temps, la place passe à la personne suivante de la liste d’attente.
      </p>
      <div class="admin-form__actions employer-offer__answers">
        <form method="post" action={`${action}/accepter`} class="admin-inline-form">
          <CsrfField token={page.csrfToken} />
          <button type="submit" class="button button--primary">
            Accepter la place
          </button>
        </form>
        <form method="post" action={`${action}/refuser`} class="admin-inline-form">
          <CsrfField token={page.csrfToken} />
          <button type="submit" class="button">
            Refuser la place
          </button>
        </form>
      </div>
    </OfferFrame>
  );
}

/** After the answer: what happened, and what comes next. */
export function OfferAnsweredPage({ page, offer, status }: { page: PageContext; offer: RegistrationView; status: 'confirmed' | 'pending' | 'cancelled' }) {
  const name = `${offer.trainee.firstName} ${offer.trainee.lastName}`;
  const where = `« ${offer.training.title} », ${groupName(offer.session)} (${periodText(offer.session.firstDate, offer.session.lastDate)})`;
  const title = status === 'cancelled' ? 'Place refusée' : 'Place acceptée';
  return (
    <OfferFrame page={page} title={title}>
      <div class="admin-notice" role="status">
        {status === 'confirmed' ? <p>L’inscription de {name} à {where} est confirmée. Sa convocation lui est envoyée par courriel.</p> : null}
        {status === 'pending' ? <p>La place de {name} à {where} est réservée : le financeur doit encore valider l’inscription. Vous recevrez un courriel dès sa décision.</p> : null}
        {status === 'cancelled' ? <p>Vous avez refusé la place proposée à {name} pour {where}. Elle est proposée à la personne suivante de la liste d’attente.</p> : null}
      </div>
      <WhereToFollow page={page} />
    </OfferFrame>
  );
}

/** An expired, answered or unknown offer link: a clear page, not a generic error. */
export function OfferUnavailablePage({ page, message }: { page: PageContext; message: string }) {
  return (
    <OfferFrame page={page} title="Cette proposition n’est plus valable">
      <p>{message}</p>
      <p>Si la personne souhaite toujours suivre cette formation, inscrivez-la de nouveau depuis le catalogue : elle prendra la première place libre ou la liste d’attente.</p>
      <WhereToFollow page={page} />
    </OfferFrame>
  );
}
