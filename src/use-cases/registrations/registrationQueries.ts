/**
 * What the pages and the API read about registrations, each read checked by the policy:
 * an employer's registrations (its HR contacts, its funder's staff), a group's registrations
 * (the funder's staff, the provider that runs it), the funder's validation queue and the
 * groups waiting for a « maintien ou annulation » decision.
 */
import type { Database } from '../../db/database.js';
import type { GroupFacts, RegistrationView } from '../../db/repositories/registrationRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { forbidden, notFound } from '../../domain/errors.js';
import { freeSeats } from '../../domain/registrations/capacity.js';
import type { RegistrationStatus } from '../../domain/registrations/registrationStatus.js';
import type { Acting } from '../accounts/requestContext.js';
import { repositoriesOn } from '../repositories.js';

export type { RegistrationView, GroupFacts };

export async function listEmployerRegistrations(database: Database, acting: Acting, employerId: string, options: { statuses?: readonly RegistrationStatus[]; sessionId?: string } = {}): Promise<RegistrationView[]> {
  const repos = repositoriesOn(database.db, database.dialect);
  const employer = await repos.organisations.findOrganisation('employer', employerId);
  if (!employer?.funderId) throw notFound('Établissement');
  if (!can(acting.actor, 'employer.read', { type: 'employer', employerId, funderId: employer.funderId })) throw forbidden();
  return repos.registrations.list({ employerId, statuses: options.statuses, sessionId: options.sessionId });
}

export async function findRegistration(database: Database, acting: Acting, registrationId: string): Promise<RegistrationView> {
  const repos = repositoriesOn(database.db, database.dialect);
  const registration = await repos.registrations.findById(registrationId);
  // A read: the employer's HR and the funder's staff (employer.read), so that a read-only API token suffices.
  if (!registration || !can(acting.actor, 'employer.read', { type: 'employer', employerId: registration.employer_id, funderId: registration.funder_id })) throw notFound('Inscription');
  const [view] = await repos.registrations.list({ ids: [registrationId] });
  if (!view) throw notFound('Inscription');
  return view;
}

export interface GroupOverview {
  facts: GroupFacts;
  registrations: RegistrationView[];
  counts: { confirmed: number; pending: number; offered: number; waitlisted: number; freeSeats: number };
  decision: { alertedAt: string | null; maintainedAt: string | null; cancelledAt: string | null; cancelReason: string | null };
  /** The funder's staff see everything and act; the provider sees the participants. */
  viewer: 'funder' | 'provider';
}

export async function readGroup(database: Database, acting: Acting, sessionId: string, now: Date): Promise<GroupOverview> {
  const repos = repositoriesOn(database.db, database.dialect);
  const facts = await repos.registrations.groupFacts(sessionId);
  if (!facts) throw notFound('Groupe');
  const viewer = can(acting.actor, 'funder.steer', { type: 'funder', funderId: facts.funderId })
    ? 'funder'
    : facts.providerId !== null && can(acting.actor, 'provider.sessions.read', { type: 'provider', providerId: facts.providerId })
      ? 'provider'
      : null;
  if (viewer === null) throw forbidden();
  // Providers see who comes (confirmed), not the employers' waiting or refused requests.
  const registrations = await repos.registrations.list({ sessionId, statuses: viewer === 'provider' ? ['confirmed'] : undefined });
  const counted = await repos.registrations.countGroup(sessionId, now.toISOString());
  const decision = (await repos.groups.decisionOf(sessionId)) ?? { alertedAt: null, maintainedAt: null, cancelledAt: null, cancelReason: null };
  return {
    facts,
    registrations,
    counts: {
      confirmed: counted.confirmed,
      pending: counted.pending,
      offered: counted.liveOffers,
      waitlisted: counted.waitlisted,
      freeSeats: freeSeats({ maxTrainees: facts.maxTrainees, ...counted }),
    },
    decision,
    viewer,
  };
}

export async function listPendingApprovals(database: Database, acting: Acting, funderId: string): Promise<RegistrationView[]> {
  if (!can(acting.actor, 'funder.steer', { type: 'funder', funderId })) throw forbidden();
  const views = await repositoriesOn(database.db, database.dialect).registrations.list({ funderId, statuses: ['pending'] });
  // Oldest request first: the queue is worked in order.
  return views.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
}

export async function listGroupsBelowMinimum(database: Database, acting: Acting, funderId: string, today: string) {
  if (!can(acting.actor, 'funder.steer', { type: 'funder', funderId })) throw forbidden();
  const repos = repositoriesOn(database.db, database.dialect);
  const groups = await repos.groups.belowMinimum(today, { onlyNotAlerted: false, funderId });
  return Promise.all(groups.map(async (group) => ({ ...group, facts: (await repos.registrations.groupFacts(group.sessionId)) as GroupFacts })));
}
