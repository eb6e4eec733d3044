/**
 * Registering one or several people of an employer into a group, in one step — where
 * capacity is enforced (DESIGN.md §3): lock the group, recount, decide (confirm / pending /
 * waitlist, domain/registrations/capacity.ts), write, enqueue the mails, commit. The unique
 * index (session, trainee) is the backstop against duplicates; the idempotency key makes a
 * retried request answer the first answer instead of registering twice.
 */
import { createHash } from 'node:crypto';
import { withLocks } from '../../db/locking.js';
import { bumpChangeCounter } from '../../db/repositories/changeCounterRepository.js';
import { newId } from '../../db/ids.js';
import type { GroupFacts } from '../../db/repositories/registrationRepository.js';
import type { Trainee } from '../../db/repositories/traineeRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { sessionAvailability } from '../../domain/catalogue/sessionAvailability.js';
import { parisDateOf } from '../../domain/dates/calendarDate.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { decidePlacement, freeSeats, occupy, type GroupOccupancy, type Placement } from '../../domain/registrations/capacity.js';
import { eligibilityProblems, missingPrerequisites, needsReview } from '../../domain/registrations/eligibility.js';
import { parseEligibleProfessions } from '../../domain/registrations/professions.js';
import { waitingAheadOf } from '../../domain/registrations/waitlist.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { repositoriesOn, type Repositories } from '../repositories.js';
import { noticePlaced } from './registrationNotices.js';
import { catalogueChanged, fairShareOf, leaveOtherGroups, noticeContext, settleGroup, settleGroups, type RegistrationDeps } from './seatRecipe.js';

export const MAX_PEOPLE_PER_REQUEST = 50;
const MAX_DECLARATION_LENGTH = 2000;

export interface RegisterTraineesInput {
  sessionId: string;
  people: ReadonlyArray<{ traineeId: string; declaration?: string | null }>;
  /** Required by the API; the web form sends one per rendering of the form. */
  idempotencyKey: string | null;
}

export interface RegistrationOutcome {
  registrationId: string;
  traineeId: string;
  traineeName: string;
  status: Placement;
  /** 1-based position on the waitlist. */
  waitlistPosition: number | null;
}

