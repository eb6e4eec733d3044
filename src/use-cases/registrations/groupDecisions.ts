/**
 * « Maintien ou annulation »: when a group is under its minimum near its start (the job asks),
 * the funder keeps it or cancels it. Cancelling notifies every registered or waitlisted
 * person's employer (and confirmed trainees) and lists the other groups of the training.
 */
import { withLocks } from '../../db/locking.js';
import { can } from '../../domain/accounts/policy.js';
import { parisDateOf } from '../../domain/dates/calendarDate.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { repositoriesOn, type Repositories } from '../repositories.js';
import { noticeGroupCancelled } from './registrationNotices.js';
import { catalogueChanged, noticeContext, type RegistrationDeps } from './seatRecipe.js';

async function groupForFunderStaff(repos: Repositories, acting: Acting, sessionId: string) {
  const facts = await repos.registrations.groupFacts(sessionId);
  if (!facts) throw notFound('Groupe');
  if (!can(acting.actor, 'registrations.manage', { type: 'funder', funderId: facts.funderId })) throw forbidden();
  return facts;
}

export async function maintainGroup(deps: RegistrationDeps, acting: Acting, sessionId: string): Promise<void> {
  const repos = repositoriesOn(deps.database.db, deps.database.dialect);
  const facts = await groupForFunderStaff(repos, acting, sessionId);
  if (facts.status === 'cancelled') throw new DomainError('INVALID_TRANSITION', 'Ce groupe est déjà annulé.');
  const at = deps.clock.now().toISOString();
  await repos.groups.setMaintained(sessionId, actorUserId(acting), at);
  await repos.audit.append(
    { actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'group.maintained', entityType: 'session', entityId: sessionId, summary: `Groupe maintenu : ${facts.trainingTitle} (${facts.label})`, funderId: facts.funderId },
    at,
  );
}

export async function cancelGroup(deps: RegistrationDeps, acting: Acting, sessionId: string, reasonInput: string): Promise<{ cancelledRegistrations: number }> {
  const reason = reasonInput.trim();
  if (reason.length < 3 || reason.length > 1000) {
    throw new DomainError('VALIDATION_FAILED', 'Indiquez le motif de l’annulation (3 à 1 000 caractères) : il est envoyé aux employeurs.', { fields: { reason: 'Motif obligatoire.' } });
  }
  await groupForFunderStaff(repositoriesOn(deps.database.db, deps.database.dialect), acting, sessionId);
  const result = await withLocks(deps.database, { sessionIds: [sessionId] }, async (db) => {
    const repos = repositoriesOn(db, deps.database.dialect);
    const facts = await groupForFunderStaff(repos, acting, sessionId);
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    if (!(await repos.groups.setCancelled(sessionId, reason, nowIso))) throw new DomainError('INVALID_TRANSITION', 'Ce groupe est déjà annulé.');
    const active = await repos.registrations.list({ sessionId, statuses: ['pending', 'confirmed', 'waitlisted', 'offered'] });
    const others = (await repos.groups.otherGroups(facts.trainingId, sessionId, parisDateOf(now))).map(
      (group) => `${group.city ?? group.label}${group.firstDate ? ` — ${formatFrenchDateList([group.firstDate, group.lastDate ?? group.firstDate].filter((date, index, all) => all.indexOf(date) === index))}` : ''}`,
    );
    const context = noticeContext(repos, { ...facts, status: 'cancelled' }, deps, now);
    const contacts = await repos.registrations.contactsOf(active.map((registration) => registration.id));
    for (const registration of active) {
      await repos.registrations.transition(registration.id, registration.status, { status: 'cancelled', cancel_reason: 'group_cancelled', offer_token_hash: null, status_changed_at: nowIso, updated_at: nowIso });
      const contact = contacts.get(registration.id);
      if (contact) await noticeGroupCancelled(context, contact, reason, others, registration.status === 'confirmed');
    }
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: 'group.cancelled',
        entityType: 'session',
        entityId: sessionId,
        summary: `Groupe annulé : ${facts.trainingTitle} (${facts.label}) — ${active.length} inscription(s) annulée(s)`,
        details: { reason },
        funderId: facts.funderId,
      },
      nowIso,
    );
    return { cancelledRegistrations: active.length };
  });
  await catalogueChanged(deps.database);
  return result;
}
