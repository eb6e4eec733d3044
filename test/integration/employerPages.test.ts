/**
 * The employer space and the offer links, through the real app with a real session cookie, on
 * the demo database (its HR contact rh@tilleuls.example and the staff seeded for Les Tilleuls):
 * staff, registering into a group (seats, waitlist, refusals that write nothing), cancelling,
 * the offer link opened without signing in, convocation downloads, and who may see what.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/security/secrets.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { buildRegistrationWorld, type RegistrationWorld } from '../support/registrationWorld.js';
import { Browser, signIn } from '../support/signedIn.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const clock = fixedClock('2026-03-10T09:00:00Z');
const OTHER_HR = { email: 'rh@hortensias.example', password: 'un mot de passe très long 2026' };

/** The hidden idempotency key of the register form shown in `page`. */
function idempotencyKeyOf(page: LightMyRequestResponse): string {
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1];
  if (!key) throw new Error(`no idempotency key in the page (${page.statusCode})`);
  return key;
}

/** Text as the page shows it: the apostrophes and ampersands preact escapes, read back. */
function textOf(page: LightMyRequestResponse): string {
  return page.body.replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

describe.each(TEST_DIALECTS)('employer pages on %s', (dialect) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let world: RegistrationWorld;
  let hr: Browser;
  let otherHr: Browser;
  /** Les Tilleuls' staff, as seeded for the demo. */
  let staff: Array<{ id: string; firstName: string; lastName: string; email: string }>;

  const db = () => test.database.db;
  const countOf = async (table: 'registrations' | 'outbox' | 'trainees') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const statusOf = async (registrationId: string) => (await db().selectFrom('registrations').select('status').where('id', '=', registrationId).executeTakeFirstOrThrow()).status;
  const registrationOf = async (traineeId: string, sessionId: string) =>
    db().selectFrom('registrations').select(['id', 'status']).where('trainee_id', '=', traineeId).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  const person = (index: number) => {
    const found = staff[index];
    if (!found) throw new Error(`no demo staff member #${index}`);
    return found;
  };

  /** Opens the register form of a group, then posts it for these people (one justification each, when given). */
  async function register(browser: Browser, sessionId: string, traineeIds: string[], justifications: Record<string, string> = {}) {
    const form = await browser.get(`/employeur/inscrire/${sessionId}`);
    expect(form.statusCode).toBe(200);
    const fields: Record<string, string | string[]> = { people: traineeIds, idempotencyKey: idempotencyKeyOf(form) };
    for (const [traineeId, text] of Object.entries(justifications)) fields[`justification-${traineeId}`] = text;
    return browser.post(`/employeur/inscrire/${sessionId}`, fields);
  }

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    world = await buildRegistrationWorld(test.database, clock);
    const repos = repositoriesOn(db(), test.database.dialect);
    staff = await repos.trainees.listForEmployer(world.fixture.employerId);
    const at = clock.now().toISOString();
    const otherId = await repos.users.insert({ email: OTHER_HR.email, displayName: 'Hortense RH', passwordHash: await hashPassword(OTHER_HR.password), status: 'active' }, at);
    await repos.users.addMembership(otherId, { organisationKind: 'employer', organisationId: world.fixture.otherEmployerId, role: 'employer_hr' }, at);
    app = await buildTestApp(test.database, clock);
    hr = await signIn(app, 'rh@tilleuls.example');
    otherHr = await signIn(app, OTHER_HR.email, OTHER_HR.password);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  it('sends anonymous visitors to the login page, and refuses signed-in people who are no HR contact', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/employeur/inscriptions?vue=personnes' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/connexion?suivant=/employeur/inscriptions%3Fvue%3Dpersonnes');
    const admin = await signIn(app, 'admin@opco.example');
    const refused = await admin.get('/employeur');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Accès refusé');
    const home = await hr.get('/employeur');
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(textOf(home)).toContain('Centre social Les Tilleuls (démo)');
    expect(textOf(home)).toContain(`${staff.length} personnes actives`);
  });

  it('lists the staff, adds a person, keeps the values of a refused form (422) and edits or withdraws a person', async () => {
    const list = await hr.get('/employeur/personnel');
    expect(list.statusCode).toBe(200);
    expect(textOf(list)).toContain('Hélène Dupont');
    expect(textOf(list)).toContain('Conseiller·ère en économie sociale et familiale (CESF)');

    const before = await countOf('trainees');
    const refused = await hr.post('/employeur/personnel', { firstName: 'Inès', lastName: 'Garnier', email: 'pas-une-adresse', profession: 'cesf' });
    expect(refused.statusCode).toBe(422);
    const refusedText = textOf(refused);
    expect(refusedText).toContain('value="Inès"');
    expect(refusedText).toContain('value="pas-une-adresse"');
    expect(refusedText).toMatch(/<option value="cesf" selected/);
    expect(refusedText).toContain('id="email-erreur"');
    expect(refusedText).toContain('aria-invalid="true"');
    // A profession outside the list, even one every object has ("constructor"), is refused.
    const outsideList = await hr.post('/employeur/personnel', { firstName: 'Inès', lastName: 'Garnier', email: 'ines.garnier@tilleuls.example', profession: 'constructor' });
    expect(outsideList.statusCode).toBe(422);
    expect(textOf(outsideList)).toContain('Choisissez une profession dans la liste.');
    expect(await countOf('trainees')).toBe(before);

    const added = await hr.post('/employeur/personnel', { firstName: 'Inès', lastName: 'Garnier', email: 'ines.garnier@tilleuls.example', profession: 'cesf' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/employeur/personnel?ok=personne-ajoutee');
    const after = await hr.get(String(added.headers.location));
    expect(textOf(after)).toContain('La personne a été ajoutée à votre personnel');
    expect(textOf(after)).toContain('ines.garnier@tilleuls.example');
    const ines = await db().selectFrom('trainees').select('id').where('email', '=', 'ines.garnier@tilleuls.example').executeTakeFirstOrThrow();

    const duplicate = await hr.post('/employeur/personnel', { firstName: 'Inès', lastName: 'Bis', email: 'ines.garnier@tilleuls.example', profession: 'cesf' });
    expect(duplicate.statusCode).toBe(409);
    expect(textOf(duplicate)).toContain('Adresse déjà utilisée.');

    expect((await hr.post(`/employeur/personnel/${ines.id}`, { firstName: 'Inès', lastName: 'Garnier-Roux', email: 'ines.garnier@tilleuls.example', profession: 'cadre' })).statusCode).toBe(303);
    const edited = await hr.get(`/employeur/personnel/${ines.id}`);
    expect(textOf(edited)).toContain('value="Garnier-Roux"');
    expect(textOf(edited)).toMatch(/<option value="cadre" selected/);
    expect((await hr.post(`/employeur/personnel/${ines.id}/desactiver`)).headers.location).toBe('/employeur/personnel?ok=personne-retiree');
    expect((await db().selectFrom('trainees').select('is_active').where('id', '=', ines.id).executeTakeFirstOrThrow()).is_active).toBe(0);
    expect((await hr.post(`/employeur/personnel/${ines.id}/reactiver`)).statusCode).toBe(303);
  });

  it('shows what was typed escaped, in the staff list and the register form', async () => {
    const payload = '<script>alert(1)</script>';
    expect((await hr.post('/employeur/personnel', { firstName: payload, lastName: '"><img src=x onerror=alert(1)>', email: 'xss@tilleuls.example', profession: 'cadre' })).statusCode).toBe(303);
    for (const page of [await hr.get('/employeur/personnel'), await hr.get(`/employeur/inscrire/${world.moduleOne.groupIds[1]}`)]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).toContain('&lt;script');
    }
    const xss = await db().selectFrom('trainees').select('id').where('email', '=', 'xss@tilleuls.example').executeTakeFirstOrThrow();
    expect((await hr.post(`/employeur/personnel/${xss.id}/desactiver`)).statusCode).toBe(303);
  });

  it('registers two people into a group of one seat: one confirmed, the other waitlisted in position 1', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    await world.setCapacity(group, 1);
    const form = await hr.get(`/employeur/inscrire/${group}`);
    expect(textOf(form)).toContain('1 place disponible sur 1');
    expect(textOf(form)).toContain(`${person(0).firstName} ${person(0).lastName}`);

    const answer = await register(hr, group, [person(0).id, person(1).id]);
    expect(answer.statusCode).toBe(201);
    const text = textOf(answer);
    expect(text).toContain('Confirmée');
    expect(text).toContain(`la convocation (PDF et invitation d’agenda) a été envoyée à ${person(0).email}`);
    expect(text).toContain('En liste d’attente — position 1');
    expect(text).toContain('elle vous est proposée automatiquement par courriel');
    expect((await registrationOf(person(0).id, group)).status).toBe('confirmed');
    expect((await registrationOf(person(1).id, group)).status).toBe('waitlisted');

    // The form now says the group is full, and that newcomers join the waitlist behind one person.
    const full = textOf(await hr.get(`/employeur/inscrire/${group}`));
    expect(full).toContain('Ce groupe est complet.');
    expect(full).toContain('la première personne que vous inscrivez aura la position 2');
  });

  it('answers a form sent twice with the first answer, registering nobody twice', async () => {
    const group = world.moduleOne.groupIds[1] as string;
    const form = await hr.get(`/employeur/inscrire/${group}`);
    const fields = { people: [person(2).id], idempotencyKey: idempotencyKeyOf(form) };
    expect((await hr.post(`/employeur/inscrire/${group}`, fields)).statusCode).toBe(201);
    const registrations = await countOf('registrations');
    const again = await hr.post(`/employeur/inscrire/${group}`, fields);
    expect(again.statusCode).toBe(200);
    expect(textOf(again)).toContain('Ce formulaire avait déjà été envoyé');
    expect(await countOf('registrations')).toBe(registrations);
  });

  it('refuses a duplicate with the French message, keeping the choice and writing nothing', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const [registrations, mails] = [await countOf('registrations'), await countOf('outbox')];
    const refused = await register(hr, group, [person(0).id, person(3).id]);
    expect(refused.statusCode).toBe(409);
    const text = textOf(refused);
    expect(text).toContain('L’inscription n’a pas été enregistrée');
    expect(text).toContain(`${person(0).firstName} ${person(0).lastName} est déjà inscrit·e à ce groupe`);
    expect(text).toContain('Personne n’a été inscrit');
    expect(text).toMatch(new RegExp(`value="${person(3).id}" checked`));
    expect(await countOf('registrations')).toBe(registrations);
    expect(await countOf('outbox')).toBe(mails);
  });

  it('asks for a justification when a module is required, then leaves the registration to the funder', async () => {
    const group = world.moduleTwo.groupIds[0] as string;
    const form = textOf(await hr.get(`/employeur/inscrire/${group}`));
    expect(form).toContain('Justification pour');
    expect(form).toContain('Si elle l’a suivi ailleurs');
    const registrations = await countOf('registrations');
    const refused = await register(hr, group, [person(4).id]);
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused)).toContain('prérequis de cette formation');
    expect(await countOf('registrations')).toBe(registrations);

    const accepted = await register(hr, group, [person(4).id], { [person(4).id]: 'Module 1 suivi en 2024 avec l’IRTS de Lille (attestation disponible).' });
    expect(accepted.statusCode).toBe(201);
    expect(textOf(accepted)).toContain('En attente de validation du financeur');
    expect((await registrationOf(person(4).id, group)).status).toBe('pending');
  });

  it('cancels after a confirmation page; the waitlisted person gets an offer whose link works once, without signing in', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const confirmed = await registrationOf(person(0).id, group);
    const waitlisted = await registrationOf(person(1).id, group);

    const list = textOf(await hr.get('/employeur/inscriptions'));
    expect(list).toContain('En liste d’attente — position 1');
    expect(list).toContain(`/employeur/inscriptions/${confirmed.id}/annuler`);
    const confirmation = await hr.get(`/employeur/inscriptions/${confirmed.id}/annuler`);
    expect(confirmation.statusCode).toBe(200);
    expect(textOf(confirmation)).toContain('Confirmer l’annulation');
    expect(textOf(confirmation)).not.toContain('Annulation tardive');
    expect(await statusOf(confirmed.id)).toBe('confirmed');

    const cancelled = await hr.post(`/employeur/inscriptions/${confirmed.id}/annuler`, { reason: 'Arrêt maladie' });
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe('/employeur/inscriptions?ok=inscription-annulee');
    expect(await statusOf(confirmed.id)).toBe('cancelled');
    expect(await statusOf(waitlisted.id)).toBe('offered');
    const byPerson = textOf(await hr.get('/employeur/inscriptions?vue=personnes&terminees=1'));
    expect(byPerson).toContain('Annulée (annulée par votre établissement)');
    expect(byPerson).toContain('Place proposée — à accepter avant le');

    const mail = await db().selectFrom('outbox').select(['text_body', 'recipient']).where('kind', '=', 'registration.offer').executeTakeFirstOrThrow();
    expect(mail.recipient).toBe('rh@tilleuls.example');
    const token = /\/offres\/([\w-]+)/.exec(mail.text_body)?.[1];
    if (!token) throw new Error(`no offer link in the mail:\n${mail.text_body}`);

    // Opened by anyone holding the link, without signing in; opening changes nothing.
    const visitor = new Browser(app);
    const offer = await visitor.get(`/offres/${token}`);
    expect(offer.statusCode).toBe(200);
    expect(offer.headers['cache-control']).toBe('no-store');
    expect(textOf(offer)).toContain(`Une place est disponible pour ${person(1).firstName} ${person(1).lastName}`);
    expect(textOf(offer)).toContain('Répondre avant le');
    expect(await statusOf(waitlisted.id)).toBe('offered');

    const accepted = await visitor.post(`/offres/${token}/accepter`);
    expect(accepted.statusCode).toBe(200);
    expect(textOf(accepted)).toContain('Place acceptée');
    expect(textOf(accepted)).toContain('est confirmée');
    expect(await statusOf(waitlisted.id)).toBe('confirmed');

    for (const again of [await visitor.get(`/offres/${token}`), await visitor.post(`/offres/${token}/accepter`), await visitor.post(`/offres/${token}/refuser`)]) {
      expect(again.statusCode).toBe(410);
      expect(textOf(again)).toContain('Cette proposition n’est plus valable');
      expect(textOf(again)).toContain('la proposition a déjà reçu une réponse ou a expiré');
    }
    expect(await statusOf(waitlisted.id)).toBe('confirmed');
    expect(textOf(await hr.get('/employeur/inscriptions'))).toContain(`${person(1).firstName} ${person(1).lastName}`);
  });

  it('answers an offer from « Mes inscriptions », and shows the home page’s offers first', async () => {
    const group = world.moduleOne.groupIds[2] as string;
    await world.setCapacity(group, 1);
    const [first, second] = await world.addStaff(2);
    const answer = await register(hr, group, [first as string, second as string]);
    expect(answer.statusCode).toBe(201);
    const held = await registrationOf(first as string, group);
    const waiting = await registrationOf(second as string, group);
    expect(held.status).toBe('confirmed');
    expect((await hr.post(`/employeur/inscriptions/${held.id}/annuler`)).statusCode).toBe(303);
    expect(await statusOf(waiting.id)).toBe('offered');

    const home = textOf(await hr.get('/employeur'));
    expect(home.indexOf('Places proposées à accepter')).toBeLessThan(home.indexOf('class="admin-cards"'));
    expect(home).toContain(`/employeur/inscriptions/${waiting.id}/refuser`);
    const declined = await hr.post(`/employeur/inscriptions/${waiting.id}/refuser`);
    expect(declined.headers.location).toBe('/employeur/inscriptions?ok=place-refusee');
    expect(await statusOf(waiting.id)).toBe('cancelled');
    const again = await hr.post(`/employeur/inscriptions/${waiting.id}/accepter`);
    expect(again.statusCode).toBe(410);
    expect(textOf(again)).toContain('Cette proposition n’est plus valable');
  });

  it('downloads the convocation of a confirmed registration only', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const confirmed = await registrationOf(person(1).id, group);
    const pdf = await hr.get(`/employeur/inscriptions/${confirmed.id}/convocation.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment; filename="convocation-[a-z-]+\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const ics = await hr.get(`/employeur/inscriptions/${confirmed.id}/convocation.ics`);
    expect(ics.statusCode).toBe(200);
    expect(String(ics.headers['content-type'])).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VCALENDAR');

    const cancelled = await registrationOf(person(0).id, group);
    const pending = await registrationOf(person(4).id, world.moduleTwo.groupIds[0] as string);
    for (const id of [cancelled.id, pending.id]) {
      const refused = await hr.get(`/employeur/inscriptions/${id}/convocation.pdf`);
      expect(refused.statusCode).toBe(404);
      expect(textOf(refused)).toContain('Pas de convocation pour cette inscription');
    }
  });

  it('keeps another employer’s HR contact out of Les Tilleuls’ people and registrations', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const confirmed = await registrationOf(person(1).id, group);
    const home = await otherHr.get('/employeur');
    expect(home.statusCode).toBe(200);
    expect(textOf(home)).toContain('EHPAD Les Hortensias (démo)');
    expect(textOf(await otherHr.get('/employeur/inscriptions'))).not.toContain(person(1).lastName);
    expect(textOf(await otherHr.get('/employeur/personnel'))).not.toContain(person(1).lastName);

    expect((await otherHr.get(`/employeur?etablissement=${world.fixture.employerId}`)).statusCode).toBe(403);
    expect((await otherHr.get(`/employeur/personnel/${person(1).id}`)).statusCode).toBe(404);
    expect((await otherHr.post(`/employeur/personnel/${person(1).id}/desactiver`)).statusCode).toBe(403);
    expect((await otherHr.get(`/employeur/inscriptions/${confirmed.id}/annuler`)).statusCode).toBe(404);
    expect((await otherHr.post(`/employeur/inscriptions/${confirmed.id}/annuler`)).statusCode).toBe(404);
    expect((await otherHr.get(`/employeur/inscriptions/${confirmed.id}/convocation.pdf`)).statusCode).toBe(404);
    const registrations = await countOf('registrations');
    // Their staff is empty: no form to read a key from, the request is made by hand.
    const stolen = await otherHr.post(`/employeur/inscrire/${world.moduleOne.groupIds[1]}`, { people: [person(5).id], idempotencyKey: 'cle-faite-a-la-main-0001' });
    expect(stolen.statusCode).toBe(403);
    expect(await countOf('registrations')).toBe(registrations);
    expect(await statusOf(confirmed.id)).toBe('confirmed');
    expect((await db().selectFrom('trainees').select('is_active').where('id', '=', person(1).id).executeTakeFirstOrThrow()).is_active).toBe(1);
  });

  it('lets the HR contact of two establishments choose one, and keeps the choice in the links', async () => {
    const repos = repositoriesOn(db(), test.database.dialect);
    const at = clock.now().toISOString();
    const both = await repos.users.insert({ email: 'rh@deux-etablissements.example', displayName: 'Double RH', passwordHash: await hashPassword(OTHER_HR.password), status: 'active' }, at);
    for (const employerId of [world.fixture.employerId, world.fixture.otherEmployerId]) await repos.users.addMembership(both, { organisationKind: 'employer', organisationId: employerId, role: 'employer_hr' }, at);
    const browser = await signIn(app, 'rh@deux-etablissements.example', OTHER_HR.password);
    const home = textOf(await browser.get('/employeur'));
    expect(home).toContain('<label for="employeur-etablissement">Établissement</label>');
    expect(home).toContain('Centre social Les Tilleuls (démo)');
    expect(home).toContain('EHPAD Les Hortensias (démo)');
    const chosen = textOf(await browser.get(`/employeur/personnel?etablissement=${world.fixture.otherEmployerId}`));
    expect(chosen).toContain(`href="/employeur/inscriptions?etablissement=${world.fixture.otherEmployerId}"`);
    expect(chosen).toContain(`action="/employeur/personnel?etablissement=${world.fixture.otherEmployerId}"`);
    expect(chosen).not.toContain(person(0).email);
    expect(textOf(await browser.get('/employeur/personnel'))).toContain(person(0).email);
  });

  it('says a cancellation after the registration deadline is late, and records it so', async () => {
    const group = world.moduleOne.groupIds[1] as string;
    const confirmed = await registrationOf(person(2).id, group);
    const deadline = (await db().selectFrom('sessions').select('registration_deadline').where('id', '=', group).executeTakeFirstOrThrow()).registration_deadline;
    if (!deadline) throw new Error('the demo groups have a deadline');
    const before = clock.now().toISOString();
    clock.set(new Date(new Date(deadline).getTime() + 3_600_000).toISOString());
    try {
      // Months later: the morning's session has ended, the HR contact signs in again.
      const hr = await signIn(app, 'rh@tilleuls.example');
      const confirmation = textOf(await hr.get(`/employeur/inscriptions/${confirmed.id}/annuler`));
      expect(confirmation).toContain('Annulation tardive.');
      const cancelled = await hr.post(`/employeur/inscriptions/${confirmed.id}/annuler`);
      expect(cancelled.headers.location).toBe('/employeur/inscriptions?ok=annulation-tardive');
      expect((await db().selectFrom('registrations').select('is_late_cancellation').where('id', '=', confirmed.id).executeTakeFirstOrThrow()).is_late_cancellation).toBe(1);
      expect(textOf(await hr.get('/employeur/inscriptions?terminees=1'))).toContain('Annulée (annulée par votre établissement, tardive)');
    } finally {
      clock.set(before);
    }
  });

  it('links each open or full group of the catalogue to the register form, or to the login page', async () => {
    const group = world.moduleOne.groupIds[0] as string;
    const slug = (await db().selectFrom('trainings').select('slug').where('id', '=', world.moduleOne.trainingId).executeTakeFirstOrThrow()).slug;
    const signedIn = textOf(await hr.get(`/formations/${slug}`));
    expect(signedIn).toContain(`href="/employeur/inscrire/${group}"`);
    expect(signedIn).toContain('Inscrire des personnes');
    const anonymous = textOf(await app.inject({ method: 'GET', url: `/formations/${slug}` }));
    expect(anonymous).toContain(`href="/connexion?suivant=/employeur/inscrire/${group}"`);
    expect(anonymous).toContain('Connectez-vous pour inscrire votre personnel');
    expect(anonymous).not.toContain('Inscrire des personnes');
    // The demo groups of March 2022 are past: no link under them.
    expect(anonymous.match(/suivant=\/employeur\/inscrire\//g)?.length).toBe(3);
  });
});
