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
import { cancelRegistration } from '../../src/use-cases/registrations/cancelRegistration.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
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
const EMPLOYER_HR = row('login',   403,     403,       403,     403,     'ok',   403);
const FUNDER_STAFF = row('login',  'ok',    'ok',      403,     403,     403,    403);
const PROVIDER_STAFF = row('login', 403,    403,       'ok',    'ok',    403,    403);

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
  /** The employer space: a staff member of the demo HR's employer, an open group, a confirmed registration, two offers to answer. */
  traineeId: string;
  /** A staff member with no registration, whose data the HR contact erases. */
  erasableTraineeId: string;
  openGroupId: string;
  confirmedRegistrationId: string;
  offerToAcceptId: string;
  offerToDeclineId: string;
  /** Pilotage: a Module 1 group of its own with a confirmed registration, and a registration waiting for validation. */
  steeringGroupId: string;
  steeringConfirmedId: string;
  steeringPendingId: string;
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
  // Probes are public; /metrics is open to loopback (as inject is), refused to other machines
  // without METRICS_TOKEN (observability.test.ts).
  'GET /healthz': { expect: PUBLIC },
  'GET /readyz': { expect: PUBLIC },
  'GET /metrics': { expect: PUBLIC },
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
  // The registrations API: a token (401 without), with the route's registrations:* scope (the
  // tokens here have catalogue:read only: 403 before anything is read). Who may act on which
  // record, with fully scoped tokens: registrationApi.test.ts.
  //                                                             anonymous  f_admin  f_manager  p_coord  trainer  emp_hr  cofunder
  'GET /api/v1/trainees': { expect: row(                         401,       403,     403,       403,     403,     403,    403) },
  'POST /api/v1/trainees': { expect: row(                        401,       403,     403,       403,     403,     403,    403) },
  'POST /api/v1/sessions/:id/registrations': { expect: row(      401,       403,     403,       403,     403,     403,    403), url: (f) => `/api/v1/sessions/${f.sessionId}/registrations` },
  'GET /api/v1/sessions/:id/registrations': { expect: row(       401,       403,     403,       403,     403,     403,    403), url: (f) => `/api/v1/sessions/${f.sessionId}/registrations` },
  'GET /api/v1/registrations': { expect: row(                    401,       403,     403,       403,     403,     403,    403) },
  'GET /api/v1/registrations/:id': { expect: row(                401,       403,     403,       403,     403,     403,    403), url: () => '/api/v1/registrations/inscription-inconnue' },
  'POST /api/v1/registrations/:id/cancel': { expect: row(        401,       403,     403,       403,     403,     403,    403), url: () => '/api/v1/registrations/inscription-inconnue/cancel' },
  'POST /api/v1/offers/:id/accept': { expect: row(               401,       403,     403,       403,     403,     403,    403), url: () => '/api/v1/offers/inscription-inconnue/accept' },
  'POST /api/v1/offers/:id/decline': { expect: row(              401,       403,     403,       403,     403,     403,    403), url: () => '/api/v1/offers/inscription-inconnue/decline' },
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
  // Offer links of the mails: the token is the proof, signed in or not; an unknown one is gone.
  'GET /offres/:token': { expect: GONE, url: () => `/offres/${DUMMY_TOKEN}` },
  'POST /offres/:token/accepter': { expect: GONE, url: () => `/offres/${DUMMY_TOKEN}/accepter` },
  'POST /offres/:token/refuser': { expect: GONE, url: () => `/offres/${DUMMY_TOKEN}/refuser` },
  // Espace employeur: the employer's HR contacts only. Forms posted empty are refused for their content (422).
  'GET /employeur': { expect: EMPLOYER_HR },
  'GET /employeur/personnel': { expect: EMPLOYER_HR },
  'POST /employeur/personnel': { expect: EMPLOYER_HR },
  'GET /employeur/personnel/:id': { expect: EMPLOYER_HR, url: (f) => `/employeur/personnel/${f.traineeId}` },
  'POST /employeur/personnel/:id': { expect: EMPLOYER_HR, url: (f) => `/employeur/personnel/${f.traineeId}` },
  'POST /employeur/personnel/:id/desactiver': { expect: EMPLOYER_HR, url: (f) => `/employeur/personnel/${f.traineeId}/desactiver` },
  'POST /employeur/personnel/:id/reactiver': { expect: EMPLOYER_HR, url: (f) => `/employeur/personnel/${f.traineeId}/reactiver` },
  'GET /employeur/personnel/:id/donnees.json': { expect: EMPLOYER_HR, url: (f) => `/employeur/personnel/${f.traineeId}/donnees.json` },
  'POST /employeur/personnel/:id/effacer': { expect: EMPLOYER_HR, url: (f) => `/employeur/personnel/${f.erasableTraineeId}/effacer` },
  'GET /employeur/inscrire/:sessionId': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscrire/${f.openGroupId}` },
  'POST /employeur/inscrire/:sessionId': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscrire/${f.openGroupId}` },
  'GET /employeur/inscriptions': { expect: EMPLOYER_HR, url: () => '/employeur/inscriptions?vue=personnes' },
  'GET /employeur/inscriptions/:id/convocation.pdf': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscriptions/${f.confirmedRegistrationId}/convocation.pdf` },
  'GET /employeur/inscriptions/:id/convocation.ics': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscriptions/${f.confirmedRegistrationId}/convocation.ics` },
  'GET /employeur/inscriptions/:id/annuler': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscriptions/${f.confirmedRegistrationId}/annuler` },
  'POST /employeur/inscriptions/:id/annuler': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscriptions/${f.confirmedRegistrationId}/annuler` },
  'POST /employeur/inscriptions/:id/accepter': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscriptions/${f.offerToAcceptId}/accepter` },
  'POST /employeur/inscriptions/:id/refuser': { expect: EMPLOYER_HR, url: (f) => `/employeur/inscriptions/${f.offerToDeclineId}/refuser` },
  // Pilotage: the funder's staff, admins and managers; co-funders see the space in the header but
  // not these pages (personal data). Forms posted empty are refused for their content (422); the
  // second person to validate or cancel the same registration is sent back, told it changed (303).
  'GET /pilotage': { expect: FUNDER_STAFF },
  'GET /pilotage/validations': { expect: FUNDER_STAFF },
  'GET /pilotage/decisions': { expect: FUNDER_STAFF },
  'GET /pilotage/groupes/:id': { expect: FUNDER_STAFF, url: (f) => `/pilotage/groupes/${f.steeringGroupId}` },
  'POST /pilotage/groupes/:id/maintenir': { expect: FUNDER_STAFF, url: (f) => `/pilotage/groupes/${f.steeringGroupId}/maintenir` },
  'GET /pilotage/groupes/:id/annuler': { expect: FUNDER_STAFF, url: (f) => `/pilotage/groupes/${f.steeringGroupId}/annuler` },
  'POST /pilotage/groupes/:id/annuler': { expect: FUNDER_STAFF, url: (f) => `/pilotage/groupes/${f.steeringGroupId}/annuler` },
  'GET /pilotage/groupes/:id/participants.csv': { expect: FUNDER_STAFF, url: (f) => `/pilotage/groupes/${f.steeringGroupId}/participants.csv` },
  'POST /pilotage/inscriptions/:id/valider': { expect: FUNDER_STAFF, url: (f) => `/pilotage/inscriptions/${f.steeringPendingId}/valider` },
  'POST /pilotage/inscriptions/:id/refuser': { expect: FUNDER_STAFF, url: (f) => `/pilotage/inscriptions/${f.steeringPendingId}/refuser` },
  'POST /pilotage/inscriptions/:id/annuler': { expect: FUNDER_STAFF, url: (f) => `/pilotage/inscriptions/${f.steeringConfirmedId}/annuler` },
  'POST /pilotage/inscriptions/:id/deplacer': { expect: FUNDER_STAFF, url: (f) => `/pilotage/inscriptions/${f.steeringConfirmedId}/deplacer` },
  'GET /pilotage/formations/:id/inscriptions': { expect: FUNDER_STAFF, url: (f) => `/pilotage/formations/${f.trainingId}/inscriptions` },
  'POST /pilotage/formations/:id/inscriptions': { expect: FUNDER_STAFF, url: (f) => `/pilotage/formations/${f.trainingId}/inscriptions`, body: () => ({ employerCap: 'aucun' }) },
  // Espace organisme: the staff of the provider that runs the group (APSN for the demo trainings).
  'GET /organisme': { expect: PROVIDER_STAFF },
  'GET /organisme/groupes/:id': { expect: PROVIDER_STAFF, url: (f) => `/organisme/groupes/${f.steeringGroupId}` },
  'GET /organisme/groupes/:id/participants.csv': { expect: PROVIDER_STAFF, url: (f) => `/organisme/groupes/${f.steeringGroupId}/participants.csv` },
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

/**
 * What the pilotage rows act on, as the demo HR contact: two new people, one confirmed in
 * Module 1's third future group, one waiting for validation in Module 2 (Module 1 declared as
 * followed elsewhere).
 */
async function steeringRecords(test: TestDatabase, demo: DemoFixture) {
  const hr = actingAs(demo.userIds.employer_hr, [{ organisationKind: 'employer', organisationId: demo.employerId, role: 'employer_hr' }]);
  const deps = { database: test.database, clock, config: { baseUrl: new URL('http://relais.test') } };
  const repos = repositoriesOn(test.database.db, test.database.dialect);
  const at = clock.now().toISOString();
  const [confirmedId, pendingId] = [
    await repos.trainees.insert(demo.employerId, { firstName: 'Paul', lastName: 'Pilotage', email: 'paul.pilotage@tilleuls.example', profession: 'cadre' }, at),
    await repos.trainees.insert(demo.employerId, { firstName: 'Vera', lastName: 'Validation', email: 'vera.validation@tilleuls.example', profession: 'cadre' }, at),
  ];
  const groupOf = async (moduleNumber: number, position: number) =>
    (
      await test.database.db
        .selectFrom('sessions as s')
        .innerJoin('trainings as t', 't.id', 's.training_id')
        .select('s.id')
        .where('s.is_demo', '=', 1)
        .where('t.module_number', '=', moduleNumber)
        .orderBy('s.position')
        .execute()
    )[position]?.id ?? '';
  const steeringGroupId = await groupOf(1, 2);
  const confirmed = await registerTrainees(deps, hr, { sessionId: steeringGroupId, people: [{ traineeId: confirmedId }], idempotencyKey: null });
  const pending = await registerTrainees(deps, hr, { sessionId: await groupOf(2, 0), people: [{ traineeId: pendingId, declaration: 'Module 1 suivi ailleurs.' }], idempotencyKey: null });
  return { steeringGroupId, steeringConfirmedId: confirmed.outcomes[0]?.registrationId ?? '', steeringPendingId: pending.outcomes[0]?.registrationId ?? '' };
}

/**
 * What the employer space's rows act on, made by the registration use cases as the demo HR
 * contact: in a group of two seats, four people (two confirmed, two waitlisted), then the two
 * confirmed cancelled, which offers both seats; a fifth person confirmed in another group.
 */
async function employerSpaceRecords(test: TestDatabase, demo: DemoFixture) {
  const hr = actingAs(demo.userIds.employer_hr, [{ organisationKind: 'employer', organisationId: demo.employerId, role: 'employer_hr' }]);
  const deps = { database: test.database, clock, config: { baseUrl: new URL('http://relais.test') } };
  const staff = (await repositoriesOn(test.database.db, test.database.dialect).trainees.listForEmployer(demo.employerId)).map((trainee) => trainee.id);
  const groups = await test.database.db
    .selectFrom('sessions as s')
    .innerJoin('trainings as t', 't.id', 's.training_id')
    .select('s.id')
    .where('s.is_demo', '=', 1)
    .where('t.module_number', '=', 1)
    .orderBy('s.position')
    .execute();
  const [offered, confirmed, open] = groups.map((group) => group.id);
  if (staff.length < 6 || !offered || !confirmed || !open) throw new Error('the demo seed should give Les Tilleuls five staff and Module 1 three future groups');
  await test.database.db.updateTable('sessions').set({ max_trainees: 2, min_trainees: 2 }).where('id', '=', offered).execute();
  const placed = await registerTrainees(deps, hr, { sessionId: offered, people: staff.slice(0, 4).map((traineeId) => ({ traineeId })), idempotencyKey: null });
  for (const outcome of placed.outcomes.slice(0, 2)) await cancelRegistration(deps, hr, outcome.registrationId);
  const kept = await registerTrainees(deps, hr, { sessionId: confirmed, people: [{ traineeId: staff[4] as string }], idempotencyKey: null });
  return {
    traineeId: staff[0] as string,
    erasableTraineeId: staff[5] as string,
    openGroupId: open,
    confirmedRegistrationId: kept.outcomes[0]?.registrationId ?? '',
    offerToAcceptId: placed.outcomes[2]?.registrationId ?? '',
    offerToDeclineId: placed.outcomes[3]?.registrationId ?? '',
  };
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
    const employerRecords = await employerSpaceRecords(test, demo);
    fixture = { ...demo, victimId: invited.userId, victimEmployerId: demo.otherEmployerId, mailId: mail.id, targetProviderId, targetCofunderId, revokableTokenId: revokable.id, ...employerRecords, ...(await steeringRecords(test, demo)) };

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
