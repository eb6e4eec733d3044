/**
 * What « Pilotage » (funder staff) and « Espace organisme » (provider staff) read, each read
 * checked by the policy: a funder's published trainings with their groups and counts, one
 * group with the groups a person may be moved to, a provider's groups and the confirmed
 * participants of one of them. Actions go through the registration use cases themselves.
 */
import type { Database } from '../../db/database.js';
import { EMPTY_TALLY, type GroupScope, type RegistrationTally, type SteeringGroup } from '../../db/repositories/steeringRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { sessionAvailability } from '../../domain/catalogue/sessionAvailability.js';
import { parisDateOf } from '../../domain/dates/calendarDate.js';
import { forbidden, notFound } from '../../domain/errors.js';
import { freeSeats } from '../../domain/registrations/capacity.js';
import type { Acting } from '../accounts/requestContext.js';
import { repositoriesOn, type Repositories } from '../repositories.js';
import { readGroup, type GroupFacts, type GroupOverview, type RegistrationView } from './registrationQueries.js';

/** Where a group stands, as the catalogue says it (cancelled first, then past, started, closed, full). */
export type GroupState = 'cancelled' | 'past' | 'in_progress' | 'closed' | 'full' | 'open';

export interface GroupLine extends SteeringGroup {
  tally: RegistrationTally;
  freeSeats: number;
  state: GroupState;
  /** Under its minimum near its start, neither maintained nor cancelled: the funder has to decide. */
  decisionNeeded: boolean;
}

export interface TrainingLines {
  trainingId: string;
  title: string;
  moduleNumber: number | null;
  moduleTitle: string | null;
  providerName: string | null;
  groups: GroupLine[];
}

export interface SteeringOverview {
  trainings: TrainingLines[];
  /** Registrations waiting for the funder's validation (every training). */
  pendingApprovals: number;
  /** Groups waiting for « maintien ou annulation ». */
  decisionsToTake: number;
  /** Finished groups left out of `trainings` (shown on demand). */
  pastGroupsHidden: number;
}

function lineOf(group: SteeringGroup, tally: RegistrationTally, decisionNeeded: boolean, today: string, now: Date): GroupLine {
  const availability = sessionAvailability(
    {
      status: group.status,
      dates: [group.firstDate, group.lastDate].filter((date): date is string => date !== null),
      registrationDeadline: group.registrationDeadline,
      maxTrainees: group.maxTrainees,
      confirmed: tally.confirmed,
      pending: tally.pending,
      liveOffers: tally.offered,
    },
    today,
    now,
  );
  const free = freeSeats({ maxTrainees: group.maxTrainees, confirmed: tally.confirmed, pending: tally.pending, liveOffers: tally.offered });
  return { ...group, tally, freeSeats: free, state: availability.kind, decisionNeeded };
}

/** The groups of a scope with their counts; `decisionsOf`: the funder whose pending decisions are marked. */
async function groupLines(repos: Repositories, scope: GroupScope, now: Date, decisionsOf: string | null): Promise<{ lines: GroupLine[]; tallies: Map<string, RegistrationTally> }> {
  const today = parisDateOf(now);
  const [groups, tallies, below] = await Promise.all([
    repos.steering.groups(scope),
    repos.steering.tallies({ ...scope, trainingStatuses: undefined }, now.toISOString()),
    decisionsOf === null ? Promise.resolve([]) : repos.groups.belowMinimum(today, { onlyNotAlerted: false, funderId: decisionsOf }),
  ]);
  const undecided = new Set(below.map((group) => group.sessionId));
  return { lines: groups.map((group) => lineOf(group, tallies.get(group.sessionId) ?? EMPTY_TALLY, undecided.has(group.sessionId), today, now)), tallies };
}

/** Finished groups (cancelled ones too) are left out of the lists unless asked for. */
function splitFinished(lines: GroupLine[], now: Date, includePast: boolean): { shown: GroupLine[]; hidden: number } {
  if (includePast) return { shown: lines, hidden: 0 };
  const today = parisDateOf(now);
  const shown = lines.filter((line) => line.lastDate === null || line.lastDate >= today);
  return { shown, hidden: lines.length - shown.length };
}

