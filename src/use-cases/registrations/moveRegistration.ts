/**
 * Moving a person to another group of the same training (funder staff), atomically: both
 * groups are locked (in id order), the target is recounted, the person keeps their status
 * (a confirmed person stays confirmed, a waitlisted one joins the end of the target's
 * waitlist), and the seat left behind goes to the source group's waitlist.
 */
import { withLocks } from '../../db/locking.js';
import { newId } from '../../db/ids.js';
import { DomainError } from '../../domain/errors.js';
import { freeSeats } from '../../domain/registrations/capacity.js';
import { SEAT_HOLDING_STATUSES } from '../../domain/registrations/registrationStatus.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { repositoriesOn } from '../repositories.js';
import { registrationFor } from './registrationAccess.js';
import { noticePlaced } from './registrationNotices.js';
import { catalogueChanged, groupTakesOffers, noticeContext, settleGroup, type RegistrationDeps } from './seatRecipe.js';

export async function moveRegistration(deps: RegistrationDeps, acting: Acting, registrationId: string, targetSessionId: string): Promise<{ registrationId: string }> {
  const readRepos = repositoriesOn(deps.database.db, deps.database.dialect);
  const { registration: first } = await registrationFor(readRepos, acting, registrationId, ['funder']);
  if (first.session_id === targetSessionId) throw new DomainError('VALIDATION_FAILED', 'La personne est déjà dans ce groupe.', { fields: { targetSessionId: 'Choisissez un autre groupe.' } });
  const result = await withLocks(deps.database, { sessionIds: [first.session_id, targetSessionId], traineeIds: [first.trainee_id] }, async (db) => {
    const repos = repositoriesOn(db, deps.database.dialect);
    const { registration } = await registrationFor(repos, acting, registrationId, ['funder']);
    if (!['pending', 'confirmed', 'waitlisted', 'offered'].includes(registration.status)) {
      throw new DomainError('INVALID_TRANSITION', 'Seule une inscription en cours peut changer de groupe.');
    }
    const [source, target] = await Promise.all([repos.registrations.groupFacts(registration.session_id), repos.registrations.groupFacts(targetSessionId)]);
    if (!source || !target || target.trainingId !== source.trainingId) {
      throw new DomainError('VALIDATION_FAILED', 'Choisissez un groupe de la même formation.', { fields: { targetSessionId: 'Groupe d’une autre formation.' } });
    }
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    if (!groupTakesOffers(target, now)) throw new DomainError('REGISTRATION_CLOSED', 'Le groupe choisi est annulé ou a déjà commencé.');
    const targetContext = noticeContext(repos, target, deps, now);
    const { counts } = await settleGroup(targetContext);
    const holding = SEAT_HOLDING_STATUSES.includes(registration.status);
    // An offer becomes a seat in the target: the person had a seat proposed, they keep one.
    const status = registration.status === 'offered' ? 'confirmed' : registration.status;
    if (holding && freeSeats({ maxTrainees: target.maxTrainees, ...counts }) === 0) {
      throw new DomainError('CONFLICT', `Le groupe ${target.city ?? target.label} est complet : libérez d’abord une place ou choisissez un autre groupe.`, { fields: { targetSessionId: 'Groupe complet.' } });
    }
    const already = (await repos.registrations.activeInTraining([registration.trainee_id], registration.training_id)).find((other) => other.sessionId === targetSessionId);
    if (already) throw new DomainError('ALREADY_REGISTERED', 'La personne est déjà inscrite (ou en liste d’attente) dans ce groupe.');

    await repos.registrations.transition(registration.id, registration.status, { status: 'cancelled', cancel_reason: 'moved', offer_token_hash: null, decided_by: actorUserId(acting), status_changed_at: nowIso, updated_at: nowIso });
    const id = newId();
    await repos.registrations.insert({
      ...registration,
      id,
      session_id: targetSessionId,
      status,
      seq: counts.maxSeq + 1,
      status_changed_at: nowIso,
      offer_expires_at: null,
      offer_token_hash: null,
      decided_by: actorUserId(acting),
      decision_reason: null,
      cancel_reason: null,
      is_late_cancellation: 0,
      moved_from_id: registration.id,
      created_at: nowIso,
      updated_at: nowIso,
    });
    const contacts = (await repos.registrations.contactsOf([id])).get(id);
    if (contacts && status !== 'waitlisted') await noticePlaced(targetContext, id, contacts, status === 'confirmed' ? 'confirmed' : 'pending', null);
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: 'registration.moved',
        entityType: 'registration',
        entityId: id,
        summary: `Changement de groupe : ${contacts?.traineeName ?? ''} — ${source.label} → ${target.label} (${target.trainingTitle})`,
        details: { from: registration.id, fromSessionId: source.sessionId, toSessionId: target.sessionId, status },
        funderId: target.funderId,
      },
      nowIso,
    );
    // A waitlisted person moved into a group with free seats is offered one at once.
    if (status === 'waitlisted') await settleGroup(targetContext);
    await settleGroup(noticeContext(repos, source, deps, now));
    return { registrationId: id };
  });
  await catalogueChanged(deps.database);
  return result;
}
