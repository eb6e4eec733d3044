/**
 * The funder's validation queue: approving a pending registration confirms the seat it
 * already holds (the convocation goes out); rejecting it, with a reason sent to the employer,
 * frees the seat for the waitlist.
 */
import { withLocks } from '../../db/locking.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { assertTransition } from '../../domain/registrations/registrationStatus.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { repositoriesOn } from '../repositories.js';
import { registrationFor } from './registrationAccess.js';
import { noticePlaced, noticeRejected } from './registrationNotices.js';
import { catalogueChanged, leaveOtherGroups, noticeContext, settleGroup, settleGroups, type RegistrationDeps } from './seatRecipe.js';

export type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

export async function decideRegistration(deps: RegistrationDeps, acting: Acting, registrationId: string, decision: Decision): Promise<{ status: 'confirmed' | 'rejected' }> {
  const reason = decision.kind === 'reject' ? decision.reason.trim() : '';
  if (decision.kind === 'reject' && (reason.length < 3 || reason.length > 1000)) {
    throw new DomainError('VALIDATION_FAILED', 'Indiquez le motif du refus (3 à 1 000 caractères) : il est envoyé à l’employeur.', { fields: { reason: 'Motif obligatoire.' } });
  }
  const readRepos = repositoriesOn(deps.database.db, deps.database.dialect);
  const { registration: first } = await registrationFor(readRepos, acting, registrationId, ['funder']);
  const freedElsewhere: string[] = [];
  const result = await withLocks(deps.database, { sessionIds: [first.session_id], traineeIds: [first.trainee_id] }, async (db) => {
    const repos = repositoriesOn(db, deps.database.dialect);
    const { registration } = await registrationFor(repos, acting, registrationId, ['funder']);
    const status: 'confirmed' | 'rejected' = decision.kind === 'approve' ? 'confirmed' : 'rejected';
    assertTransition(registration.status, status);
    const facts = await repos.registrations.groupFacts(registration.session_id);
    if (!facts) throw notFound('Groupe');
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const moved = await repos.registrations.transition(registration.id, 'pending', {
      status,
      decided_by: actorUserId(acting),
      decision_reason: reason || null,
      status_changed_at: nowIso,
      updated_at: nowIso,
    });
    if (!moved) throw new DomainError('INVALID_TRANSITION', 'Cette inscription vient d’être traitée : rechargez la page.');
    const context = noticeContext(repos, facts, deps, now);
    const contacts = (await repos.registrations.contactsOf([registration.id])).get(registration.id);
    if (status === 'confirmed') {
      freedElsewhere.push(...(await leaveOtherGroups(repos, registration.trainee_id, registration.training_id, registration.session_id, nowIso)));
      if (contacts) await noticePlaced(context, registration.id, contacts, 'confirmed', null);
    } else if (contacts) {
      await noticeRejected(context, contacts, reason);
    }
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: decision.kind === 'approve' ? 'registration.approved' : 'registration.rejected',
        entityType: 'registration',
        entityId: registration.id,
        summary: `Inscription ${decision.kind === 'approve' ? 'validée' : 'refusée'} : ${contacts?.traineeName ?? ''} — ${facts.trainingTitle} (${facts.label})`,
        details: reason ? { reason } : {},
        funderId: facts.funderId,
      },
      nowIso,
    );
    if (status === 'rejected') await settleGroup(context);
    return { status };
  });
  await catalogueChanged(deps.database);
  if (freedElsewhere.length > 0) await settleGroups(deps, freedElsewhere);
  return result;
}
