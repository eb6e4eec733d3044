/**
 * Every registered route × every actor (nobody signed in, then one demo account per role): the
 * answer must be the one written in the table below. A route added without a row fails the
 * first test, naming the route. Requests carry a valid session cookie and, for forms, a valid
 * CSRF token, so that the answer reflects authorization only; the API is called with a bearer
 * token of the person (the API never reads cookies).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Membership } from '../../src/domain/accounts/policy.js';
import type { Role } from '../../src/db/schema.js';
import { createApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import { inviteUser } from '../../src/use-cases/accounts/inviteUser.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { hashPassword } from '../../src/security/secrets.js';
import { fixedClock } from '../support/clock.js';
import { buildFunder } from '../support/factories.js';
import { ACTORS, browserOf, signIn, seedDemoFixture, type ActorName, type Browser, type DemoFixture, type Fields } from '../support/signedIn.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const clock = fixedClock('2026-03-10T09:00:00Z');
const DUMMY_TOKEN = 'jeton-factice-0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * 'ok': 2xx, or a redirect that is not a demand to sign in, or — for a form posted empty — 400/422
 * (the form was reached and refused for its content). 'login': 303 to /connexion?suivant=….
 */
type Outcome = 'ok' | 'login' | 401 | 403 | 404 | 410;
type Expectation = Record<ActorName, Outcome>;

/** One row of the table, columns in the order of ACTORS. */
function row(anonymous: Outcome, funderAdmin: Outcome, funderManager: Outcome, providerCoordinator: Outcome, trainer: Outcome, employerHr: Outcome, cofunderViewer: Outcome): Expectation {
  return {
    anonymous,
    funder_admin: funderAdmin,
    funder_manager: funderManager,
    provider_coordinator: providerCoordinator,
    trainer,
    employer_hr: employerHr,
    cofunder_viewer: cofunderViewer,
  };
}

//                      anonymous  f_admin  f_manager  p_coord  trainer  emp_hr  cofunder
const PUBLIC = row(     'ok',      'ok',    'ok',      'ok',    'ok',    'ok',   'ok');
const SIGNED_IN = row(  'login',   'ok',    'ok',      'ok',    'ok',    'ok',   'ok');
const FUNDER_ADMIN = row('login',  'ok',    403,       403,     403,     403,    403);
const GONE = row(       410,       410,     410,       410,     410,     410,    410);

interface Fixture extends DemoFixture {
  /** An invited person of a demo employer, whom the admin may deactivate and whose role may be removed. */
  victimId: string;
  victimEmployerId: string;
  /** A mail of the demo funder's outbox (the victim's invitation). */
  mailId: string;
  /** Organisations the admin deactivates and reactivates, used by nobody else. */
  targetProviderId: string;
  targetCofunderId: string;
  /** A token of the funder admin: only its owner may revoke it. */
  revokableTokenId: string;
}

interface RouteCase {
  expect: Expectation;
  /** The concrete URL; default: the pattern itself. */
  url?: (f: Fixture) => string;
  /** The form posted (a CSRF token is always added); default: empty. */
  body?: (f: Fixture) => Fields;
  /** Ends the actor's sessions: the actor signs in again afterwards. */
  endsSessions?: true;
}

