/**
 * Cancelling a registration (employer or funder): the seat it held frees itself (seats are
 * counted) and, in the same transaction, goes to the first waitlisted person as an offer.
 * After the registration deadline the cancellation is allowed but recorded as late.
 */
import { withLocks } from '../../db/locking.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { assertTransition, SEAT_HOLDING_STATUSES } from '../../domain/registrations/registrationStatus.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { repositoriesOn } from '../repositories.js';
import { registrationFor } from './registrationAccess.js';
import { noticeCancelled } from './registrationNotices.js';
import { catalogueChanged, noticeContext, settleGroup, type RegistrationDeps } from './seatRecipe.js';

export interface CancelResult {
  registrationId: string;
  late: boolean;
}

export async function cancelRegistration(deps: RegistrationDeps, acting: Acting, registrationId: string, options: { reason?: string } = {}): Promise<CancelResult> {
  const reason = options.reason?.trim().slice(0, 500) || null;
  const readRepos = repositoriesOn(deps.database.db, deps.database.dialect);
  const { registration: first } = await registrationFor(readRepos, acting, registrationId, ['employer', 'funder']);
  const result = await withLocks(deps.database, { sessionIds: [first.session_id] }, async (db) => {
    const repos = repositoriesOn(db, deps.database.dialect);
    const { registration, role } = await registrationFor(repos, acting, registrationId, ['employer', 'funder']);
    assertTransition(registration.status, 'cancelled');
    const facts = await repos.registrations.groupFacts(registration.session_id);
    if (!facts) throw notFound('Groupe');
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const late = facts.registrationDeadline !== null && new Date(facts.registrationDeadline) < now && SEAT_HOLDING_STATUSES.includes(registration.status);
    const moved = await repos.registrations.transition(registration.id, registration.status, {
      status: 'cancelled',
      cancel_reason: role === 'employer' ? 'employer' : 'funder',
      decision_reason: reason,
      decided_by: actorUserId(acting),
      is_late_cancellation: late ? 1 : 0,
      offer_token_hash: null,
      status_changed_at: nowIso,
      updated_at: nowIso,
    });
    if (!moved) throw new DomainError('INVALID_TRANSITION', 'Cette inscription vient d’être modifiée : rechargez la page.');
    const context = noticeContext(repos, facts, deps, now);
    const contacts = (await repos.registrations.contactsOf([registration.id])).get(registration.id);
    if (contacts) await noticeCancelled(context, contacts, { byEmployer: role === 'employer', traineeToo: registration.status === 'confirmed' });
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: 'registration.cancelled',
        entityType: 'registration',
        entityId: registration.id,
        summary: `Inscription annulée${late ? ' (annulation tardive)' : ''} : ${contacts?.traineeName ?? ''} — ${facts.trainingTitle} (${facts.label})`,
        details: { from: registration.status, late, reason },
        funderId: facts.funderId,
      },
      nowIso,
    );
    await settleGroup(context);
    return { registrationId: registration.id, late };
  });
  await catalogueChanged(deps.database);
  return result;
}
