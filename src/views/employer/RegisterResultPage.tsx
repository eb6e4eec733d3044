import type { RegistrationOutcome } from '../../use-cases/registrations/registerTrainees.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';
import { EmployerPage } from './EmployerPage.js';
import { GroupFacts } from './GroupFacts.js';
import type { RegistrationGroup } from './registrationGroup.js';

function OutcomeText({ outcome, email, group }: { outcome: RegistrationOutcome; email: string | undefined; group: RegistrationGroup }) {
  if (outcome.status === 'confirmed') {
    return (
      <>
        <strong class="employer-status employer-status--confirmed">Confirmée</strong>
        <span> — la convocation (PDF et invitation d’agenda) a été envoyée{email ? ` à ${email}` : ''}. Vous la retrouvez aussi dans « Mes inscriptions ».</span>
      </>
    );
  }
  if (outcome.status === 'pending') {
    return (
      <>
        <strong class="employer-status employer-status--pending">En attente de validation du financeur</strong>
        <span> — une place est réservée pendant ce temps ; vous recevrez un courriel dès sa décision.</span>
      </>
    );
  }
  return (
    <>
      <strong class="employer-status employer-status--waitlisted">En liste d’attente — position {outcome.waitlistPosition ?? '?'}</strong>
      <span>
        {' '}
        — le groupe est complet. Dès qu’une place se libère, elle vous est proposée automatiquement par courriel : vous aurez {group.offerValidityHours} heures pour l’accepter, sinon elle passe à la
        personne suivante. Rien d’autre à faire d’ici là.
      </span>
    </>
  );
}

/** What each person got: confirmed (convocation sent), pending the funder's validation, or waitlisted with a position. */
export function RegisterResultPage({ frame, group, outcomes, emails, replayed }: { frame: EmployerFrame; group: RegistrationGroup; outcomes: RegistrationOutcome[]; emails: Readonly<Record<string, string>>; replayed: boolean }) {
  return (
    <EmployerPage frame={frame} title="Inscriptions enregistrées">
      {replayed ? (
        <div class="notice">
          <p>Ce formulaire avait déjà été envoyé : voici le résultat de ce premier envoi. Personne n’a été inscrit deux fois.</p>
        </div>
      ) : null}
      <div class="admin-notice" role="status">
        <p>{outcomes.length > 1 ? `${outcomes.length} inscriptions ont été enregistrées.` : 'L’inscription a été enregistrée.'}</p>
      </div>
      <ul class="employer-outcomes">
        {outcomes.map((outcome) => (
          <li key={outcome.registrationId}>
            <p class="employer-outcomes__name">{outcome.traineeName}</p>
            <p>
              <OutcomeText outcome={outcome} email={emails[outcome.traineeId]} group={group} />
            </p>
          </li>
        ))}
      </ul>
      <h2>Le groupe</h2>
      <GroupFacts group={group} />
      <p class="admin-form__actions employer-next">
        <a class="button button--primary" href={employerHref(frame, '/employeur/inscriptions')}>
          Voir mes inscriptions
        </a>
        <a class="button" href={employerHref(frame, `/employeur/inscrire/${encodeURIComponent(group.sessionId)}`)}>
          Inscrire d’autres personnes à ce groupe
        </a>
        <a href="/">Retour au catalogue</a>
      </p>
    </EmployerPage>
  );
}