/** The table: every registered route, keyed "METHOD pattern". Keep it in the order routes are registered (state-changing rows run in this order). */
const ROUTES: Record<string, RouteCase> = {
  // Static files and the API documentation: public.
  'GET /static/*': { expect: PUBLIC, url: () => '/static/styles.css' },
  'GET /api/docs': { expect: PUBLIC },
  'GET /api/docs/static/index.html': { expect: PUBLIC },
  'GET /api/docs/static/swagger-initializer.js': { expect: PUBLIC },
  'GET /api/docs/json': { expect: PUBLIC },
  'GET /api/docs/yaml': { expect: PUBLIC },
  'GET /api/docs/static/*': { expect: PUBLIC, url: () => '/api/docs/static/swagger-ui.css' },
  // The public catalogue API: anonymous, or any valid bearer token.
  'GET /api/v1/trainings': { expect: PUBLIC },
  'GET /api/v1/trainings/:id': { expect: PUBLIC, url: (f) => `/api/v1/trainings/${f.trainingId}` },
  'GET /api/v1/sessions/:id': { expect: PUBLIC, url: (f) => `/api/v1/sessions/${f.sessionId}` },
  // The catalogue pages.
  'GET /': { expect: PUBLIC, url: () => '/?q=aller' },
  'GET /formations/:slug': { expect: PUBLIC, url: (f) => `/formations/${f.trainingSlug}` },
  // Login (a signed-in visitor is sent on to « Mon compte »), logout.
  'GET /connexion': { expect: PUBLIC },
  //                                      anonymous  f_admin  f_manager  p_coord  trainer  emp_hr  cofunder
  'POST /connexion': { expect: row(       401,       401,     401,       401,     401,     401,    401) },
  'POST /deconnexion': { expect: PUBLIC, endsSessions: true },
  // Password reset and invitation: public pages; a token that does not exist is gone (410).
  'GET /mot-de-passe-oublie': { expect: PUBLIC },
  'POST /mot-de-passe-oublie': { expect: PUBLIC },
  'GET /mot-de-passe/nouveau/:token': { expect: GONE, url: () => `/mot-de-passe/nouveau/${DUMMY_TOKEN}` },
  'POST /mot-de-passe/nouveau/:token': { expect: GONE, url: () => `/mot-de-passe/nouveau/${DUMMY_TOKEN}` },
  'GET /invitation/:token': { expect: GONE, url: () => `/invitation/${DUMMY_TOKEN}` },
  'POST /invitation/:token': { expect: GONE, url: () => `/invitation/${DUMMY_TOKEN}` },
  // « Mon compte »: anyone signed in, for their own account only.
  'GET /mon-compte': { expect: SIGNED_IN },
  'POST /mon-compte/mot-de-passe': { expect: SIGNED_IN },
  'POST /mon-compte/adresse': { expect: SIGNED_IN },
  'POST /mon-compte/deconnexion-partout': { expect: SIGNED_IN, endsSessions: true },
  'POST /mon-compte/jetons': { expect: SIGNED_IN },
  //                                                    anonymous  f_admin  f_manager  p_coord  trainer  emp_hr  cofunder
  'POST /mon-compte/jetons/:id/revoquer': { expect: row('login',   'ok',    404,       404,     404,     404,    404), url: (f) => `/mon-compte/jetons/${f.revokableTokenId}/revoquer` },
  'GET /mon-compte/donnees.json': { expect: SIGNED_IN },
  'GET /mon-compte/adresse/:token': { expect: GONE, url: () => `/mon-compte/adresse/${DUMMY_TOKEN}` },
  'GET /donnees-personnelles': { expect: PUBLIC },
  // Administration: the funder's admins only.
  'GET /admin': { expect: FUNDER_ADMIN },
  'GET /admin/organisations': { expect: FUNDER_ADMIN, url: () => '/admin/organisations?q=tilleuls' },
  'GET /admin/organisations/employeurs/nouveau': { expect: FUNDER_ADMIN },
  'POST /admin/organisations/employeurs/nouveau': { expect: FUNDER_ADMIN },
  'GET /admin/organisations/employeurs/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/employeurs/${f.employerId}` },
  'POST /admin/organisations/employeurs/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/employeurs/${f.employerId}` },
  'GET /admin/organisations/organismes/nouveau': { expect: FUNDER_ADMIN },
  'POST /admin/organisations/organismes/nouveau': { expect: FUNDER_ADMIN },
  'GET /admin/organisations/organismes/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/organismes/${f.providerId}` },
  'POST /admin/organisations/organismes/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/organismes/${f.providerId}` },
  'GET /admin/organisations/financeur': { expect: FUNDER_ADMIN },
  'POST /admin/organisations/financeur': { expect: FUNDER_ADMIN },
  'GET /admin/organisations/cofinanceurs/nouveau': { expect: FUNDER_ADMIN },
  'POST /admin/organisations/cofinanceurs/nouveau': { expect: FUNDER_ADMIN },
  'GET /admin/organisations/cofinanceurs/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/cofinanceurs/${f.cofunderId}` },
  'POST /admin/organisations/cofinanceurs/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/cofinanceurs/${f.cofunderId}` },
  'POST /admin/organisations/employeurs/:id/desactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/employeurs/${f.victimEmployerId}/desactiver` },
  'POST /admin/organisations/employeurs/:id/reactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/employeurs/${f.victimEmployerId}/reactiver` },
  'POST /admin/organisations/organismes/:id/desactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/organismes/${f.targetProviderId}/desactiver` },
  'POST /admin/organisations/organismes/:id/reactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/organismes/${f.targetProviderId}/reactiver` },
  'POST /admin/organisations/cofinanceurs/:id/desactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/cofinanceurs/${f.targetCofunderId}/desactiver` },
  'POST /admin/organisations/cofinanceurs/:id/reactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/organisations/cofinanceurs/${f.targetCofunderId}/reactiver` },
  'GET /admin/personnes': { expect: FUNDER_ADMIN, url: () => '/admin/personnes?q=demo' },
  'GET /admin/personnes/inviter': { expect: FUNDER_ADMIN },
  'POST /admin/personnes/inviter': { expect: FUNDER_ADMIN },
  'GET /admin/personnes/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/personnes/${f.victimId}` },
  'POST /admin/personnes/:id/desactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/personnes/${f.victimId}/desactiver` },
  'POST /admin/personnes/:id/reactiver': { expect: FUNDER_ADMIN, url: (f) => `/admin/personnes/${f.victimId}/reactiver` },
  'POST /admin/personnes/:id/roles/retirer': {
    expect: FUNDER_ADMIN,
    url: (f) => `/admin/personnes/${f.victimId}/roles/retirer`,
    body: (f) => ({ kind: 'employer', organisationId: f.victimEmployerId, role: 'employer_hr' }),
  },
  'GET /admin/personnes/:id/donnees.json': { expect: FUNDER_ADMIN, url: (f) => `/admin/personnes/${f.victimId}/donnees.json` },
  // Posted without the confirmation: refused for its content (422) once authorised, nothing erased.
  'POST /admin/personnes/:id/effacer': { expect: FUNDER_ADMIN, url: (f) => `/admin/personnes/${f.victimId}/effacer` },
  'GET /admin/journal': { expect: FUNDER_ADMIN },
  'GET /admin/courriels': { expect: FUNDER_ADMIN },
  'GET /admin/courriels/:id': { expect: FUNDER_ADMIN, url: (f) => `/admin/courriels/${f.mailId}` },
  'GET /admin/conservation': { expect: FUNDER_ADMIN },
  'POST /admin/conservation': { expect: FUNDER_ADMIN },
};

