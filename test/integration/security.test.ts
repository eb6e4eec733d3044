/**
 * Security properties through the real HTTP stack, on the demo database: headers, CSRF on every
 * form, escaping of what people type, SQL-looking input, login throttling, cookie flags on
 * https, trainee magic links and API tokens. (accountPages.test.ts covers the login/logout
 * flows themselves; routeAccess.test.ts covers who may reach which route.)
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Membership } from '../../src/domain/accounts/policy.js';
import { buildApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/plugins/authentication.js';
import { createApiToken, revokeApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import { inviteUser } from '../../src/use-cases/accounts/inviteUser.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { issueTraineeLinkToken, redeemTraineeLinkToken } from '../../src/use-cases/accounts/traineeLinks.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { fixedClock } from '../support/clock.js';
import { Browser, csrfOf, demoEmailOf, seedDemoFixture, signIn, type DemoFixture, type Fields } from '../support/signedIn.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';
import { DEMO_PASSWORD } from '../../src/demo/demoAccounts.js';

const START = '2026-03-10T09:00:00Z';
const clock = fixedClock(START);
const DUMMY_TOKEN = 'jeton-factice-0123456789abcdefghijklmnopqrstuvwxyz';
const XSS_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const SQL_PAYLOADS = ["' OR 1=1 --", '"; DROP TABLE users; --'];

/** A valid SIRET (Luhn key) from 13 digits. */
function siretFrom(first13: string): string {
  for (let key = 0; key <= 9; key += 1) {
    const candidate = `${first13}${key}`;
    const sum = [...candidate].reverse().reduce((total, char, index) => {
      const digit = Number(char) * (index % 2 === 1 ? 2 : 1);
      return total + (digit > 9 ? digit - 9 : digit);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

function actingAs(userId: string, memberships: Membership[]): Acting {
  return { actor: { kind: 'user', userId, memberships }, label: 'Test', meta: { ip: null, userAgent: null } };
}

function setCookies(response: LightMyRequestResponse): string[] {
  const headers = response.headers['set-cookie'];
  return Array.isArray(headers) ? headers : headers ? [headers] : [];
}

function setCookieFor(response: LightMyRequestResponse, name: string): string {
  const found = setCookies(response).find((header) => header.startsWith(`${name}=`));
  if (!found) throw new Error(`no Set-Cookie for ${name}: ${JSON.stringify(setCookies(response))}`);
  return found;
}

/** The payload never comes back as markup; `echoed`: it does come back, escaped. */
function expectEscaped(where: string, response: LightMyRequestResponse, echoed: boolean): void {
  expect(response.statusCode, `${where}: status`).toBeLessThan(500);
  expect(response.body, `${where}: raw <script>`).not.toContain('<script>alert(1)</script>');
  expect(response.body, `${where}: raw <img>`).not.toContain('<img src=x');
  expect(response.body, `${where}: raw <script> start`).not.toContain('<script>');
  if (echoed) expect(response.body, `${where}: the typed text is shown back`).toContain('alert(1)');
}

const COUNTED_TABLES = ['users', 'memberships', 'user_sessions', 'api_tokens', 'one_time_tokens', 'audit_log', 'outbox', 'login_attempts', 'employers', 'providers', 'cofunders', 'retention_settings', 'trainings'] as const;

describe.each(TEST_DIALECTS)('security on %s', (dialect) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let demo: DemoFixture;
  let victimId: string;
  /** A staff member of the demo HR's employer (seeded with the demo). */
  let demoTraineeId: string;
  let admin: Browser;

  const repos = () => repositoriesOn(test.database.db, test.database.dialect);
  const adminActing = () => actingAs(demo.userIds.funder_admin, [{ organisationKind: 'funder', organisationId: demo.funderId, role: 'funder_admin' }]);

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const row = await test.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    demo = await seedDemoFixture(test.database, clock);
    const invited = await inviteUser(test.database, clock, { baseUrl: new URL('http://relais.test') }, adminActing(), {
      email: 'victime@hortensias.example',
      displayName: 'Victor Victime',
      organisationKind: 'employer',
      organisationId: demo.otherEmployerId,
      role: 'employer_hr',
    });
    victimId = invited.userId;
    demoTraineeId = (await repos().trainees.listForEmployer(demo.employerId))[0]?.id ?? 'personne-inconnue';
    app = await buildTestApp(test.database, clock);
    admin = await signIn(app, demoEmailOf('funder_admin'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  describe('headers', () => {
    it('sends a strict CSP and the other security headers on pages', async () => {
      for (const url of ['/', `/formations/${demo.trainingSlug}`, '/connexion', '/admin']) {
        const response = url === '/admin' ? await admin.get(url) : await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        const csp = String(response.headers['content-security-policy'] ?? '');
        const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
        expect(directives.get('script-src'), `${url}: ${csp}`).toEqual(["'self'"]);
        expect(directives.get('default-src'), csp).toEqual(["'self'"]);
        expect(directives.get('frame-ancestors'), csp).toEqual(["'none'"]);
        expect(directives.get('object-src'), csp).toEqual(["'none'"]);
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(String(response.headers['x-frame-options'] ?? '')).toMatch(/^(DENY|SAMEORIGIN)$/i);
        expect(response.headers['referrer-policy']).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
        expect(response.headers['x-powered-by']).toBeUndefined();
        // Plain http: no HSTS (it is sent when the site is served over https, below).
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
    });
  });

  describe('cookies over https', () => {
    it('marks the session and CSRF cookies Secure, HttpOnly, SameSite and Path=/, and sends HSTS', async () => {
      const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'https://relais.test' });
      const secureApp = await buildApp({ config, database: test.database, clock, catalogueFacets: new CatalogueFacetsCache(test.database, clock, 0) });
      try {
        const browser = new Browser(secureApp);
        const page = await browser.get('/connexion');
        expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(String(page.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
        const csrfCookie = setCookieFor(page, 'relais_csrf');
        for (const flag of [/; HttpOnly/i, /; SameSite=Strict/i, /; Secure/i, /; Path=\/(;|$)/]) expect(csrfCookie).toMatch(flag);

        const login = await browser.post('/connexion', { email: demoEmailOf('trainer'), password: DEMO_PASSWORD });
        expect(login.statusCode).toBe(303);
        const session = setCookieFor(login, SESSION_COOKIE);
        for (const flag of [/; HttpOnly/i, /; SameSite=Lax/i, /; Secure/i, /; Path=\/(;|$)/]) expect(session).toMatch(flag);
        expect(session).not.toMatch(/; Domain=/i);
      } finally {
        await secureApp.close();
      }
    });
  });

  describe('CSRF', () => {
    /** A body each form would accept, so that only the missing token can explain a refusal. */
    function validRequestFor(pattern: string, tokenId: string): { url: string; form: Fields } {
      const employerForm = { name: 'Établissement sans jeton', siret: siretFrom('5550000000001'), sector: 'Social', regionCode: '32', city: 'Lille', postcode: '59000' };
      const requests: Record<string, { url: string; form: Fields }> = {
        'POST /connexion': { url: '/connexion', form: { email: demoEmailOf('funder_admin'), password: DEMO_PASSWORD } },
        'POST /deconnexion': { url: '/deconnexion', form: {} },
        'POST /mot-de-passe-oublie': { url: '/mot-de-passe-oublie', form: { email: demoEmailOf('funder_admin') } },
        'POST /mot-de-passe/nouveau/:token': { url: `/mot-de-passe/nouveau/${DUMMY_TOKEN}`, form: { password: 'un nouveau mot de passe long', passwordConfirmation: 'un nouveau mot de passe long' } },
        'POST /invitation/:token': { url: `/invitation/${DUMMY_TOKEN}`, form: { password: 'un nouveau mot de passe long', passwordConfirmation: 'un nouveau mot de passe long' } },
        'POST /mon-compte/mot-de-passe': { url: '/mon-compte/mot-de-passe', form: { currentPassword: DEMO_PASSWORD, newPassword: 'un nouveau mot de passe long', newPasswordConfirmation: 'un nouveau mot de passe long' } },
        'POST /mon-compte/adresse': { url: '/mon-compte/adresse', form: { newEmail: 'nouvelle@opco.example', password: DEMO_PASSWORD } },
        'POST /mon-compte/deconnexion-partout': { url: '/mon-compte/deconnexion-partout', form: {} },
        'POST /mon-compte/jetons': { url: '/mon-compte/jetons', form: { name: 'Sans jeton CSRF', scopes: 'catalogue:read', expiresInDays: '30' } },
        'POST /mon-compte/jetons/:id/revoquer': { url: `/mon-compte/jetons/${tokenId}/revoquer`, form: {} },
        'POST /admin/organisations/employeurs/nouveau': { url: '/admin/organisations/employeurs/nouveau', form: employerForm },
        'POST /admin/organisations/employeurs/:id': { url: `/admin/organisations/employeurs/${demo.employerId}`, form: { ...employerForm, name: 'Renommé sans jeton', siret: '44852136900018' } },
        'POST /admin/organisations/organismes/nouveau': { url: '/admin/organisations/organismes/nouveau', form: { name: 'Organisme sans jeton', siret: '', nda: '', email: '', city: '' } },
        'POST /admin/organisations/organismes/:id': { url: `/admin/organisations/organismes/${demo.providerId}`, form: { name: 'APSN renommé', siret: '', nda: '', email: '', city: '' } },
        'POST /admin/organisations/cofinanceurs/nouveau': { url: '/admin/organisations/cofinanceurs/nouveau', form: { name: 'Cofinanceur sans jeton', lheoCode: '' } },
        'POST /admin/organisations/financeur': { url: '/admin/organisations/financeur', form: { name: 'Financeur sans jeton', shortName: 'OPCO', website: '', regionCode: '32', defaultMinTrainees: '6', defaultMaxTrainees: '12' } },
        'POST /admin/organisations/cofinanceurs/:id': { url: `/admin/organisations/cofinanceurs/${demo.cofunderId}`, form: { name: 'DGCS renommée', lheoCode: '13' } },
        'POST /admin/personnes/inviter': { url: '/admin/personnes/inviter', form: { email: 'sans-jeton@opco.example', displayName: 'Sans Jeton', organisation: `funder:${demo.funderId}`, role: 'funder_admin' } },
        'POST /admin/personnes/:id/roles/retirer': { url: `/admin/personnes/${victimId}/roles/retirer`, form: { kind: 'employer', organisationId: demo.otherEmployerId, role: 'employer_hr' } },
        'POST /admin/personnes/:id/effacer': { url: `/admin/personnes/${victimId}/effacer`, form: { confirmation: 'oui' } },
        'POST /admin/conservation': { url: '/admin/conservation', form: { certificates: '7', evidence: '8', cofunded_evidence: '12' } },
      };
      for (const [segment, id] of [
        ['employeurs', demo.otherEmployerId],
        ['organismes', demo.providerId],
        ['cofinanceurs', demo.cofunderId],
      ] as const) {
        for (const verb of ['desactiver', 'reactiver']) requests[`POST /admin/organisations/${segment}/:id/${verb}`] = { url: `/admin/organisations/${segment}/${id}/${verb}`, form: {} };
      }
      for (const verb of ['desactiver', 'reactiver']) requests[`POST /admin/personnes/:id/${verb}`] = { url: `/admin/personnes/${victimId}/${verb}`, form: {} };
      // Espace employeur and offer links: the demo HR's first staff member, a demo group; the registration and the token need not exist (refused before).
      const staffForm = { firstName: 'Sans', lastName: 'Jeton', email: 'sans.jeton@tilleuls.example', profession: 'cadre' };
      requests['POST /employeur/personnel'] = { url: '/employeur/personnel', form: staffForm };
      requests['POST /employeur/personnel/:id'] = { url: `/employeur/personnel/${demoTraineeId}`, form: staffForm };
      for (const verb of ['desactiver', 'reactiver', 'effacer']) requests[`POST /employeur/personnel/:id/${verb}`] = { url: `/employeur/personnel/${demoTraineeId}/${verb}`, form: {} };
      requests['POST /employeur/inscrire/:sessionId'] = { url: `/employeur/inscrire/${demo.sessionId}`, form: { people: demoTraineeId, idempotencyKey: 'sans-jeton-csrf-0001' } };
      for (const verb of ['annuler', 'accepter', 'refuser']) requests[`POST /employeur/inscriptions/:id/${verb}`] = { url: `/employeur/inscriptions/inscription-inconnue/${verb}`, form: {} };
      for (const verb of ['accepter', 'refuser']) requests[`POST /offres/:token/${verb}`] = { url: `/offres/${DUMMY_TOKEN}/${verb}`, form: {} };
      // Pilotage: a demo group and training; the registration need not exist (refused before).
      requests['POST /pilotage/groupes/:id/maintenir'] = { url: `/pilotage/groupes/${demo.sessionId}/maintenir`, form: { retour: 'groupe' } };
      requests['POST /pilotage/groupes/:id/annuler'] = { url: `/pilotage/groupes/${demo.sessionId}/annuler`, form: { reason: 'Annulation sans jeton' } };
      requests['POST /pilotage/inscriptions/:id/valider'] = { url: '/pilotage/inscriptions/inscription-inconnue/valider', form: { retour: 'validations' } };
      requests['POST /pilotage/inscriptions/:id/refuser'] = { url: '/pilotage/inscriptions/inscription-inconnue/refuser', form: { retour: 'validations', reason: 'Refus sans jeton' } };
      requests['POST /pilotage/inscriptions/:id/annuler'] = { url: '/pilotage/inscriptions/inscription-inconnue/annuler', form: { reason: '' } };
      requests['POST /pilotage/inscriptions/:id/deplacer'] = { url: '/pilotage/inscriptions/inscription-inconnue/deplacer', form: { targetSessionId: demo.sessionId } };
      requests['POST /pilotage/formations/:id/inscriptions'] = { url: `/pilotage/formations/${demo.trainingId}/inscriptions`, form: { requiresApproval: 'oui', eligibleProfessions: ['cesf'], employerCap: '2', capReleaseDays: '' } };
      const found = requests[pattern];
      if (!found) throw new Error(`no valid form for ${pattern} in security.test.ts: add one so that its CSRF protection is checked`);
      return found;
    }

    it('refuses every form posted without a valid token (403), writing nothing', async () => {
      const { id: tokenId } = await createApiToken(test.database, clock, adminActing(), { userId: demo.userIds.funder_admin, name: 'Témoin', scopes: ['catalogue:read'], expiresInDays: 30 });
      const stranger = new Browser(app);
      const strangerToken = await stranger.fetchCsrf();
      const forms = app.registeredRoutes.filter((route) => route.method !== 'GET' && !route.url.startsWith('/api/'));
      expect(forms.length).toBeGreaterThan(20);

      const before = await rowCounts();
      const failures: string[] = [];
      for (const route of forms) {
        const { url, form } = validRequestFor(`${route.method} ${route.url}`, tokenId);
        for (const [variant, extra] of [
          ['without _csrf', {}],
          ['with a forged _csrf', { _csrf: 'forged-token' }],
          ['with another visitor’s _csrf', { _csrf: strangerToken }],
        ] as const) {
          const response = await admin.request(route.method, url, { form: { ...form, ...extra }, csrf: false });
          if (response.statusCode !== 403) failures.push(`${route.method} ${url} ${variant}: ${response.statusCode} ${String(response.headers.location ?? '')}`);
          else if (!response.body.includes('Le formulaire a expiré')) failures.push(`${route.method} ${url} ${variant}: 403 without the French explanation`);
        }
      }
      expect(failures).toEqual([]);
      expect(await rowCounts()).toEqual(before);
      // Nothing changed either: still signed in, the token still valid, the names unchanged.
      expect((await admin.get('/mon-compte')).statusCode).toBe(200);
      expect((await repos().apiTokens.listOf(demo.userIds.funder_admin)).find((token) => token.id === tokenId)?.revokedAt ?? null).toBeNull();
      expect((await repos().directory.findEmployer(demo.employerId))?.name).toBe('Centre social Les Tilleuls (démo)');
      expect((await repos().directory.findEmployer(demo.otherEmployerId))?.isActive).toBe(true);
      expect((await repos().users.findById(victimId))?.status).toBe('invited');
    });
  });

  describe('escaping', () => {
    it('sends back what people typed escaped, in forms, lists, search boxes and mails', async () => {
      const anonymous = new Browser(app);
      for (const [index, payload] of XSS_PAYLOADS.entries()) {
        const tag = `xss${index}`;
        expectEscaped('login email', await anonymous.post('/connexion', { email: payload, password: 'pas le bon mot de passe' }), true);
        expectEscaped('forgotten password', await anonymous.post('/mot-de-passe-oublie', { email: payload }), false);
        // The journal's filters are lists, or cut to 10 characters (dates): checked, but not necessarily shown back.
        for (const [url, echoed] of [
          ['/?q=', true],
          ['/admin/organisations?q=', true],
          ['/admin/personnes?q=', true],
          ['/admin/courriels?destinataire=', true],
          ['/admin/journal?action=', false],
          ['/admin/journal?enregistrement=', false],
          ['/admin/journal?du=', false],
        ] as const) {
          const response = url.startsWith('/admin') ? await admin.get(`${url}${encodeURIComponent(payload)}`) : await anonymous.get(`${url}${encodeURIComponent(payload)}`);
          expectEscaped(`search ${url}`, response, echoed);
        }

        // Organisation names: refused (echoed in the form), then saved (shown in the list).
        expectEscaped('employer name, refused', await admin.post('/admin/organisations/employeurs/nouveau', { name: payload, siret: '123', sector: 'Social', regionCode: '', city: payload, postcode: '' }), true);
        expectEscaped('provider name, saved', await admin.post('/admin/organisations/organismes/nouveau', { name: `${payload} ${tag}`, siret: '', nda: '', email: '', city: payload }), false);
        expectEscaped('co-funder name, saved', await admin.post('/admin/organisations/cofinanceurs/nouveau', { name: `${payload} ${tag}`, lheoCode: '' }), false);
        expectEscaped('co-funder code, refused', await admin.post('/admin/organisations/cofinanceurs/nouveau', { name: `Autre ${tag}`, lheoCode: payload }), true);
        const organisations = await admin.get('/admin/organisations');
        expectEscaped('organisation list', organisations, true);
        expect(organisations.body).toContain(tag);

        // A person's name, typed in the invitation: on the list, the person's page, the mail and the invitee's page.
        const email = `invite-${tag}@tilleuls.example`;
        const invited = await admin.post('/admin/personnes/inviter', { email, displayName: `${payload} ${tag}`, organisation: `employer:${demo.employerId}`, role: 'employer_hr' });
        expectEscaped('invitation sent', invited, false);
        expect(invited.statusCode).toBe(201);
        expectEscaped('invitation refused', await admin.post('/admin/personnes/inviter', { email: payload, displayName: payload, organisation: '', role: '' }), true);
        const people = await admin.get('/admin/personnes');
        expectEscaped('people list', people, true);
        const person = await repos().users.findByEmail(email);
        expect(person?.displayName).toBe(`${payload} ${tag}`);
        expectEscaped('person page', await admin.get(`/admin/personnes/${person?.id}`), true);
        const mail = (await repos().outbox.listForRecipient(email))[0];
        expectEscaped('mail page', await admin.get(`/admin/courriels/${mail?.id}`), true);
        const link = /https?:\/\/relais\.test(\/invitation\/\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
        expectEscaped('invitation page', await new Browser(app).get(link), true);

        // API token name and a new address in « Mon compte ».
        expectEscaped('token created', await admin.post('/mon-compte/jetons', { name: `${payload} ${tag}`, scopes: 'catalogue:read', expiresInDays: '30' }), true);
        expectEscaped('my account', await admin.get('/mon-compte'), true);
        expectEscaped('new address, refused', await admin.post('/mon-compte/adresse', { newEmail: payload, password: DEMO_PASSWORD }), true);
      }
    });
  });

  describe('SQL-looking input', () => {
    it('is only text: normal answers, nothing matched by it, every table intact', async () => {
      const before = await rowCounts();
      const anonymous = new Browser(app, { 'x-forwarded-for': '198.51.100.20' });
      for (const [index, payload] of SQL_PAYLOADS.entries()) {
        expect((await anonymous.post('/connexion', { email: payload, password: payload })).statusCode).toBe(401);
        expect((await anonymous.post('/connexion', { email: `${demoEmailOf('funder_admin')}${payload}`, password: payload })).statusCode).toBe(401);
        expect(anonymous.session).toBeUndefined();
        expect([200, 422]).toContain((await anonymous.post('/mot-de-passe-oublie', { email: payload })).statusCode);

        const catalogue = await anonymous.get(`/?q=${encodeURIComponent(payload)}`);
        expect(catalogue.statusCode).toBe(200);
        expect([200, 400]).toContain((await app.inject({ method: 'GET', url: `/api/v1/trainings?q=${encodeURIComponent(payload)}` })).statusCode);
        expect((await app.inject({ method: 'GET', url: `/api/v1/trainings/${encodeURIComponent(payload)}` })).statusCode).toBe(404);
        expect((await anonymous.get(`/formations/${encodeURIComponent(payload)}`)).statusCode).toBe(404);

        const organisations = await admin.get(`/admin/organisations?q=${encodeURIComponent(payload)}`);
        expect(organisations.statusCode).toBe(200);
        expect(organisations.body).not.toContain('Centre social Les Tilleuls');
        const people = await admin.get(`/admin/personnes?q=${encodeURIComponent(payload)}`);
        expect(people.statusCode).toBe(200);
        expect(people.body).not.toContain('Camille Coordinatrice');
        expect((await admin.get(`/admin/personnes/${encodeURIComponent(payload)}`)).statusCode).toBe(404);
        expect((await admin.get(`/admin/courriels?destinataire=${encodeURIComponent(payload)}`)).statusCode).toBe(200);
        expect((await admin.get(`/admin/journal?personne=${encodeURIComponent(payload)}`)).statusCode).toBe(200);

        // Saved as typed.
        expect((await admin.post('/admin/organisations/cofinanceurs/nouveau', { name: `${payload} ${index}`, lheoCode: '' })).statusCode).toBe(303);
        expect((await repos().directory.listCofunders()).map((cofunder) => cofunder.name)).toContain(`${payload} ${index}`);
        const invited = await admin.post('/admin/personnes/inviter', { email: `sql-${index}@tilleuls.example`, displayName: `${payload} ${index}`, organisation: `employer:${demo.employerId}`, role: 'employer_hr' });
        expect(invited.statusCode).toBe(201);
        expect((await repos().users.findByEmail(`sql-${index}@tilleuls.example`))?.displayName).toBe(`${payload} ${index}`);
      }
      const after = await rowCounts();
      expect(after.users).toBe((before.users ?? 0) + SQL_PAYLOADS.length);
      expect(after.cofunders).toBe((before.cofunders ?? 0) + SQL_PAYLOADS.length);
      expect(after.trainings).toBe(before.trainings);
      // The demo accounts still sign in.
      expect((await signIn(app, demoEmailOf('cofunder_viewer'))).session).toBeDefined();
    });
  });

  describe('trainee magic links', () => {
    const HOUR = 3_600_000;
    const subject = { type: 'registration', id: 'inscription-42' };

    it('refuses a tampered, a mistyped or an expired link', async () => {
      const { db, dialect: name } = test.database;
      const linkClock = fixedClock(START);
      const token = await issueTraineeLinkToken(db, name, linkClock, subject, HOUR);
      const last = token.at(-1) === 'a' ? 'b' : 'a';
      expect(await redeemTraineeLinkToken(db, name, linkClock, `${token.slice(0, -1)}${last}`, { type: 'registration' }, { consume: false })).toBeNull();
      expect(await redeemTraineeLinkToken(db, name, linkClock, token.slice(0, -1), { type: 'registration' }, { consume: false })).toBeNull();
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'evaluation' }, { consume: false })).toBeNull();
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: false })).toEqual(subject);

      linkClock.set('2026-03-10T09:59:59Z');
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: false })).toEqual(subject);
      linkClock.set('2026-03-10T10:00:01Z');
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: false })).toBeNull();
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: true })).toBeNull();
    });

    it('lets a single-use link work once only', async () => {
      const { db, dialect: name } = test.database;
      const linkClock = fixedClock(START);
      const token = await issueTraineeLinkToken(db, name, linkClock, subject, HOUR);
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: true })).toEqual(subject);
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: true })).toBeNull();
      expect(await redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: false })).toBeNull();
    });

    it('lets only one of two concurrent uses of a single-use link win', async () => {
      const { db, dialect: name } = test.database;
      const linkClock = fixedClock(START);
      const token = await issueTraineeLinkToken(db, name, linkClock, subject, HOUR);
      const results = await Promise.all([0, 1, 2].map(() => redeemTraineeLinkToken(db, name, linkClock, token, { type: 'registration' }, { consume: true })));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });
  });

  describe('API tokens', () => {
    const trainings = (authorization?: string) => app.inject({ method: 'GET', url: '/api/v1/trainings', headers: authorization ? { authorization } : {} });

    it('accepts a valid token and refuses a revoked, a malformed or an unknown one with 401', async () => {
      const memberships = await repos().users.membershipsOf(demo.userIds.employer_hr);
      const acting = actingAs(demo.userIds.employer_hr, memberships);
      const { token, id } = await createApiToken(test.database, clock, acting, { userId: demo.userIds.employer_hr, name: 'SIRH', scopes: ['catalogue:read'], expiresInDays: 30 });
      expect((await trainings(`Bearer ${token}`)).statusCode).toBe(200);
      await revokeApiToken(test.database, clock, acting, id);
      const revoked = await trainings(`Bearer ${token}`);
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      for (const header of [`Bearer ${token.slice(0, -1)}x`, 'Bearer rls_inconnu', `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', `Bearer ${token} ${token}`]) {
        expect((await trainings(header)).statusCode, header).toBe(401);
      }
      // Without a token the public catalogue stays open.
      expect((await trainings()).statusCode).toBe(200);
    });

    it('refuses a token once expired', async () => {
      const memberships = await repos().users.membershipsOf(demo.userIds.funder_manager);
      const acting = actingAs(demo.userIds.funder_manager, memberships);
      const shortLived = await createApiToken(test.database, clock, acting, { userId: demo.userIds.funder_manager, name: 'Un jour', scopes: ['catalogue:read'], expiresInDays: 1 });
      const longLived = await createApiToken(test.database, clock, acting, { userId: demo.userIds.funder_manager, name: 'Un mois', scopes: ['catalogue:read'], expiresInDays: 30 });
      try {
        clock.set('2026-03-11T08:59:59Z');
        expect((await trainings(`Bearer ${shortLived.token}`)).statusCode).toBe(200);
        clock.set('2026-03-11T09:00:01Z');
        expect((await trainings(`Bearer ${shortLived.token}`)).statusCode).toBe(401);
        expect((await trainings(`Bearer ${longLived.token}`)).statusCode).toBe(200);
      } finally {
        clock.set(START);
      }
    });
  });

  describe('login throttling', () => {
    it('answers 429 with Retry-After in seconds after 20 wrong passwords, for a known or an unknown address alike', async () => {
      for (const [email, ip] of [
        [demoEmailOf('trainer'), '203.0.113.7'],
        ['personne@inconnu.example', '203.0.113.8'],
      ] as const) {
        const browser = new Browser(app, { 'x-forwarded-for': ip });
        let last: LightMyRequestResponse | undefined;
        for (let attempt = 0; attempt < 20; attempt += 1) last = await browser.post('/connexion', { email, password: `mauvais ${attempt}` });
        expect(last?.statusCode, email).toBe(429);
        const retryAfter = String(last?.headers['retry-after'] ?? '');
        expect(retryAfter, email).toMatch(/^\d+$/);
        expect(Number(retryAfter)).toBeGreaterThan(0);
        expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
        expect(csrfOf(last?.body ?? '')).toBeDefined();
      }
      // Another address from another IP is not held back.
      expect((await signIn(app, demoEmailOf('provider_coordinator'))).session).toBeDefined();
    });
  });
});
