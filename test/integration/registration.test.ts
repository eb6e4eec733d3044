/**
 * The registration use cases on the real database (SQLite, and PostgreSQL when configured):
 * capacity, waitlist and offers, approvals, fair share, prerequisites, idempotency, moves,
 * group cancellation, the jobs. Concurrency across processes: registrationConcurrency.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRegistrationJobs } from '../../src/jobs/registrationJobs.js';
import { showSession } from '../../src/use-cases/showSession.js';
import { eraseTrainee, exportTraineeData } from '../../src/use-cases/registrations/traineePersonalData.js';
import { answerOffer } from '../../src/use-cases/registrations/answerOffer.js';
import { cancelRegistration } from '../../src/use-cases/registrations/cancelRegistration.js';
import { decideRegistration } from '../../src/use-cases/registrations/decideRegistration.js';
import { cancelGroup, maintainGroup } from '../../src/use-cases/registrations/groupDecisions.js';
import { moveRegistration } from '../../src/use-cases/registrations/moveRegistration.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
import { updateRegistrationSettings } from '../../src/use-cases/registrations/registrationSettings.js';
import { listGroupsBelowMinimum } from '../../src/use-cases/registrations/registrationQueries.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld, type RegistrationWorld } from '../support/registrationWorld.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const NOW = '2026-11-25T09:00:00Z';

describe.each(TEST_DIALECTS)('registration use cases (%s)', (dialect) => {
  let test: TestDatabase;
  let world: RegistrationWorld;
  const clock = fixedClock(NOW);

  beforeEach(async () => {
    clock.set(NOW);
    test = await createTestDatabase(dialect);
    world = await buildRegistrationWorld(test.database, clock);
  }, 60_000);

  afterEach(async () => {
    await test.cleanup();
  });

  const statuses = async (sessionId: string) =>
    (await test.database.db.selectFrom('registrations').select(['trainee_id', 'status', 'seq']).where('session_id', '=', sessionId).orderBy('seq').execute()).map((row) => [row.trainee_id, row.status]);
  const mailsOf = (kind: string) => test.database.db.selectFrom('outbox').selectAll().where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
  const register = (traineeIds: string[], sessionId: string, key: string | null = null, acting = world.hr) =>
    registerTrainees(world.deps, acting, { sessionId, people: traineeIds.map((traineeId) => ({ traineeId })), idempotencyKey: key });

  it('confirms up to the maximum, then waitlists with positions, and mails each outcome', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 2);
    const people = await world.addStaff(4);
    const result = await register(people, group);
    expect(result.outcomes.map((outcome) => [outcome.status, outcome.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    expect(await mailsOf('registration.convocation')).toHaveLength(2);
    const convocation = (await mailsOf('registration.convocation'))[0];
    expect(convocation?.attachments).toContain('convocation_ics');
    expect(await mailsOf('registration.waitlisted')).toHaveLength(2);
    expect((await mailsOf('registration.waitlisted'))[0]?.text_body).toContain('position 1');
  });

  it('offers a freed seat to the first waitlisted person; accepting confirms, declining passes it on', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 1);
    const [first, second, third] = await world.addStaff(3);
    const result = await register([first as string, second as string, third as string], group);
    await cancelRegistration(world.deps, world.hr, result.outcomes[0]?.registrationId as string);
    expect(await statuses(group)).toEqual([
      [first, 'cancelled'],
      [second, 'offered'],
      [third, 'waitlisted'],
    ]);
    const offerMail = (await mailsOf('registration.offer'))[0];
    expect(offerMail?.funder_id).toBeNull();
    const token = /\/offres\/([\w-]+)/.exec(offerMail?.text_body ?? '')?.[1] as string;
    await answerOffer(world.deps, world.hr, { kind: 'token', token }, 'decline');
    expect(await statuses(group)).toEqual([
      [first, 'cancelled'],
      [second, 'cancelled'],
      [third, 'offered'],
    ]);
    await expect(answerOffer(world.deps, world.hr, { kind: 'token', token }, 'accept')).rejects.toMatchObject({ code: 'OFFER_UNAVAILABLE' });
    const thirdId = result.outcomes[2]?.registrationId as string;
    expect(await answerOffer(world.deps, world.hr, { kind: 'acting', registrationId: thirdId }, 'accept')).toEqual({ registrationId: thirdId, status: 'confirmed' });
    expect((await statuses(group)).at(-1)).toEqual([third, 'confirmed']);
  });

  it('expires unanswered offers after 48 h (past the weekend) and passes them to the next person', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 1);
    const people = await world.addStaff(3);
    const result = await register(people, group);
    await cancelRegistration(world.deps, world.hr, result.outcomes[0]?.registrationId as string);
    const offered = await test.database.db.selectFrom('registrations').select('offer_expires_at').where('status', '=', 'offered').executeTakeFirstOrThrow();
    // 2026-11-25 is a Wednesday: 48 h later is Friday, a working day.
    expect(offered.offer_expires_at).toBe('2026-11-27T09:00:00.000Z');
    clock.set('2026-11-27T09:01:00Z');
    const jobs = await runRegistrationJobs(world.deps);
    expect(jobs.offered).toBe(1);
    expect((await statuses(group)).map((row) => row[1])).toEqual(['cancelled', 'expired', 'offered']);
    expect(await mailsOf('registration.offer_expired')).toHaveLength(1);
  });

  it('holds a seat while the funder validates; approving confirms, rejecting frees it for the waitlist', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 1);
    await updateRegistrationSettings(world.deps, world.manager, world.moduleOne.trainingId, { requiresApproval: true, eligibleProfessions: [], requiresJustification: false, employerCap: '', capReleaseDays: '' });
    const people = await world.addStaff(2);
    const result = await register(people, group);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['pending', 'waitlisted']);
    await expect(decideRegistration(world.deps, world.manager, result.outcomes[0]?.registrationId as string, { kind: 'reject', reason: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await decideRegistration(world.deps, world.manager, result.outcomes[0]?.registrationId as string, { kind: 'reject', reason: 'Public hors périmètre' });
    expect((await mailsOf('registration.rejected'))[0]?.text_body).toContain('Public hors périmètre');
    expect((await statuses(group)).map((row) => row[1])).toEqual(['rejected', 'offered']);
    // The employer accepts: the funder still validates.
    const accepted = await answerOffer(world.deps, world.hr, { kind: 'acting', registrationId: result.outcomes[1]?.registrationId as string }, 'accept');
    expect(accepted.status).toBe('pending');
    await decideRegistration(world.deps, world.manager, accepted.registrationId, { kind: 'approve' });
    expect((await statuses(group)).map((row) => row[1])).toEqual(['rejected', 'confirmed']);
    await expect(decideRegistration(world.deps, world.hr, accepted.registrationId, { kind: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('caps seats per employer until the release date (fair share), then offers them', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 4);
    await updateRegistrationSettings(world.deps, world.manager, world.moduleOne.trainingId, { requiresApproval: false, eligibleProfessions: [], requiresJustification: false, employerCap: '2', capReleaseDays: '5' });
    const big = await world.addStaff(3);
    const small = await world.addStaff(1, { employerId: world.fixture.otherEmployerId });
    const first = await register(big, group);
    expect(first.outcomes.map((outcome) => outcome.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const second = await register(small, group, null, world.otherHr);
    expect(second.outcomes[0]?.status).toBe('confirmed');
    // Release: 5 days before the deadline, the capped person gets the seat left.
    const deadline = await test.database.db.selectFrom('sessions').select('registration_deadline').where('id', '=', group).executeTakeFirstOrThrow();
    clock.set(new Date(new Date(deadline.registration_deadline as string).getTime() - 4 * 86_400_000).toISOString());
    await runRegistrationJobs(world.deps);
    expect((await statuses(group)).map((row) => row[1])).toEqual(['confirmed', 'confirmed', 'offered', 'confirmed']);
  });

  it('refuses closed groups, ineligible professions, duplicates and missing prerequisites, writing nothing', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const [person] = await world.addStaff(1);
    await register([person as string], group);
    const before = await test.database.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(register([person as string], group)).rejects.toMatchObject({ code: 'ALREADY_REGISTERED', message: expect.stringContaining('déjà inscrit') });
    await expect(register([person as string], world.moduleOne.groupIds[1] as string)).rejects.toMatchObject({ code: 'ALREADY_REGISTERED' });
    await expect(register([person as string], world.moduleTwo.groupIds[0] as string)).resolves.toBeDefined();

    const [nurse] = await world.addStaff(1, { profession: 'infirmier' });
    await updateRegistrationSettings(world.deps, world.manager, world.moduleOne.trainingId, { requiresApproval: false, eligibleProfessions: ['educateur_specialise', 'cesf'], requiresJustification: false, employerCap: '', capReleaseDays: '' });
    await expect(register([nurse as string], group)).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', message: expect.stringContaining('Infirmier') });

    const [newcomer] = await world.addStaff(1);
    await expect(register([newcomer as string], world.moduleTwo.groupIds[0] as string)).rejects.toMatchObject({ code: 'PREREQUISITE_MISSING' });
    const declared = await registerTrainees(world.deps, world.hr, { sessionId: world.moduleTwo.groupIds[0] as string, people: [{ traineeId: newcomer as string, declaration: 'Module 1 suivi en 2025 (attestation jointe au dossier)' }], idempotencyKey: null });
    expect(declared.outcomes[0]?.status).toBe('pending');

    clock.set('2027-12-01T09:00:00Z');
    const [late] = await world.addStaff(1);
    await expect(register([late as string], group)).rejects.toMatchObject({ code: 'REGISTRATION_CLOSED' });
    const after = await test.database.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 2);
  });

  it('answers a retried request with the first answer, and refuses a key reused for another request', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const [person, other] = await world.addStaff(2);
    const first = await register([person as string], group, 'cle-inscription-0001');
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const again = await register([person as string], group, 'cle-inscription-0001');
      expect(again.replayed).toBe(true);
      expect(again.outcomes).toEqual(first.outcomes);
    }
    await expect(register([other as string], group, 'cle-inscription-0001')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await statuses(group)).toHaveLength(1);
  });

  it('moves a person atomically; the seat left behind goes to that group’s waitlist', async () => {
    const [source, target] = world.moduleOne.groupIds as [string, string];
    await world.setCapacity(source, 1);
    const [mover, waiting] = await world.addStaff(2);
    const result = await register([mover as string, waiting as string], source);
    const moved = await moveRegistration(world.deps, world.manager, result.outcomes[0]?.registrationId as string, target);
    expect((await statuses(source)).map((row) => row[1])).toEqual(['cancelled', 'offered']);
    expect(await statuses(target)).toEqual([[mover, 'confirmed']]);
    const row = await test.database.db.selectFrom('registrations').select('moved_from_id').where('id', '=', moved.registrationId).executeTakeFirstOrThrow();
    expect(row.moved_from_id).toBe(result.outcomes[0]?.registrationId);
    await world.setCapacity(target, 1);
    const [blocked] = await world.addStaff(1);
    const other = await register([blocked as string], world.moduleOne.groupIds[2] as string);
    await expect(moveRegistration(world.deps, world.manager, other.outcomes[0]?.registrationId as string, target)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('asks the funder « maintien ou annulation » below the minimum; cancelling notifies everyone', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 15, 8);
    const people = await world.addStaff(2);
    await register(people, group);
    const first = await test.database.db.selectFrom('session_days').select('date').where('session_id', '=', group).orderBy('date').executeTakeFirstOrThrow();
    // 20 days before the first day: within the default 21-day horizon.
    clock.set(new Date(new Date(`${first.date}T09:00:00Z`).getTime() - 20 * 86_400_000).toISOString());
    const jobs = await runRegistrationJobs(world.deps);
    expect(jobs.alerts).toBeGreaterThanOrEqual(1);
    expect((await mailsOf('group.minimum_alert')).map((mail) => mail.recipient).sort()).toEqual(['admin@opco.example', 'chargee@opco.example']);
    expect((await runRegistrationJobs(world.deps)).alerts).toBe(0);
    const below = await listGroupsBelowMinimum(test.database, world.manager, world.fixture.funderId, clock.now().toISOString().slice(0, 10));
    expect(below.map((entry) => entry.sessionId)).toContain(group);

    await cancelGroup(world.deps, world.manager, group, 'Trop peu d’inscrits');
    expect((await statuses(group)).map((row) => row[1])).toEqual(['cancelled', 'cancelled']);
    const mails = await mailsOf('registration.group_cancelled');
    expect(mails.length).toBe(4);
    expect(mails[0]?.text_body).toContain('Autres groupes de cette formation');
    await expect(register(await world.addStaff(1), group)).rejects.toMatchObject({ code: 'REGISTRATION_CLOSED' });
    await expect(maintainGroup(world.deps, world.manager, group)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('reminds confirmed trainees once, a week before the first day', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const people = await world.addStaff(2);
    await register(people, group);
    const first = await test.database.db.selectFrom('session_days').select('date').where('session_id', '=', group).orderBy('date').executeTakeFirstOrThrow();
    clock.set(new Date(new Date(`${first.date}T09:00:00Z`).getTime() - 8 * 86_400_000).toISOString());
    expect((await runRegistrationJobs(world.deps)).reminders).toBe(0);
    clock.set(new Date(new Date(`${first.date}T09:00:00Z`).getTime() - 6 * 86_400_000).toISOString());
    expect((await runRegistrationJobs(world.deps)).reminders).toBe(2);
    expect((await runRegistrationJobs(world.deps)).reminders).toBe(0);
    expect((await mailsOf('registration.reminder'))[0]?.text_body).toMatch(/9 h 00 – 12 h 30/);
  });

  it('exports a staff member’s data and erases it once nothing is in progress', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const [person] = await world.addStaff(1);
    const result = await register([person as string], group);
    const exported = await exportTraineeData(test.database, clock, world.hr, person as string);
    expect(exported.person.email).toContain('@structure.example');
    expect(exported.registrations).toHaveLength(1);
    await expect(exportTraineeData(test.database, clock, world.otherHr, person as string)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(eraseTrainee(test.database, clock, world.hr, person as string)).rejects.toMatchObject({ code: 'CONFLICT' });
    await cancelRegistration(world.deps, world.hr, result.outcomes[0]?.registrationId as string);
    await eraseTrainee(test.database, clock, world.hr, person as string);
    const row = await test.database.db.selectFrom('trainees').selectAll().where('id', '=', person as string).executeTakeFirstOrThrow();
    expect([row.first_name, row.last_name, row.email.startsWith('efface-'), row.erased_at !== null]).toEqual(['Personne', 'effacée', true, true]);
    const audit = await test.database.db.selectFrom('audit_log').select('summary').where('action', '=', 'trainee.erased').executeTakeFirstOrThrow();
    expect(audit.summary).not.toContain(exported.person.lastName);
    expect(await test.database.db.selectFrom('registrations').select('status').where('trainee_id', '=', person as string).execute()).toEqual([{ status: 'cancelled' }]);
  });

  it('records a cancellation after the deadline as late, and shows real seats in the catalogue', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const [person] = await world.addStaff(1);
    const result = await register([person as string], group);
    expect((await showSession(test.database, clock, group)).session.seatsLeft).toBe(14);
    const deadline = await test.database.db.selectFrom('sessions').select('registration_deadline').where('id', '=', group).executeTakeFirstOrThrow();
    clock.set(new Date(new Date(deadline.registration_deadline as string).getTime() + 3_600_000).toISOString());
    expect(await cancelRegistration(world.deps, world.hr, result.outcomes[0]?.registrationId as string)).toMatchObject({ late: true });
    await expect(cancelRegistration(world.deps, world.otherHr, result.outcomes[0]?.registrationId as string)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
