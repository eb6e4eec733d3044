import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';
import { EmployerPage } from './EmployerPage.js';
import { OfferButtons } from './OfferButtons.js';
import { dateTimeText, groupName, periodText, plural } from './format.js';

export interface EmployerHomeCounts {
  staff: number;
  confirmed: number;
  pending: number;
  waitlisted: number;
}

/** The home of the employer space: offers to answer first (they expire), then the counts and where to go. */
export function EmployerHomePage({ frame, counts, offers, notice }: { frame: EmployerFrame; counts: EmployerHomeCounts; offers: RegistrationView[]; notice: string | null }) {
  return (
    <EmployerPage frame={frame} title="Espace employeur" notice={notice} intro={<p class="lead">Tenez à jour votre personnel, inscrivez-le aux formations et suivez ses inscriptions.</p>}>
      <section aria-labelledby="propositions" class="employer-offers">
        <h2 id="propositions">Places proposées à accepter</h2>
        {offers.length === 0 ? (
          <p>Aucune place ne vous est proposée en ce moment. Quand une place se libère dans un groupe où vous êtes en liste d’attente, elle apparaît ici et vous recevez un courriel.</p>
        ) : (
          <>
            <p>Une place s’est libérée : répondez avant la date indiquée, sinon elle passe à la personne suivante de la liste d’attente.</p>
            <ul class="employer-list">
              {offers.map((offer) => (
                <li key={offer.id}>
                  <p>
                    <strong>
                      {offer.trainee.firstName} {offer.trainee.lastName}
                    </strong>{' '}
                    — {offer.training.title}, {groupName(offer.session)}, {periodText(offer.session.firstDate, offer.session.lastDate)}.
                  </p>
                  <p>Réponse attendue avant le {offer.offerExpiresAt ? dateTimeText(offer.offerExpiresAt) : '—'}.</p>
                  <OfferButtons frame={frame} registration={offer} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <ul class="admin-cards">
        <li class="admin-card">
          <h2>
            <a href={employerHref(frame, '/employeur/personnel')}>Mon personnel</a>
          </h2>
          <p>{plural(counts.staff, 'personne active', 'personnes actives')}</p>
          <p>Ajoutez les personnes à inscrire : nom, adresse électronique professionnelle, profession.</p>
        </li>
        <li class="admin-card">
          <h2>
            <a href={employerHref(frame, '/employeur/inscriptions')}>Mes inscriptions</a>
          </h2>
          <ul>
            <li>{plural(counts.confirmed, 'inscription confirmée', 'inscriptions confirmées')}</li>
            <li>{plural(counts.pending, 'en attente de validation du financeur', 'en attente de validation du financeur')}</li>
            <li>{plural(counts.waitlisted, 'en liste d’attente', 'en liste d’attente')}</li>
            <li>{plural(offers.length, 'place proposée à accepter', 'places proposées à accepter')}</li>
          </ul>
        </li>
        <li class="admin-card">
          <h2>
            <a href="/">Inscrire des personnes</a>
          </h2>
          <p>Choisissez une formation dans le catalogue, puis un groupe : le lien « Inscrire des personnes » ouvre le formulaire d’inscription.</p>
        </li>
      </ul>
    </EmployerPage>
  );
}