export interface RegisterTraineesResult {
  sessionId: string;
  outcomes: RegistrationOutcome[];
  /** True when this answer is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export async function registerTrainees(deps: RegistrationDeps, acting: Acting, input: RegisterTraineesInput): Promise<RegisterTraineesResult> {
  const people = normalisePeople(input.people);
  const key = normaliseKey(input.idempotencyKey);
  const readRepos = repositoriesOn(deps.database.db, deps.database.dialect);
  const facts = await readRepos.registrations.groupFacts(input.sessionId);
  if (!facts || facts.trainingStatus !== 'published') throw notFound('Groupe');
  const trainees = await loadTrainees(readRepos, people.map((person) => person.traineeId));
  const employerId = trainees[0]?.employerId ?? '';
  if (!can(acting.actor, 'employer.people.manage', { type: 'employer', employerId, funderId: facts.funderId })) throw forbidden();
  const scope = `user:${actorUserId(acting) ?? 'anonymous'}`;
  const fingerprint = fingerprintOf(input.sessionId, people);

  // A retry of an answered request is answered before any check that might now fail.
  if (key !== null) {
    const stored = await readRepos.idempotency.find(scope, key);
    if (stored) return replay(stored, fingerprint);
  }
  await assertOpen(facts, deps.clock.now());
  const missingPrerequisiteCounts = await assertEligible(readRepos, facts, trainees, people, employerId);
  // Read before the lock what does not change with seats: the group's days (for the mails)
  // and who is registering (the employer's copy of each mail).
  const days = await readRepos.registrations.daysOf(facts.sessionId);
  const requester = acting.actor.kind === 'user' ? await readRepos.users.findById(acting.actor.userId) : undefined;
  const hrEmail = requester?.status === 'active' ? requester.email : null;

  const freedElsewhere: string[] = [];
  const work = withLocks(deps.database, { sessionIds: [facts.sessionId], traineeIds: people.map((person) => person.traineeId) }, async (db, locked) => {
    const repos = repositoriesOn(db, deps.database.dialect);
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    // The group may have been cancelled, closed or resized since the checks above; its row is locked now.
    const state = locked.get(facts.sessionId);
    if (!state) throw notFound('Groupe');
    const current: GroupFacts = { ...facts, status: state.status, maxTrainees: state.maxTrainees, registrationDeadline: state.registrationDeadline };
    await assertOpen(current, now);
    const active = await assertNotAlreadyIn(repos, current, trainees);

    const context = { ...noticeContext(repos, current, deps, now), days };
    const { counts } = await settleGroup(context);
    let occupancy: GroupOccupancy = { maxTrainees: current.maxTrainees, confirmed: counts.confirmed, pending: counts.pending, liveOffers: counts.liveOffers };
    const fairShare = fairShareOf(current, now);
    const employerHeld = new Map(counts.employerHeld);
    // Who waits only matters while a seat is free (with no free seat, newcomers are waitlisted anyway).
    const waiting = counts.waitlisted > 0 && freeSeats(occupancy) > 0 ? await repos.registrations.waitlist(current.sessionId) : [];
    const waitingAhead = waitingAheadOf(waiting, employerHeld, fairShare);
    let seq = counts.maxSeq;
    let waitlistLength = counts.waitlisted;
    const outcomes: RegistrationOutcome[] = [];

    for (const person of people) {
      const trainee = trainees.find((candidate) => candidate.id === person.traineeId) as Trainee;
      // Past groups do not change under this lock: the prerequisites checked above still hold.
      const missing = missingPrerequisiteCounts.get(trainee.id) ?? 0;
      const review = needsReview({ requiresApproval: current.requiresApproval, requiresJustification: current.requiresJustification, missingPrerequisites: missing, declaration: person.declaration });
      const held = employerHeld.get(employerId) ?? 0;
      const placement = decidePlacement(occupancy, { needsReview: review, employerHeld: held, fairShare, waitingAhead });
      occupancy = occupy(occupancy, placement);
      if (placement !== 'waitlisted') employerHeld.set(employerId, held + 1);
      else waitlistLength += 1;
      seq += 1;
      const id = newId();
      await repos.registrations.insert({
        id,
        session_id: current.sessionId,
        training_id: current.trainingId,
        trainee_id: trainee.id,
        employer_id: employerId,
        funder_id: current.funderId,
        status: placement,
        seq,
        requested_at: nowIso,
        requested_by: actorUserId(acting),
        declaration: person.declaration,
        status_changed_at: nowIso,
        offer_expires_at: null,
        offer_token_hash: null,
        decided_by: null,
        decision_reason: null,
        cancel_reason: null,
        is_late_cancellation: 0,
        moved_from_id: null,
        created_at: nowIso,
        updated_at: nowIso,
      });
      if (placement === 'confirmed') freedElsewhere.push(...(await leaveOtherGroups(repos, trainee.id, current.trainingId, current.sessionId, nowIso, active)));
      const position = placement === 'waitlisted' ? waitlistLength : null;
      outcomes.push({ registrationId: id, traineeId: trainee.id, traineeName: `${trainee.firstName} ${trainee.lastName}`, status: placement, waitlistPosition: position });
      await repos.audit.append(
        {
          actorUserId: actorUserId(acting),
          actorLabel: acting.label,
          ip: acting.meta.ip,
          action: `registration.${placement}`,
          entityType: 'registration',
          entityId: id,
          summary: `Inscription ${placementLabel(placement, position)} : ${trainee.firstName} ${trainee.lastName} — ${current.trainingTitle} (${current.label})`,
          details: { sessionId: current.sessionId, traineeId: trainee.id, employerId },
          funderId: current.funderId,
        },
        nowIso,
      );
    }
    for (const outcome of outcomes) {
      const trainee = trainees.find((candidate) => candidate.id === outcome.traineeId) as Trainee;
      await noticePlaced(context, outcome.registrationId, { traineeName: outcome.traineeName, traineeEmail: trainee.email, hrEmail }, outcome.status, outcome.waitlistPosition);
    }
    const answer: RegisterTraineesResult = { sessionId: current.sessionId, outcomes, replayed: false };
    // Saved last, under the lock: a twin request with the same key fails (see below) and answers this answer.
    if (key !== null) await repos.idempotency.save(scope, key, fingerprint, JSON.stringify(answer), nowIso);
    // SQLite holds the whole database's write lock anyway: the bump costs no extra commit here.
    if (deps.database.dialect === 'sqlite') await bumpChangeCounter(db, 'catalogue');
    return answer;
  });
  // A twin request with the same key that committed while this one waited for the lock makes
  // this one fail (the person is already registered, or the key is taken): answer the twin's answer.
  const result = await work.catch(async (error: unknown) => {
    const stored = key !== null ? await readRepos.idempotency.find(scope, key) : undefined;
    if (stored) return replay(stored, fingerprint);
    throw error;
  });
  if (!result.replayed) {
    if (deps.database.dialect !== 'sqlite') await catalogueChanged(deps.database);
    if (freedElsewhere.length > 0) await settleGroups(deps, freedElsewhere);
  }
  return result;
}

function placementLabel(placement: Placement, position: number | null): string {
  if (placement === 'confirmed') return 'confirmée';
  if (placement === 'pending') return 'en attente de validation';
  return `en liste d’attente (position ${position ?? '?'})`;
}

function normalisePeople(people: RegisterTraineesInput['people']): Array<{ traineeId: string; declaration: string | null }> {
  if (people.length === 0) throw new DomainError('VALIDATION_FAILED', 'Choisissez au moins une personne à inscrire.', { fields: { people: 'Choisissez au moins une personne.' } });
  if (people.length > MAX_PEOPLE_PER_REQUEST) {
    throw new DomainError('VALIDATION_FAILED', `Au plus ${MAX_PEOPLE_PER_REQUEST} personnes par inscription : faites-en plusieurs.`, { fields: { people: 'Trop de personnes.' } });
  }
  const ids = new Set<string>();
  return people.map((person) => {
    if (ids.has(person.traineeId)) throw new DomainError('VALIDATION_FAILED', 'La même personne est choisie deux fois.', { fields: { people: 'Personne en double.' } });
    ids.add(person.traineeId);
    const declaration = person.declaration?.trim() ?? '';
    if (declaration.length > MAX_DECLARATION_LENGTH) {
      throw new DomainError('VALIDATION_FAILED', `La justification dépasse ${MAX_DECLARATION_LENGTH} caractères.`, { fields: { declaration: 'Trop longue.' } });
    }
    return { traineeId: person.traineeId, declaration: declaration === '' ? null : declaration };
  });
}

function normaliseKey(key: string | null): string | null {
  if (key === null) return null;
  const trimmed = key.trim();
  if (!/^[\w.:-]{8,200}$/.test(trimmed)) {
    throw new DomainError('VALIDATION_FAILED', 'La clé d’idempotence doit compter 8 à 200 caractères (lettres, chiffres, « - », « _ », « . », « : »).', { fields: { idempotencyKey: 'Clé invalide.' } });
  }
  return trimmed;
}

function fingerprintOf(sessionId: string, people: ReadonlyArray<{ traineeId: string; declaration: string | null }>): string {
  return createHash('sha256').update(JSON.stringify({ sessionId, people })).digest('hex');
}

function replay(stored: { fingerprint: string; response: string }, fingerprint: string): RegisterTraineesResult {
  if (stored.fingerprint !== fingerprint) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'Cette clé d’idempotence a déjà servi pour une autre demande : utilisez une nouvelle clé pour chaque inscription.');
  }
  return { ...(JSON.parse(stored.response) as RegisterTraineesResult), replayed: true };
}

async function loadTrainees(repos: Repositories, ids: string[]): Promise<Trainee[]> {
  const trainees = await repos.trainees.findManyByIds(ids);
  if (trainees.length !== ids.length) throw notFound('Personne');
  const employers = new Set(trainees.map((trainee) => trainee.employerId));
  if (employers.size !== 1) throw new DomainError('VALIDATION_FAILED', 'Les personnes inscrites ensemble doivent appartenir au même établissement.', { fields: { people: 'Établissements différents.' } });
  return ids.map((id) => trainees.find((trainee) => trainee.id === id) as Trainee);
}

export async function assertOpen(facts: GroupFacts, now: Date): Promise<void> {
  const availability = sessionAvailability(
    { status: facts.status, dates: [facts.firstDate, facts.lastDate].filter((date): date is string => date !== null), registrationDeadline: facts.registrationDeadline, maxTrainees: 1, confirmed: 0, pending: 0, liveOffers: 0 },
    parisDateOf(now),
    now,
  );
  const reasons: Partial<Record<typeof availability.kind, string>> = {
    cancelled: 'Ce groupe a été annulé par le financeur : choisissez un autre groupe de cette formation.',
    past: 'Ce groupe a déjà eu lieu : choisissez un groupe à venir.',
    in_progress: 'Ce groupe a déjà commencé : les inscriptions sont closes. Choisissez un autre groupe.',
    closed: 'La date limite d’inscription à ce groupe est passée : choisissez un autre groupe, ou contactez le financeur.',
  };
  const reason = reasons[availability.kind];
  if (reason) throw new DomainError('REGISTRATION_CLOSED', reason);
}

/** Refuses ineligible people; returns, per person, how many prerequisite modules they lack (declared ones need review). */
async function assertEligible(repos: Repositories, facts: GroupFacts, trainees: Trainee[], people: Array<{ traineeId: string; declaration: string | null }>, employerId: string): Promise<Map<string, number>> {
  const employer = await repos.organisations.findOrganisation('employer', employerId);
  const history = facts.requiredTrainings.length === 0 ? [] : await repos.registrations.confirmedHistory(trainees.map((trainee) => trainee.id));
  const problems: Array<{ code: string; message: string }> = [];
  const missingCounts = new Map<string, number>();
  for (const person of people) {
    const trainee = trainees.find((candidate) => candidate.id === person.traineeId) as Trainee;
    const missing = missingPrerequisites(
      facts.requiredTrainings.map((required) => required.id),
      history.filter((past) => past.traineeId === trainee.id),
      facts.firstDate,
    );
    missingCounts.set(trainee.id, missing.length);
    problems.push(
      ...eligibilityProblems({
        traineeName: `${trainee.firstName} ${trainee.lastName}`,
        traineeActive: trainee.isActive,
        profession: trainee.profession,
        eligibleProfessions: parseEligibleProfessions(facts.eligibleProfessions),
        employerActive: employer?.isActive ?? false,
        employerIsMember: employer?.funderId === facts.funderId,
        missingPrerequisiteTitles: facts.requiredTrainings.filter((required) => missing.includes(required.id)).map((required) => required.title),
        requiresJustification: facts.requiresJustification,
        declaration: person.declaration,
      }),
    );
  }
  if (problems.length === 0) return missingCounts;
  const unique = [...new Set(problems.map((problem) => problem.message))];
  const code = problems.some((problem) => problem.code === 'NOT_ELIGIBLE') ? 'NOT_ELIGIBLE' : 'PREREQUISITE_MISSING';
  throw new DomainError(code, unique.join(' '), { problems: unique });
}

/** Returns the people's active registrations in the training (read once, reused after). */
async function assertNotAlreadyIn(repos: Repositories, facts: GroupFacts, trainees: Trainee[]) {
  const active = await repos.registrations.activeInTraining(
    trainees.map((trainee) => trainee.id),
    facts.trainingId,
  );
  const problems: string[] = [];
  for (const registration of active) {
    const trainee = trainees.find((candidate) => candidate.id === registration.traineeId);
    const name = trainee ? `${trainee.firstName} ${trainee.lastName}` : 'Cette personne';
    if (registration.sessionId === facts.sessionId) {
      problems.push(`${name} est déjà inscrit·e à ce groupe${registration.status === 'waitlisted' ? ' (liste d’attente)' : ''} : retrouvez l’inscription dans « Mes inscriptions ».`);
    } else if (registration.status !== 'waitlisted') {
      problems.push(`${name} a déjà une place dans un autre groupe de cette formation : annulez-la d’abord, ou demandez au financeur un changement de groupe.`);
    }
  }
  if (problems.length > 0) throw new DomainError('ALREADY_REGISTERED', problems.join(' '), { problems });
  return active;
}
