/**
 * The steps every seat-changing use case shares, run inside the group's lock (db/locking.ts):
 * expire the offers whose time is over, recount, offer free seats to the waitlist. Keeping
 * them here means a registration, a cancellation, an offer answer and the job all leave a
 * group in the same state: no free seat while an eligible person waits.
 */
import type { Database } from '../../db/database.js';
import { bumpChangeCounter } from '../../db/repositories/changeCounterRepository.js';
import type { GroupCounts, GroupFacts } from '../../db/repositories/registrationRepository.js';
import type { RegistrationStatus } from '../../db/schema.js';
import { withLocks } from '../../db/locking.js';
import { parisDateOf } from '../../domain/dates/calendarDate.js';
import { freeSeats } from '../../domain/registrations/capacity.js';
import { capReleaseInstant, fairShareAt, type FairShare } from '../../domain/registrations/fairShare.js';
import { chooseOffers, offerExpiry } from '../../domain/registrations/waitlist.js';
import { hashToken, randomToken } from '../../security/secrets.js';
import { repositoriesOn, type Repositories } from '../repositories.js';
import { noticeOffer, noticeOfferExpired, type NoticeContext } from './registrationNotices.js';

export interface RegistrationDeps {
  database: Database;
  clock: { now(): Date };
  config: { baseUrl: URL };
}

export function fairShareOf(facts: GroupFacts, now: Date): FairShare {
  const releaseAt = capReleaseInstant({ registrationDeadline: facts.registrationDeadline, firstDate: facts.firstDate, releaseDays: facts.capReleaseDays });
  return fairShareAt(facts.employerCap, releaseAt, now);
}

/** Offers are made until the group starts, deadline or not: a late seat is still a seat. */
export function groupTakesOffers(facts: GroupFacts, now: Date): boolean {
  return facts.status !== 'cancelled' && facts.trainingStatus === 'published' && (facts.firstDate === null || facts.firstDate > parisDateOf(now));
}

export function noticeContext(repos: Repositories, facts: GroupFacts, deps: RegistrationDeps, now: Date): NoticeContext {
  return { repos, facts, baseUrl: deps.config.baseUrl, now };
}

/**
 * Expire, recount, promote. Returns the counts after promotion and the ids offered a seat.
 * Call it under the group's lock.
 */
export async function settleGroup(context: NoticeContext): Promise<{ counts: GroupCounts; offered: string[]; expired: number }> {
  const { repos, facts, now } = context;
  const nowIso = now.toISOString();
  const byEmployer = facts.employerCap !== null;
  let counts = await repos.registrations.countGroup(facts.sessionId, nowIso, { byEmployer });
  const expired = counts.dueOffers;
  if (counts.dueOffers > 0) {
    const due = await repos.registrations.dueOffers(nowIso, facts.sessionId);
    const contacts = await repos.registrations.contactsOf(due.map((offer) => offer.id));
    for (const offer of due) {
      const moved = await repos.registrations.transition(offer.id, 'offered', { status: 'expired', status_changed_at: nowIso, updated_at: nowIso, offer_token_hash: null });
      const contact = contacts.get(offer.id);
      if (moved && contact) await noticeOfferExpired(context, contact);
    }
    counts = await repos.registrations.countGroup(facts.sessionId, nowIso, { byEmployer });
  }
  const free = freeSeats({ maxTrainees: facts.maxTrainees, ...counts });
  if (free === 0 || counts.waitlisted === 0 || !groupTakesOffers(facts, now)) return { counts, offered: [], expired };

  const waiting = await repos.registrations.waitlist(facts.sessionId);
  const chosen = chooseOffers(free, waiting, counts.employerHeld, fairShareOf(facts, now));
  if (chosen.length === 0) return { counts, offered: [], expired };
  const expiresAt = offerExpiry(now, facts.offerValidityHours);
  const contacts = await repos.registrations.contactsOf(chosen);
  const offered: string[] = [];
  for (const id of chosen) {
    const token = randomToken();
    const moved = await repos.registrations.transition(id, 'waitlisted', {
      status: 'offered',
      offer_expires_at: expiresAt.toISOString(),
      offer_token_hash: hashToken(token),
      status_changed_at: nowIso,
      updated_at: nowIso,
    });
    if (!moved) continue;
    offered.push(id);
    const employerId = waiting.find((person) => person.registrationId === id)?.employerId ?? '';
    counts.liveOffers += 1;
    counts.waitlisted -= 1;
    counts.employerHeld.set(employerId, (counts.employerHeld.get(employerId) ?? 0) + 1);
    const contact = contacts.get(id);
    if (contact) await noticeOffer(context, contact, token, expiresAt);
  }
  return { counts, offered, expired };
}

/**
 * A person confirmed in one group leaves the waitlists (and gives back the offers) of the
 * other groups of the same training. Returns the groups where an offer was given back: a
 * seat is free there, to promote after commit.
 */
export async function leaveOtherGroups(
  repos: Repositories,
  traineeId: string,
  trainingId: string,
  keptSessionId: string,
  nowIso: string,
  /** The person's active registrations in the training, when the caller has just read them. */
  known?: ReadonlyArray<{ id: string; traineeId: string; sessionId: string; status: RegistrationStatus }>,
): Promise<string[]> {
  const active = known ?? (await repos.registrations.activeInTraining([traineeId], trainingId));
  const others = active.filter(
    (registration) => registration.traineeId === traineeId && registration.sessionId !== keptSessionId && (registration.status === 'waitlisted' || registration.status === 'offered'),
  );
  const freed: string[] = [];
  for (const other of others) {
    const moved = await repos.registrations.transition(other.id, other.status, {
      status: 'cancelled',
      cancel_reason: 'confirmed_elsewhere',
      offer_token_hash: null,
      status_changed_at: nowIso,
      updated_at: nowIso,
    });
    if (moved && other.status === 'offered') freed.push(other.sessionId);
  }
  return freed;
}

/**
 * Settles groups in their own transactions, after the change that freed their seats has
 * committed (a separate lock per group: never two group locks held at once by this path).
 * The job does the same every minute, so a crash between the two only delays an offer.
 */
export async function settleGroups(deps: RegistrationDeps, sessionIds: readonly string[]): Promise<number> {
  let offered = 0;
  for (const sessionId of new Set(sessionIds)) {
    const result = await withLocks(deps.database, { sessionIds: [sessionId] }, async (db) => {
      const repos = repositoriesOn(db, deps.database.dialect);
      const facts = await repos.registrations.groupFacts(sessionId);
      if (!facts) return { offered: [] as string[], changed: false };
      const now = deps.clock.now();
      const settled = await settleGroup(noticeContext(repos, facts, deps, now));
      return { offered: settled.offered, changed: settled.expired > 0 || settled.offered.length > 0 };
    });
    offered += result.offered.length;
    if (result.changed) await catalogueChanged(deps.database);
  }
  return offered;
}

/**
 * Seats shown by the catalogue changed. Bumped after commit, not inside the seat transaction:
 * on PostgreSQL the counter row would otherwise serialise registrations of every group. A
 * crash in between leaves a cached page stale for at most CATALOGUE_CACHE_SECONDS.
 */
export async function catalogueChanged(database: Database): Promise<void> {
  await bumpChangeCounter(database.db, 'catalogue');
}