export async function readSteeringOverview(database: Database, acting: Acting, funderId: string, now: Date, options: { includePast: boolean }): Promise<SteeringOverview> {
  if (!can(acting.actor, 'funder.steer', { type: 'funder', funderId })) throw forbidden();
  const repos = repositoriesOn(database.db, database.dialect);
  const { lines, tallies } = await groupLines(repos, { funderId, trainingStatuses: ['published'] }, now, funderId);
  const { shown, hidden } = splitFinished(lines, now, options.includePast);
  const trainings: TrainingLines[] = [];
  for (const line of shown) {
    let training = trainings[trainings.length - 1];
    if (!training || training.trainingId !== line.trainingId) {
      training = { trainingId: line.trainingId, title: line.trainingTitle, moduleNumber: line.moduleNumber, moduleTitle: line.moduleTitle, providerName: line.providerName, groups: [] };
      trainings.push(training);
    }
    training.groups.push(line);
  }
  let pendingApprovals = 0;
  for (const tally of tallies.values()) pendingApprovals += tally.pending;
  return { trainings, pendingApprovals, decisionsToTake: lines.filter((line) => line.decisionNeeded).length, pastGroupsHidden: hidden };
}

export interface SteeringGroupView {
  overview: GroupOverview;
  line: GroupLine;
  days: string[];
  /** Groups of the same training a registration may move to: not cancelled, not started. */
  moveTargets: GroupLine[];
  /** The person may act (approve, cancel, move, decide), not only read. */
  canManage: boolean;
}

/** One group as the funder's staff see it: every registration, and where people can be moved. */
export async function readSteeringGroup(database: Database, acting: Acting, sessionId: string, now: Date): Promise<SteeringGroupView> {
  const overview = await readGroup(database, acting, sessionId, now);
  // Providers read their groups in « Espace organisme », without the employers' requests.
  if (overview.viewer !== 'funder') throw forbidden();
  const repos = repositoriesOn(database.db, database.dialect);
  const { facts } = overview;
  const [{ lines }, days] = await Promise.all([groupLines(repos, { funderId: facts.funderId, trainingId: facts.trainingId }, now, facts.funderId), repos.registrations.daysOf(sessionId)]);
  const line = lines.find((candidate) => candidate.sessionId === sessionId);
  if (!line) throw notFound('Groupe');
  const today = parisDateOf(now);
  return {
    overview,
    line,
    days: days.map((day) => day.date),
    moveTargets: lines.filter((other) => other.sessionId !== sessionId && other.status !== 'cancelled' && (other.firstDate === null || other.firstDate > today)),
    canManage: can(acting.actor, 'registrations.manage', { type: 'funder', funderId: facts.funderId }),
  };
}

// ---- Espace organisme ---------------------------------------------------------------------

/** The providers whose groups this person reads (coordinators and trainers). */
export function readableProviderIds(acting: Acting): string[] {
  const actor = acting.actor;
  if (actor.kind !== 'user') return [];
  const ids = new Set(actor.memberships.filter((m) => m.organisationKind === 'provider').map((m) => m.organisationId));
  return [...ids].filter((providerId) => can(actor, 'provider.sessions.read', { type: 'provider', providerId }));
}

/** A provider's groups (published or archived trainings), with their confirmed participants counted. */
export async function readProviderGroups(database: Database, acting: Acting, now: Date, options: { includePast: boolean }): Promise<{ groups: GroupLine[]; pastGroupsHidden: number }> {
  const providerIds = readableProviderIds(acting);
  if (providerIds.length === 0) throw forbidden();
  const repos = repositoriesOn(database.db, database.dialect);
  const { lines } = await groupLines(repos, { providerIds, trainingStatuses: ['published', 'archived'] }, now, null);
  const { shown, hidden } = splitFinished(lines, now, options.includePast);
  return { groups: shown, pastGroupsHidden: hidden };
}

export interface Participants {
  facts: GroupFacts;
  days: string[];
  /** Confirmed registrations, by last name then first name. */
  participants: RegistrationView[];
}

/**
 * The confirmed participants of a group, for the funder's staff (`funder`) or for the provider
 * that runs it (`provider`): each space checks its own right, so that a funder's staff never
 * read a group through « Espace organisme » nor a provider through « Pilotage ».
 */
export async function readParticipants(database: Database, acting: Acting, sessionId: string, now: Date, space: 'funder' | 'provider'): Promise<Participants> {
  const repos = repositoriesOn(database.db, database.dialect);
  const facts = await repos.registrations.groupFacts(sessionId);
  if (!facts) throw notFound('Groupe');
  const allowed =
    space === 'funder'
      ? can(acting.actor, 'funder.steer', { type: 'funder', funderId: facts.funderId })
      : facts.providerId !== null && readableProviderIds(acting).includes(facts.providerId);
  if (!allowed) throw forbidden();
  const [overview, days] = await Promise.all([readGroup(database, acting, sessionId, now), repos.registrations.daysOf(sessionId)]);
  const participants = overview.registrations
    .filter((registration) => registration.status === 'confirmed')
    .sort((a, b) => a.trainee.lastName.localeCompare(b.trainee.lastName, 'fr') || a.trainee.firstName.localeCompare(b.trainee.firstName, 'fr') || a.id.localeCompare(b.id));
  return { facts: overview.facts, days: days.map((day) => day.date), participants };
}
