/**
 * Answering a seat offered from the waitlist, by the link of the offer mail (the token is the
 * proof) or from the employer space / API (the policy decides). Accepting confirms the seat
 * (or makes it pending when the funder must validate); declining frees it for the next
 * person at once. An expired or already answered offer is refused with a clear message.
 */
import { withLocks } from '../../db/locking.js';
import type { Registration } from '../../db/repositories/registrationRepository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { needsReview } from '../../domain/registrations/eligibility.js';
import { expiresText } from '../../notifications/accountMails.js';
import { hashToken } from '../../security/secrets.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { repositoriesOn, type Repositories } from '../repositories.js';
import { registrationFor } from './registrationAccess.js';
import { noticeCancelled, noticePlaced } from './registrationNotices.js';
import { catalogueChanged, leaveOtherGroups, noticeContext, settleGroup, settleGroups, type RegistrationDeps } from './seatRecipe.js';

export type OfferAnswer = 'accept' | 'decline';

/** Who answers: the holder of the mail's link, or a signed-in person (policy-checked). */
export type OfferProof = { kind: 'token'; token: string } | { kind: 'acting'; registrationId: string };

export interface OfferAnswerResult {
  registrationId: string;
  status: 'confirmed' | 'pending' | 'cancelled';
}

async function findOffer(repos: Repositories, acting: Acting, proof: OfferProof): Promise<Registration> {
  if (proof.kind === 'token') {
    const registration = proof.token.length >= 20 && proof.token.length <= 200 ? await repos.registrations.findByOfferToken(hashToken(proof.token)) : undefined;
    if (!registration) throw new DomainError('OFFER_UNAVAILABLE', 'Ce lien de proposition n’est plus valable : la proposition a déjà reçu une réponse ou a expiré. Consultez vos inscriptions dans votre espace employeur.');
    return registration;
  }
  return (await registrationFor(repos, acting, proof.registrationId, ['employer', 'funder'])).registration;
}

function assertLive(registration: Registration, now: Date): void {
  if (registration.status !== 'offered') {
    throw new DomainError('OFFER_UNAVAILABLE', 'Cette proposition a déjà reçu une réponse ou n’est plus valable : consultez vos inscriptions dans votre espace employeur.');
  }
  if (registration.offer_expires_at !== null && new Date(registration.offer_expires_at) <= now) {
    throw new DomainError('OFFER_UNAVAILABLE', `Cette proposition a expiré le ${expiresText(new Date(registration.offer_expires_at))} : la place est passée à la personne suivante de la liste d’attente.`);
  }
}

/** What the offer page shows before the person answers. */
export async function readOffer(deps: RegistrationDeps, acting: Acting, proof: OfferProof) {
  const repos = repositoriesOn(deps.database.db, deps.database.dialect);
  const registration = await findOffer(repos, acting, proof);
  assertLive(registration, deps.clock.now());
  const [view] = await repos.registrations.list({ ids: [registration.id] });
  if (!view) throw notFound('Proposition');
  return view;
}

export async function answerOffer(deps: RegistrationDeps, acting: Acting, proof: OfferProof, answer: OfferAnswer): Promise<OfferAnswerResult> {
  const readRepos = repositoriesOn(deps.database.db, deps.database.dialect);
  const first = await findOffer(readRepos, acting, proof);
  const freedElsewhere: string[] = [];
  const result = await withLocks(deps.database, { sessionIds: [first.session_id], traineeIds: [first.trainee_id] }, async (db) => {
    const repos = repositoriesOn(db, deps.database.dialect);
    const registration = await repos.registrations.findById(first.id);
    if (!registration) throw notFound('Proposition');
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    assertLive(registration, now);
    const facts = await repos.registrations.groupFacts(registration.session_id);
    if (!facts) throw notFound('Groupe');
    const context = noticeContext(repos, facts, deps, now);
    const contacts = (await repos.registrations.contactsOf([registration.id])).get(registration.id);
    let status: OfferAnswerResult['status'];
    if (answer === 'accept') {
      const review = needsReview({ requiresApproval: facts.requiresApproval, requiresJustification: facts.requiresJustification, missingPrerequisites: 0, declaration: registration.declaration }) || (registration.declaration !== null && facts.requiredTrainings.length > 0);
      status = review ? 'pending' : 'confirmed';
      await transitionOrFail(repos, registration, { status, offer_token_hash: null, status_changed_at: nowIso, updated_at: nowIso });
      if (status === 'confirmed') freedElsewhere.push(...(await leaveOtherGroups(repos, registration.trainee_id, registration.training_id, registration.session_id, nowIso)));
      if (contacts) await noticePlaced(context, registration.id, contacts, status, null);
    } else {
      status = 'cancelled';
      await transitionOrFail(repos, registration, { status, cancel_reason: 'offer_declined', offer_token_hash: null, status_changed_at: nowIso, updated_at: nowIso });
      if (contacts) await noticeCancelled(context, contacts, { byEmployer: true, traineeToo: false });
    }
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: proof.kind === 'token' ? 'Lien de proposition (employeur)' : acting.label,
        ip: acting.meta.ip,
        action: answer === 'accept' ? 'registration.offer_accepted' : 'registration.offer_declined',
        entityType: 'registration',
        entityId: registration.id,
        summary: `Place ${answer === 'accept' ? 'acceptée' : 'refusée'} : ${contacts?.traineeName ?? ''} — ${facts.trainingTitle} (${facts.label})`,
        details: { status },
        funderId: facts.funderId,
      },
      nowIso,
    );
    // A declined seat goes to the next person now, not at the next run of the job.
    await settleGroup(context);
    return { registrationId: registration.id, status };
  });
  await catalogueChanged(deps.database);
  if (freedElsewhere.length > 0) await settleGroups(deps, freedElsewhere);
  return result;
}

async function transitionOrFail(repos: Repositories, registration: Registration, changes: Parameters<Repositories['registrations']['transition']>[2]): Promise<void> {
  if (!(await repos.registrations.transition(registration.id, 'offered', changes))) {
    throw new DomainError('OFFER_UNAVAILABLE', 'Cette proposition vient de recevoir une réponse : consultez vos inscriptions.');
  }
}
