/**
 * « Pilotage » through the real app, signed in as the demo funder staff (manager and admin):
 * the overview, the validation queue, moves, « maintien ou annulation », a training's rules and
 * the participants' CSV, on the demo catalogue (groups dated from the clock's today). Tests that
 * count or cancel work in a group of their own, so that none depends on another's records.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationStatus } from '../../src/db/schema.js';
import { STANDARD_HALF_DAYS } from '../../src/domain/catalogue/halfDaySchedule.js';
import { addDays, parisDateOf } from '../../src/domain/dates/calendarDate.js';
import { parisLocalToInstant } from '../../src/domain/dates/parisTime.js';
import { addStaffMember } from '../../src/use-cases/registrations/manageStaff.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld, type RegistrationWorld } from '../support/registrationWorld.js';
import { signIn, type Browser } from '../support/signedIn.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const TODAY = '2026-03-10T09:00:00Z';

describe.each(TEST_DIALECTS)('pilotage pages on %s', (dialect) => {
  const clock = fixedClock(TODAY);
  let test: TestDatabase;
  let world: RegistrationWorld;
  let app: FastifyInstance;
  let manager: Browser;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    world = await buildRegistrationWorld(test.database, clock);
    app = await buildTestApp(test.database, clock);
    manager = await signIn(app, 'chargee@opco.example');
  });
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  const db = () => test.database.db;
  const moduleTwoGroup = () => world.moduleTwo.groupIds[0] as string;

  /** A two-day Module 1 group of its own, starting `daysAhead` days from today; registrations close 15 days before. */
  async function newGroup(label: string, city: string, options: { daysAhead?: number; max?: number; min?: number } = {}): Promise<string> {
    const first = addDays(parisDateOf(clock.now()), options.daysAhead ?? 45);
    const position = Number(label.replace(/\D/g, ''));
    const at = clock.now().toISOString();
    await repositoriesOn(db(), test.database.dialect).trainings.upsertSessions(
      world.moduleOne.trainingId,
      [
        {
          label,
          position,
          venueName: null,
          address: null,
          postcode: null,
          city,
          minTrainees: options.min ?? Math.min(options.max ?? 15, 8),
          maxTrainees: options.max ?? 15,
          registrationDeadline: parisLocalToInstant(addDays(first, -15), '23:59').toISOString(),
          status: 'planned',
          isDemo: true,
          days: [first, addDays(first, 1)].map((date) => ({ date, halfDays: [...STANDARD_HALF_DAYS] })),
        },
      ],
      at,
    );
    return (await db().selectFrom('sessions').select('id').where('training_id', '=', world.moduleOne.trainingId).where('label', '=', label).executeTakeFirstOrThrow()).id;
  }

  async function register(sessionId: string, traineeIds: string[], declaration?: string) {
    const result = await registerTrainees(world.deps, world.hr, { sessionId, people: traineeIds.map((traineeId) => ({ traineeId, declaration })), idempotencyKey: null });
    return result.outcomes.map((outcome) => ({ id: outcome.registrationId, status: outcome.status }));
  }

  async function registration(id: string) {
    return db().selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function statusOf(id: string): Promise<RegistrationStatus> {
    return (await registration(id)).status;
  }

  async function mailsAbout(kind: string, traineeIds: string[]) {
    const people = await db().selectFrom('trainees').select(['first_name', 'last_name']).where('id', 'in', traineeIds).execute();
    const rows = await db().selectFrom('outbox').select(['recipient', 'text_body']).where('kind', '=', kind).orderBy('recipient').execute();
    return rows.filter((row) => people.some((person) => row.text_body.includes(`${person.first_name} ${person.last_name}`)));
  }

  it('shows every published training with its groups and counts, and what waits for a decision', async () => {
    const group = await newGroup('Groupe 11', 'Douai', { max: 2 });
    expect((await register(group, await world.addStaff(3))).map((outcome) => outcome.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    await register(moduleTwoGroup(), await world.addStaff(1), 'Module 1 suivi en 2024 avec un autre organisme.');

    const page = await manager.get('/pilotage');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('La pratique de l’Aller Vers les publics – Module 1');
    expect(page.body).toContain('Module 2');
    // After the dates: min. / max., confirmed, to validate, offers, waitlist, free seats; then the state.
    const row = new RegExp(`<tr><th scope="row"><a href="/pilotage/groupes/${group}">Groupe 11 — Douai</a></th>(.*?)</tr>`).exec(page.body)?.[1] ?? '';
    expect(row).toMatch(/^<td class="steering-dates">les \d+ &amp; \d+ [a-zéû]+ 2026<\/td>/);
    const cells = [...row.matchAll(/<td>(.*?)<\/td>/g)].map((match) => match[1]);
    expect(cells.slice(0, 6)).toEqual(['2 / 2', '2', '0', '0', '1', '0']);
    expect(row).toContain('Complet');
    const pending = await db().selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(page.body).toContain(`${Number(pending.n)} ${Number(pending.n) > 1 ? 'inscriptions attendent' : 'inscription attend'} votre validation`);
    // The fiche's own groups (2022) are left out until asked for.
    expect(page.body).not.toContain('Terminé');
    expect((await manager.get('/pilotage?passes=1')).body).toContain('Terminé');
  });

  it('validates and refuses from the queue, the refusal needing a reason sent to the employer', async () => {
    const people = await world.addStaff(2);
    const [first, second] = await register(moduleTwoGroup(), people, 'Module 1 suivi en 2024 avec un autre organisme.');
    expect([first?.status, second?.status]).toEqual(['pending', 'pending']);
    const firstId = first?.id as string;
    const secondId = second?.id as string;

    const queue = await manager.get('/pilotage/validations');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Module 1 suivi en 2024 avec un autre organisme.');
    expect(queue.body).toContain(`action="/pilotage/inscriptions/${firstId}/valider"`);

    const approved = await manager.post(`/pilotage/inscriptions/${firstId}/valider`, { retour: 'validations' });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe('/pilotage/validations?ok=inscription-validee');
    expect(await statusOf(firstId)).toBe('confirmed');
    expect((await manager.get(String(approved.headers.location))).body).toContain('L’inscription est validée');

    const refused = await manager.post(`/pilotage/inscriptions/${secondId}/refuser`, { retour: 'validations', reason: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(`id="refus-${secondId}-erreur"`);
    expect(refused.body).toContain('Indiquez le motif du refus');
    expect(refused.body).toMatch(new RegExp(`<textarea id="refus-${secondId}"[^>]*aria-invalid="true"`));
    expect(await statusOf(secondId)).toBe('pending');

    const reason = 'Le public visé est celui des travailleurs sociaux de terrain : proposez plutôt le module « Encadrer ».';
    const rejected = await manager.post(`/pilotage/inscriptions/${secondId}/refuser`, { retour: 'validations', reason });
    expect(rejected.statusCode).toBe(303);
    expect(await registration(secondId)).toMatchObject({ status: 'rejected', decision_reason: reason });
    const rejectionMails = await mailsAbout('registration.rejected', [people[1] as string]);
    expect(rejectionMails.map((mail) => mail.recipient)).toEqual(['rh@tilleuls.example']);
    expect(rejectionMails[0]?.text_body).toContain('proposez plutôt le module');

    const after = (await manager.get('/pilotage/validations')).body;
    expect(after).not.toContain(`/pilotage/inscriptions/${firstId}/valider`);
    expect(after).not.toContain(`/pilotage/inscriptions/${secondId}/valider`);
    // Approving it again from a stale page changes nothing and says why.
    const stale = await manager.post(`/pilotage/inscriptions/${secondId}/valider`, { retour: 'validations' });
    expect(stale.headers.location).toBe('/pilotage/validations?alerte=deja-traitee');
    expect(await statusOf(secondId)).toBe('rejected');
    expect((await manager.get(String(stale.headers.location))).body).toContain('Cette inscription a changé entre-temps');
  });

  it('moves a confirmed person to another group, offering the freed seat to the waitlist in the same step', async () => {
    const source = await newGroup('Groupe 12', 'Lens', { max: 2 });
    const target = await newGroup('Groupe 13', 'Béthune');
    const people = await world.addStaff(3);
    const [moving, staying, waiting] = await register(source, people);
    expect(waiting?.status).toBe('waitlisted');
    const movingId = moving?.id as string;

    const groupPage = await manager.get(`/pilotage/groupes/${source}`);
    expect(groupPage.statusCode).toBe(200);
    expect(groupPage.body).toContain(`<select id="deplacer-${movingId}" name="targetSessionId"`);
    expect(groupPage.body).toContain(`<option value="${target}">Groupe 13 — Béthune`);

    const empty = await manager.post(`/pilotage/inscriptions/${movingId}/deplacer`, { targetSessionId: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(`id="deplacer-${movingId}-erreur"`);
    expect(empty.body).toMatch(new RegExp(`<details class="steering-more" open`));
    const same = await manager.post(`/pilotage/inscriptions/${movingId}/deplacer`, { targetSessionId: source });
    expect(same.statusCode).toBe(422);
    expect(same.body).toContain('La personne est déjà dans ce groupe.');

    const moved = await manager.post(`/pilotage/inscriptions/${movingId}/deplacer`, { targetSessionId: target });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`/pilotage/groupes/${source}?ok=inscription-deplacee`);
    expect(await registration(movingId)).toMatchObject({ status: 'cancelled', cancel_reason: 'moved' });
    const inTarget = await db().selectFrom('registrations').select(['status', 'moved_from_id']).where('session_id', '=', target).where('trainee_id', '=', people[0] as string).executeTakeFirstOrThrow();
    expect(inTarget).toEqual({ status: 'confirmed', moved_from_id: movingId });
    expect(await statusOf(staying?.id as string)).toBe('confirmed');
    expect(await statusOf(waiting?.id as string)).toBe('offered');
    expect((await mailsAbout('registration.offer', [people[2] as string])).length).toBe(1);

    const after = await manager.get(String(moved.headers.location));
    expect(after.body).toContain('La personne a changé de groupe');
    expect(after.body).toContain('Déplacée dans un autre groupe');
    expect(after.body).toContain('Places proposées (1)');

    // A full group is refused next to the select, and nothing moves.
    const full = await newGroup('Groupe 14', 'Calais', { max: 1 });
    await register(full, await world.addStaff(1));
    const refused = await manager.post(`/pilotage/inscriptions/${staying?.id as string}/deplacer`, { targetSessionId: full });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('est complet');
    expect(await statusOf(staying?.id as string)).toBe('confirmed');
  });

  it('cancels a registration, late after the deadline, and shows it in the history', async () => {
    const group = await newGroup('Groupe 15', 'Dunkerque', { max: 1 });
    const [confirmed, waiting] = await register(group, await world.addStaff(2));
    // Registrations closed 15 days before the first day (45 days ahead): 35 days later is after the deadline.
    clock.set('2026-04-14T09:00:00Z');
    try {
      const later = await signIn(app, 'chargee@opco.example');
      const cancelled = await later.post(`/pilotage/inscriptions/${confirmed?.id as string}/annuler`, { reason: 'Arrêt maladie' });
      expect(cancelled.statusCode).toBe(303);
      expect(cancelled.headers.location).toBe(`/pilotage/groupes/${group}?ok=inscription-annulee-tardive`);
      expect(await registration(confirmed?.id as string)).toMatchObject({ status: 'cancelled', cancel_reason: 'funder', is_late_cancellation: 1, decision_reason: 'Arrêt maladie' });
      expect(await statusOf(waiting?.id as string)).toBe('offered');
      const page = (await later.get(String(cancelled.headers.location))).body;
      expect(page).toContain('annulation tardive');
      expect(page).toContain('(tardive)');
      expect(page).toContain('Annulée par le financeur — motif : Arrêt maladie');
    } finally {
      clock.set(TODAY);
    }
  });

  it('cancels a group after a confirmation with a reason, telling everyone registered or waiting', async () => {
    const group = await newGroup('Groupe 16', 'Boulogne-sur-Mer', { max: 2 });
    const people = await world.addStaff(3);
    const outcomes = await register(group, people);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);

    const confirmation = await manager.get(`/pilotage/groupes/${group}/annuler`);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('3 inscriptions en cours seront annulées');
    const noReason = await manager.post(`/pilotage/groupes/${group}/annuler`, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('id="motif-annulation-erreur"');
    expect((await db().selectFrom('sessions').select('status').where('id', '=', group).executeTakeFirstOrThrow()).status).toBe('planned');

    const done = await manager.post(`/pilotage/groupes/${group}/annuler`, { reason: 'Trop peu d’inscriptions à trois semaines du début.' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/pilotage/groupes/${group}?ok=groupe-annule`);
    expect((await db().selectFrom('sessions').select('status').where('id', '=', group).executeTakeFirstOrThrow()).status).toBe('cancelled');
    for (const outcome of outcomes) expect(await registration(outcome.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'group_cancelled' });
    // The employer's contact for each of the three registrations, and each of the two confirmed people.
    const notified = await mailsAbout('registration.group_cancelled', people);
    expect(notified.length).toBe(5);
    expect(notified.filter((mail) => mail.recipient === 'rh@tilleuls.example').length).toBe(3);
    expect(notified.every((mail) => mail.text_body.includes('Trop peu d’inscriptions'))).toBe(true);

    const page = (await manager.get(String(done.headers.location))).body;
    expect(page).toContain('Annulé le');
    expect(page).not.toContain('Annuler l’inscription');
    const again = await manager.post(`/pilotage/groupes/${group}/annuler`, { reason: 'Deuxième fois' });
    expect(again.headers.location).toBe(`/pilotage/groupes/${group}?alerte=groupe-deja-annule`);
  });

  it('lists the groups under their minimum near their start, and keeps one when told to', async () => {
    // Within the funder's 21-day horizon with nobody confirmed; the demo groups start 40 days or more ahead.
    const group = await newGroup('Groupe 17', 'Maubeuge', { daysAhead: 10 });
    const decisions = await manager.get('/pilotage/decisions');
    expect(decisions.statusCode).toBe(200);
    expect(decisions.body).toContain('Groupe 17 — Maubeuge');
    expect(decisions.body).not.toContain('Groupe 6 — Amiens');
    expect((await manager.get('/pilotage')).body).toMatch(/Groupe 17 — Maubeuge<\/a><\/th>.*?Décision à prendre/);

    const kept = await manager.post(`/pilotage/groupes/${group}/maintenir`, { retour: 'decisions' });
    expect(kept.statusCode).toBe(303);
    expect(kept.headers.location).toBe('/pilotage/decisions?ok=groupe-maintenu');
    expect((await db().selectFrom('sessions').select('maintained_at').where('id', '=', group).executeTakeFirstOrThrow()).maintained_at).not.toBeNull();
    const after = await manager.get(String(kept.headers.location));
    expect(after.body).toContain('Le groupe est maintenu');
    expect(after.body).not.toContain('Groupe 17 — Maubeuge');
    expect((await manager.get(`/pilotage/groupes/${group}`)).body).toContain('Maintenu le');
  });

  it('saves a training’s registration rules, refusing a bad value next to its field', async () => {
    // Module 2: its registrations here wait for validation anyway (a declared prerequisite).
    const admin = await signIn(app, 'admin@opco.example');
    const path = `/pilotage/formations/${world.moduleTwo.trainingId}/inscriptions`;
    expect((await admin.get(path)).statusCode).toBe(200);

    const refused = await admin.post(path, { requiresApproval: 'oui', employerCap: 'trois', capReleaseDays: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="plafond-erreur"');
    expect(refused.body).toContain('Un nombre de places entre 1 et 100');
    // What was typed is kept.
    expect(refused.body).toMatch(/<input type="checkbox" id="validation" name="requiresApproval" value="oui" checked/);
    expect(refused.body).toContain('value="trois"');

    const saved = await admin.post(path, { requiresApproval: 'oui', eligibleProfessions: ['educateur_specialise', 'cesf'], employerCap: '12', capReleaseDays: '5' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${path}?ok=regles-enregistrees`);
    const training = await db().selectFrom('trainings').select(['requires_approval', 'eligible_professions', 'employer_cap', 'cap_release_days']).where('id', '=', world.moduleTwo.trainingId).executeTakeFirstOrThrow();
    expect(training).toEqual({ requires_approval: 1, eligible_professions: 'educateur_specialise cesf', employer_cap: 12, cap_release_days: 5 });
    const form = (await admin.get(String(saved.headers.location))).body;
    expect(form).toContain('Les règles d’inscription sont enregistrées');
    expect(form).toMatch(/id="profession-cesf" name="eligibleProfessions" value="cesf" checked/);

    // Someone who has Module 1 (confirmed in a group ending before) now waits for validation.
    const [person] = await world.addStaff(1);
    await register(await newGroup('Groupe 18', 'Valenciennes'), [person as string]);
    const [next] = await register(world.moduleTwo.groupIds[1] as string, [person as string]);
    expect(next?.status).toBe('pending');
    expect((await manager.get('/pilotage/validations')).body).toContain(`/pilotage/inscriptions/${next?.id as string}/valider`);
  });

  it('exports the confirmed participants as a CSV French spreadsheets open', async () => {
    const group = await newGroup('Groupe 19', 'Cambrai', { max: 2 });
    const ids = [
      await addStaffMember(test.database, clock, world.hr, world.fixture.employerId, { firstName: 'Élodie', lastName: 'Zéphyr', email: 'elodie.zephyr@tilleuls.example', profession: 'cesf' }),
      await addStaffMember(test.database, clock, world.hr, world.fixture.employerId, { firstName: '=1+1', lastName: 'Abel', email: 'abel@tilleuls.example', profession: 'infirmier' }),
      ...(await world.addStaff(1)),
    ];
    await register(group, ids);

    const csv = await manager.get(`/pilotage/groupes/${group}/participants.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="participants-[a-z0-9-]+-groupe-19-cambrai-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Nom;Prénom;Courriel professionnel;Profession;Établissement;SIRET;Statut;Date d’inscription');
    // Confirmed people only (the third is waitlisted), by last name; a formula is neutralised.
    expect(lines.slice(1)).toEqual([
      "Abel;'=1+1;abel@tilleuls.example;Infirmier·ère;Centre social Les Tilleuls (démo);44852136900018;Confirmée;10/03/2026 10:00",
      'Zéphyr;Élodie;elodie.zephyr@tilleuls.example;Conseiller·ère en économie sociale et familiale (CESF);Centre social Les Tilleuls (démo);44852136900018;Confirmée;10/03/2026 10:00',
      '',
    ]);
  });

  it('keeps co-funders, providers and employers out, and shows typed text escaped', async () => {
    for (const email of ['dgcs@cofinanceur.example', 'coordination@apsn.example', 'rh@tilleuls.example']) {
      const other = await signIn(app, email);
      expect((await other.get('/pilotage')).statusCode, email).toBe(403);
      expect((await other.get(`/pilotage/groupes/${moduleTwoGroup()}`)).statusCode, email).toBe(403);
    }
    const anonymous = await app.inject({ method: 'GET', url: '/pilotage/validations' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/connexion?suivant=/pilotage/validations');

    const [pending] = await register(moduleTwoGroup(), await world.addStaff(1), '<script>alert(1)</script> suivi ailleurs');
    const queue = await manager.get('/pilotage/validations');
    expect(queue.body).not.toContain('<script>alert(1)</script>');
    expect(queue.body).toContain('&lt;script>alert(1)&lt;/script> suivi ailleurs');
    const refused = await manager.post(`/pilotage/inscriptions/${pending?.id as string}/refuser`, { retour: 'groupe', reason: '"><img src=x onerror=alert(1)> motif' });
    expect(refused.headers.location).toBe(`/pilotage/groupes/${moduleTwoGroup()}?ok=inscription-refusee`);
    const group = await manager.get(`/pilotage/groupes/${moduleTwoGroup()}`);
    expect(group.body).not.toContain('<img src=x');
    expect(group.body).toContain('&lt;img src=x onerror=alert(1)> motif');
  });
});