function describeAnswer(response: LightMyRequestResponse): string {
  const location = response.headers.location ? ` → ${String(response.headers.location)}` : '';
  return `${response.statusCode}${location}`;
}

function matches(outcome: Outcome, method: string, response: LightMyRequestResponse): boolean {
  const status = response.statusCode;
  const location = String(response.headers.location ?? '');
  switch (outcome) {
    case 'ok':
      if (status >= 200 && status < 300) return true;
      if (status >= 300 && status < 400) return location !== '' && !location.startsWith('/connexion?suivant=');
      return method === 'POST' && (status === 400 || status === 422);
    case 'login':
      return status === 303 && location.startsWith('/connexion?suivant=');
    default:
      return status === outcome;
  }
}

function actingAs(userId: string, memberships: Membership[]): Acting {
  return { actor: { kind: 'user', userId, memberships }, label: 'Test', meta: { ip: null, userAgent: null } };
}

describe.each(TEST_DIALECTS)('route access on %s', (dialect) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let fixture: Fixture;
  const browsers = new Map<ActorName, Browser>();
  const bearers = new Map<ActorName, string>();

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const demo = await seedDemoFixture(test.database, clock);
    const repos = repositoriesOn(test.database.db, test.database.dialect);
    const adminActing = actingAs(demo.userIds.funder_admin, [{ organisationKind: 'funder', organisationId: demo.funderId, role: 'funder_admin' }]);
    const invited = await inviteUser(test.database, clock, { baseUrl: new URL('http://relais.test') }, adminActing, {
      email: 'victime@hortensias.example',
      displayName: 'Victor Victime',
      organisationKind: 'employer',
      organisationId: demo.otherEmployerId,
      role: 'employer_hr',
    });
    const mail = (await repos.outbox.listForRecipient('victime@hortensias.example'))[0];
    if (!mail) throw new Error('no invitation mail in the outbox');
    const targetProviderId = await repos.organisations.findOrCreateProvider('Organisme cible');
    const targetCofunderId = await repos.organisations.findOrCreateCofunder('Cofinanceur cible');
    const revokable = await createApiToken(test.database, clock, adminActing, { userId: demo.userIds.funder_admin, name: 'À révoquer', scopes: ['catalogue:read'], expiresInDays: 30 });
    fixture = { ...demo, victimId: invited.userId, victimEmployerId: demo.otherEmployerId, mailId: mail.id, targetProviderId, targetCofunderId, revokableTokenId: revokable.id };

    app = await buildTestApp(test.database, clock);
    for (const actor of ACTORS) {
      browsers.set(actor, await browserOf(app, actor));
      if (actor === 'anonymous') continue;
      const memberships = await repos.users.membershipsOf(demo.userIds[actor]);
      const { token } = await createApiToken(test.database, clock, actingAs(demo.userIds[actor], memberships), { userId: demo.userIds[actor], name: 'Accès', scopes: ['catalogue:read'], expiresInDays: 30 });
      bearers.set(actor, token);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const registered = new Set(app.registeredRoutes.map((route) => `${route.method} ${route.url}`));
    const listed = new Set(Object.keys(ROUTES));
    const missing = [...registered].filter((key) => !listed.has(key));
    const stale = [...listed].filter((key) => !registered.has(key));
    expect(missing, `routes without a row in the access table of ${import.meta.url.split('/').pop()}: add them`).toEqual([]);
    expect(stale, 'rows of the access table for routes that are not registered: remove them').toEqual([]);
  });

  it('answers every route × actor as the table says', async () => {
    const failures: string[] = [];
    for (const [key, route] of Object.entries(ROUTES)) {
      const [method = 'GET', pattern = '/'] = key.split(' ');
      const url = route.url ? route.url(fixture) : pattern;
      for (const actor of ACTORS) {
        const browser = browsers.get(actor);
        if (!browser) throw new Error(`no browser for ${actor}`);
        const bearer = bearers.get(actor);
        const headers: Record<string, string> = url.startsWith('/api/') && bearer ? { authorization: `Bearer ${bearer}` } : {};
        const response = method === 'POST' ? await browser.post(url, route.body ? route.body(fixture) : {}, { headers }) : await browser.get(url, headers);
        const expected = route.expect[actor];
        if (!matches(expected, method, response)) failures.push(`${key} as ${actor}: expected ${expected}, got ${describeAnswer(response)} (${method} ${url})`);
        if (response.statusCode >= 500) failures.push(`${key} as ${actor}: server error ${response.body.slice(0, 200)}`);
        if (route.endsSessions) browsers.set(actor, await browserOf(app, actor));
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  describe('another funder’s records', () => {
    let other: { funderId: string; employerId: string; hrId: string; adminId: string; mailId: string };
    let admin: Browser;

    beforeAll(async () => {
      const repos = repositoriesOn(test.database.db, test.database.dialect);
      const at = clock.now().toISOString();
      const funderId = (await buildFunder(test.database, { name: 'Autre OPCO Occitanie', regionCode: '76' })).id;
      const employerId = await repos.organisations.insertEmployer({ funderId, name: 'Clinique d’un autre OPCO', siret: '35600000000048', sector: 'Sanitaire', regionId: null, city: 'Toulouse', postcode: '31000' });
      const adminId = await repos.users.insert({ email: 'admin@autre-opco.example', displayName: 'Admin Autre OPCO', passwordHash: await hashPassword('un mot de passe très long'), status: 'active' }, at);
      await repos.users.addMembership(adminId, { organisationKind: 'funder', organisationId: funderId, role: 'funder_admin' }, at);
      const invited = await inviteUser(test.database, clock, { baseUrl: new URL('http://relais.test') }, actingAs(adminId, [{ organisationKind: 'funder', organisationId: funderId, role: 'funder_admin' }]), {
        email: 'rh@clinique-autre.example',
        displayName: 'Rose Autre-Employeur',
        organisationKind: 'employer',
        organisationId: employerId,
        role: 'employer_hr' as Role,
      });
      const mail = (await repos.outbox.listForRecipient('rh@clinique-autre.example'))[0];
      other = { funderId, employerId, hrId: invited.userId, adminId, mailId: mail?.id ?? 'none' };
      admin = await signIn(app, 'admin@opco.example');
    });

    it('refuses the demo admin another funder’s employer, and the choice of that funder', async () => {
      expect((await admin.get(`/admin/organisations/employeurs/${other.employerId}`)).statusCode).toBe(403);
      expect((await admin.post(`/admin/organisations/employeurs/${other.employerId}/desactiver`)).statusCode).toBe(403);
      expect((await admin.get(`/admin/organisations?financeur=${other.funderId}`)).statusCode).toBe(403);
      expect((await admin.get('/admin/organisations')).body).not.toContain('Clinique d’un autre OPCO');
    });

    it('hides another funder’s mails from the demo admin', async () => {
      expect((await admin.get(`/admin/courriels/${other.mailId}`)).statusCode).toBe(404);
      expect((await admin.get('/admin/courriels')).body).not.toContain('rh@clinique-autre.example');
    });

    it('does not let the demo admin manage the people of another funder’s employer', async () => {
      const refusedOr = (response: LightMyRequestResponse) => ([403, 404].includes(response.statusCode) ? 'refused' : response.statusCode);
      const list = await admin.get('/admin/personnes');
      expect(list.statusCode).toBe(200);
      const answers = {
        listed: list.body.includes('Rose Autre-Employeur'),
        page: refusedOr(await admin.get(`/admin/personnes/${other.hrId}`)),
        export: refusedOr(await admin.get(`/admin/personnes/${other.hrId}/donnees.json`)),
        deactivate: refusedOr(await admin.post(`/admin/personnes/${other.hrId}/desactiver`)),
        removeRole: refusedOr(await admin.post(`/admin/personnes/${other.hrId}/roles/retirer`, { kind: 'employer', organisationId: other.employerId, role: 'employer_hr' })),
        erase: refusedOr(await admin.post(`/admin/personnes/${other.hrId}/effacer`, { confirmation: 'oui' })),
        statusAfter: (await repositoriesOn(test.database.db, test.database.dialect).users.findById(other.hrId))?.status,
      };
      expect(answers).toEqual({ listed: false, page: 'refused', export: 'refused', deactivate: 'refused', removeRole: 'refused', erase: 'refused', statusAfter: 'invited' });
    });
  });
});
