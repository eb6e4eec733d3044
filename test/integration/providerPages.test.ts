/**
 * « Espace organisme » through the real app, signed in as the demo provider staff of APSN
 * (coordinator and trainer): their groups, the confirmed participants only, the CSV, and
 * nothing of another provider's groups.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelRegistration } from '../../src/use-cases/registrations/cancelRegistration.js';
import { addStaffMember } from '../../src/use-cases/registrations/manageStaff.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld, type RegistrationWorld } from '../support/registrationWorld.js';
import { signIn, type Browser } from '../support/signedIn.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

describe.each(TEST_DIALECTS)('provider pages on %s', (dialect) => {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  let test: TestDatabase;
  let world: RegistrationWorld;
  let app: FastifyInstance;
  let coordinator: Browser;
  /** Module 1 group 4, with one person confirmed, one cancelled and one offered the freed seat. */
  let groupId: string;
  /** A Module 2 group, whose training is given to another provider. */
  let otherProvidersGroupId: string;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    world = await buildRegistrationWorld(test.database, clock);
    groupId = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(groupId, 2);
    const person = (firstName: string, lastName: string, profession: string) =>
      addStaffMember(test.database, clock, world.hr, world.fixture.employerId, { firstName, lastName, email: `${firstName.toLowerCase()}@tilleuls.example`, profession });
    const people = [await person('Alice', 'Confirmée', 'cesf'), await person('Bruno', 'Annulé', 'cadre'), await person('Chloé', 'Proposée', 'infirmier')];
    const placed = await registerTrainees(world.deps, world.hr, { sessionId: groupId, people: people.map((traineeId) => ({ traineeId })), idempotencyKey: null });
    expect(placed.outcomes.map((outcome) => outcome.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    await cancelRegistration(world.deps, world.hr, placed.outcomes[1]?.registrationId as string);

    const repos = repositoriesOn(test.database.db, test.database.dialect);
    const otherProviderId = await repos.organisations.findOrCreateProvider('Organisme Autre');
    await test.database.db.updateTable('trainings').set({ provider_id: otherProviderId }).where('id', '=', world.moduleTwo.trainingId).execute();
    otherProvidersGroupId = world.moduleTwo.groupIds[0] as string;

    app = await buildTestApp(test.database, clock);
    coordinator = await signIn(app, 'coordination@apsn.example');
  });
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  it('lists the provider’s own groups with their confirmed participants counted', async () => {
    const page = await coordinator.get('/organisme');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const row = new RegExp(`<tr><th scope="row"><a href="/organisme/groupes/${groupId}">Groupe 4 — Lille</a></th>(.*?)</tr>`).exec(page.body)?.[1] ?? '';
    expect(row).toContain('Module 1');
    expect(row).toContain('<td>1 / 2</td>');
    expect(page.body).toContain('Groupe 6 — Amiens');
    expect(page.body).not.toContain(`/organisme/groupes/${otherProvidersGroupId}`);
    expect(page.body).not.toContain('Module 2');
    // Finished groups on demand.
    expect(page.body).not.toContain('Terminé');
    expect((await coordinator.get('/organisme?passes=1')).body).toContain('Terminé');
  });

  it('shows a group’s confirmed participants only, to the coordinator and to the trainer', async () => {
    const trainer = await signIn(app, 'formatrice@apsn.example');
    for (const browser of [coordinator, trainer]) {
      const page = await browser.get(`/organisme/groupes/${groupId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<th scope="row">Alice Confirmée</th><td>Conseiller·ère en économie sociale et familiale (CESF)</td><td>Centre social Les Tilleuls (démo)</td>');
      expect(page.body).not.toContain('Bruno');
      expect(page.body).not.toContain('Chloé');
      // Neither the employers' contacts nor their waiting requests.
      expect(page.body).not.toContain('rh@tilleuls.example');
      expect(page.body).not.toContain('Liste d’attente');
    }
  });

  it('exports the confirmed participants as CSV', async () => {
    const csv = await coordinator.get(`/organisme/groupes/${groupId}/participants.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="participants-[a-z0-9-]+\.csv"$/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toEqual([
      'Nom;Prénom;Courriel professionnel;Profession;Établissement;SIRET;Statut;Date d’inscription',
      'Confirmée;Alice;alice@tilleuls.example;Conseiller·ère en économie sociale et familiale (CESF);Centre social Les Tilleuls (démo);44852136900018;Confirmée;10/03/2026 10:00',
      '',
    ]);
  });

  it('refuses another provider’s group, and keeps everyone else out of the space', async () => {
    expect((await coordinator.get(`/organisme/groupes/${otherProvidersGroupId}`)).statusCode).toBe(403);
    expect((await coordinator.get(`/organisme/groupes/${otherProvidersGroupId}/participants.csv`)).statusCode).toBe(403);
    expect((await coordinator.get('/organisme/groupes/groupe-inconnu')).statusCode).toBe(404);
    for (const email of ['admin@opco.example', 'chargee@opco.example', 'rh@tilleuls.example', 'dgcs@cofinanceur.example']) {
      const other = await signIn(app, email);
      expect((await other.get('/organisme')).statusCode, email).toBe(403);
      expect((await other.get(`/organisme/groupes/${groupId}`)).statusCode, email).toBe(403);
      expect((await other.get(`/organisme/groupes/${groupId}/participants.csv`)).statusCode, email).toBe(403);
    }
    const anonymous = await app.inject({ method: 'GET', url: `/organisme/groupes/${groupId}` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/connexion?suivant=/organisme/groupes/${groupId}`);
  });
});
