/**
 * The world the hostile-input suite fuzzes: the real app (test/support/testApp.ts) on a test
 * database (SQLite, or PostgreSQL) seeded with the demo, a few records of every kind (registrations, offers, an
 * invitation, reset links), one signed-in "browser" per demo account plus an anonymous one,
 * an API token per account with every scope, and what the app's own pages and OpenAPI document
 * say about the forms, fields and values it expects. Nothing about routes or fields is written
 * by hand: a route or a form added tomorrow is fuzzed tomorrow.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Membership } from '../../../src/domain/accounts/policy.js';
import { API_SCOPES } from '../../../src/domain/accounts/apiScopes.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../src/demo/demoAccounts.js';
import type { RegisteredRoute } from '../../../src/http/app.js';
import { createApiToken } from '../../../src/use-cases/accounts/apiTokens.js';
import { inviteUser } from '../../../src/use-cases/accounts/inviteUser.js';
import type { Acting } from '../../../src/use-cases/accounts/requestContext.js';
import { cancelRegistration } from '../../../src/use-cases/registrations/cancelRegistration.js';
import { registerTrainees } from '../../../src/use-cases/registrations/registerTrainees.js';
import { repositoriesOn } from '../../../src/use-cases/repositories.js';
import { fixedClock } from '../../support/clock.js';
import { Browser, seedDemoFixture, signIn, type DemoFixture } from '../../support/signedIn.js';
import { buildTestApp } from '../../support/testApp.js';
import type { DialectName } from '../../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

/** Someone whose credentials a request may carry: a cookie jar, the CSRF token of its forms, an API token. */
export interface FuzzActor {
  name: string;
  email: string | null;
  cookie: string;
  csrf: string | null;
  bearer: string | null;
}

export interface HostileWorld {
  app: FastifyInstance;
  test: TestDatabase;
  demo: DemoFixture;
  routes: RegisteredRoute[];
  /** Ids, slugs and link tokens that exist in the database. */
  realValues: string[];
  /** Files under /static/. */
  staticFiles: string[];
  /** Every form field name seen in the app's pages. */
  fieldNames: string[];
  /** Field names by route ("POST /pattern"), from the forms whose action matches the route. */
  formFields: Map<string, string[]>;
  /** Query keys seen in the app's links, and the API's documented query parameters. */
  queryKeys: string[];
  /** The same by route ("GET /pattern"): its links, its GET forms, its OpenAPI parameters. */
  queryKeysByRoute: Map<string, string[]>;
  /** Property names of the API's request bodies (OpenAPI). */
  jsonKeys: string[];
  /** Values the app itself proposes (options, checkboxes, enums): they get past the first checks. */
  plausibleValues: string[];
  /** Index 0 is anonymous (with a CSRF cookie), then one per demo account. */
  actors: FuzzActor[];
  /** The forms as the app shows them (default values, the actor who saw them): submitted with one field made hostile, they get deep. */
  forms: HarvestedForm[];
  /** JSON request bodies of the API ("POST /pattern" → JSON schema from the OpenAPI document). */
  apiBodies: Map<string, JsonSchema>;
  /** Routes that end the session they are posted with (« Se déconnecter », « … partout »). */
  sessionEnding: Set<string>;
  /** The actors that reached each route ("METHOD /pattern") while harvesting: a page answered 200, or a form for it shown. */
  capableActors: Map<string, number[]>;
  close(): Promise<void>;
}

export interface HarvestedForm {
  /** "POST /pattern" of the route the form posts to. */
  route: string;
  /** The concrete action, as in the page. */
  action: string;
  /** Who saw it (index in actors): its cookie and CSRF token go with it. */
  actor: number;
  /** Fields with the values a browser would send untouched (checked boxes, selected options, hidden fields). */
  fields: Array<[string, string]>;
  /** The values the page offers for a field (select options, checkbox and radio values), by name. */
  choices: Record<string, string[]>;
}

/** The subset of JSON Schema the API's TypeBox schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
}

export const FUZZ_CLOCK_ISO = '2026-03-10T09:00:00Z';
const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

function actingAs(userId: string, memberships: Membership[]): Acting {
  return { actor: { kind: 'user', userId, memberships }, label: 'Fuzz', meta: { ip: null, userAgent: null } };
}

function cookieOf(browser: Browser): string {
  return browser.cookieHeader;
}

/** A pattern as a regex matching its concrete URLs. */
function patternRegex(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

interface Harvest {
  capable: Map<string, Set<number>>;
  forms: Map<string, HarvestedForm>;
  fieldNames: Set<string>;
  formFields: Map<string, Set<string>>;
  queryKeys: Set<string>;
  routeQueryKeys: Map<string, Set<string>>;
  values: Set<string>;
}

function addTo(map: Map<string, Set<string>>, key: string, values: Iterable<string>): void {
  const set = map.get(key) ?? new Set<string>();
  for (const value of values) set.add(value);
  map.set(key, set);
}

/** Reads the forms, fields, option values and link query keys of one HTML page. */
function harvestPage(html: string, routes: RegisteredRoute[], harvest: Harvest, actor: number): void {
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attributes = form[1] ?? '';
    const action = decodeEntities(/action="([^"]*)"/.exec(attributes)?.[1] ?? '');
    const method = (/method="([^"]*)"/.exec(attributes)?.[1] ?? 'GET').toUpperCase();
    const names = [...(form[2] ?? '').matchAll(/name="([^"]+)"/g)].map((match) => decodeEntities(match[1] ?? ''));
    for (const name of names) harvest.fieldNames.add(name);
    const path = action.split('?')[0] ?? '';
    for (const route of routes) {
      if (route.method !== method || !patternRegex(route.url).test(path)) continue;
      const key = `${route.method} ${route.url}`;
      addTo(harvest.formFields, key, names);
      if (method === 'GET') addTo(harvest.routeQueryKeys, key, names);
      canReach(harvest, key, actor);
      if (method !== 'POST') continue;
      const { fields, choices } = defaultFields(form[2] ?? '');
      // One form per route, actor and set of fields (forty « Désactiver » buttons are one form), the most filled-in one.
      const identity = `${key} ${actor} ${fields.map(([name]) => name).join(',')}`;
      const filled = (candidate: Array<[string, string]>) => candidate.filter(([, value]) => value !== '').length;
      const known = harvest.forms.get(identity);
      if (!known || filled(fields) > filled(known.fields)) harvest.forms.set(identity, { route: key, action, actor, fields, choices });
    }
  }
  for (const match of html.matchAll(/<(?:option|input)\b([^>]*)\bvalue="([^"]{1,80})"/g)) {
    if ((match[1] ?? '').includes('name="_csrf"')) continue;
    const value = decodeEntities(match[2] ?? '');
    // CSRF tokens and demo e-mail addresses stay out: the fuzzer must not lock the demo accounts out.
    if (value.length < 60 && !value.includes('@')) harvest.values.add(value);
  }
  for (const match of html.matchAll(/href="([^"?#]*)\?([^"#]*)"/g)) {
    const path = decodeEntities(match[1] ?? '');
    const params = [...new URLSearchParams(decodeEntities(match[2] ?? ''))];
    for (const [key, value] of params) {
      harvest.queryKeys.add(key);
      if (value.length > 0 && value.length < 60 && !value.includes('@')) harvest.values.add(value);
    }
    for (const route of routes) {
      if (route.method === 'GET' && patternRegex(route.url).test(path)) addTo(harvest.routeQueryKeys, `GET ${route.url}`, params.map(([key]) => key));
    }
  }
}

function attribute(attributes: string, name: string): string | null {
  const quoted = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes);
  if (quoted) return decodeEntities(quoted[1] ?? '');
  return new RegExp(`\\b${name}(?=[\\s/>]|$)`).test(attributes) ? '' : null;
}

/** What a browser sends for a form left as it is (text and hidden inputs, checked boxes, selected options, textareas), and what it offers to choose from. */
function defaultFields(formHtml: string): { fields: Array<[string, string]>; choices: Record<string, string[]> } {
  const fields: Array<[string, string]> = [];
  const choices: Record<string, string[]> = {};
  const offer = (name: string, value: string) => {
    if (value !== '') (choices[name] ??= []).push(value);
  };
  for (const input of formHtml.matchAll(/<input\b([^>]*)>/g)) {
    const attributes = input[1] ?? '';
    const name = attribute(attributes, 'name');
    const type = (attribute(attributes, 'type') ?? 'text').toLowerCase();
    if (name === null || type === 'submit' || type === 'file') continue;
    const value = attribute(attributes, 'value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
    if (type === 'checkbox' || type === 'radio') {
      offer(name, value);
      if (attribute(attributes, 'checked') === null) continue;
    }
    fields.push([name, value]);
  }
  for (const select of formHtml.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(select[1] ?? '', 'name');
    if (name === null) continue;
    const options = [...(select[2] ?? '').matchAll(/<option\b([^>]*)>([^<]*)/g)].map((option) => ({
      value: attribute(option[1] ?? '', 'value') ?? decodeEntities(option[2] ?? ''),
      selected: attribute(option[1] ?? '', 'selected') !== null,
    }));
    const chosen = options.filter((option) => option.selected);
    for (const option of chosen.length > 0 ? chosen : options.slice(0, 1)) fields.push([name, option.value]);
    for (const option of options) offer(name, option.value);
  }
  for (const textarea of formHtml.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(textarea[1] ?? '', 'name');
    if (name !== null) fields.push([name, decodeEntities(textarea[2] ?? '')]);
  }
  const button = /<button\b([^>]*)>/.exec(formHtml);
  const buttonName = button ? attribute(button[1] ?? '', 'name') : null;
  if (button && buttonName !== null) fields.push([buttonName, attribute(button[1] ?? '', 'value') ?? '']);
  return { fields, choices };
}

function canReach(harvest: Harvest, routeKey: string, actor: number): void {
  const set = harvest.capable.get(routeKey) ?? new Set<number>();
  set.add(actor);
  harvest.capable.set(routeKey, set);
}

/** The JSON request body schema of each API route, from the OpenAPI document ("/api/v1/x/{id}" → "POST /api/v1/x/:id"). */
function apiBodiesOf(document: unknown): Map<string, JsonSchema> {
  const bodies = new Map<string, JsonSchema>();
  const paths = (document as { paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> }).paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (schema) bodies.set(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`, schema);
    }
  }
  return bodies;
}

/** Property names, query parameters and enum values of the API's requests, from its OpenAPI document. */
function harvestOpenApi(document: unknown, keys: Set<string>, harvest: Harvest): void {
  const { queryKeys, values } = harvest;
  const paths = (document as { paths?: Record<string, Record<string, { parameters?: Array<{ in?: string; name?: string }> }>> }).paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const names = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query' && typeof parameter.name === 'string').map((parameter) => parameter.name as string);
      if (names.length > 0) addTo(harvest.routeQueryKeys, `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`, names);
    }
  }
  const walk = (node: unknown, depth: number): void => {
    if (depth > 30 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.in === 'query' && typeof record.name === 'string') queryKeys.add(record.name);
    if (record.properties && typeof record.properties === 'object') for (const key of Object.keys(record.properties)) keys.add(key);
    if (Array.isArray(record.enum)) for (const value of record.enum) if (typeof value === 'string') values.add(value);
    for (const value of Object.values(record)) walk(value, depth + 1);
  };
  walk(document, 0);
}

/** Registrations in every state, an invitation and reset links, so that real ids and link tokens exist. */
async function seedRecords(test: TestDatabase, demo: DemoFixture, clock: ReturnType<typeof fixedClock>): Promise<void> {
  const { database } = test;
  const hr = actingAs(demo.userIds.employer_hr, [{ organisationKind: 'employer', organisationId: demo.employerId, role: 'employer_hr' }]);
  const admin = actingAs(demo.userIds.funder_admin, [{ organisationKind: 'funder', organisationId: demo.funderId, role: 'funder_admin' }]);
  const deps = { database, clock, config: { baseUrl: new URL('http://relais.test') } };
  const repos = repositoriesOn(database.db, database.dialect);
  const staff = (await repos.trainees.listForEmployer(demo.employerId)).map((trainee) => trainee.id);
  const groups = (
    await database.db.selectFrom('sessions as s').innerJoin('trainings as t', 't.id', 's.training_id').select(['s.id', 't.module_number']).where('s.is_demo', '=', 1).orderBy('s.position').execute()
  ).filter((group) => group.module_number === 1);
  const [small, other] = groups;
  if (staff.length < 5 || !small || !other) throw new Error('the demo seed should give Les Tilleuls five staff and Module 1 two future groups');
  // Two seats, four people: two confirmed then cancelled, which offers both seats to the waitlist.
  await database.db.updateTable('sessions').set({ max_trainees: 2, min_trainees: 2 }).where('id', '=', small.id).execute();
  const placed = await registerTrainees(deps, hr, { sessionId: small.id, people: staff.slice(0, 4).map((traineeId) => ({ traineeId })), idempotencyKey: 'fuzz-seed-1' });
  for (const outcome of placed.outcomes.slice(0, 2)) await cancelRegistration(deps, hr, outcome.registrationId);
  await registerTrainees(deps, hr, { sessionId: other.id, people: [{ traineeId: staff[4] as string }], idempotencyKey: 'fuzz-seed-2' });
  await inviteUser(database, clock, deps.config, admin, {
    email: 'invitee@hortensias.example',
    displayName: 'Iris Invitée',
    organisationKind: 'employer',
    organisationId: demo.otherEmployerId,
    role: 'employer_hr',
  });
}

/** Real values, by kind (table, slugs, link tokens). */
async function realValuesOf(test: TestDatabase, demo: DemoFixture): Promise<string[][]> {
  const { db } = test.database;
  const kinds: string[][] = [];
  // The demo accounts' own ids stay out: a fuzzed « Désactiver » or « Effacer » on them would
  // leave the suite without its signed-in actors. The invited person is the target instead.
  const demoUsers = new Set(Object.values(demo.userIds));
  const tables = ['funders', 'providers', 'cofunders', 'employers', 'trainings', 'sessions', 'users', 'trainees', 'registrations', 'outbox', 'themes', 'regions', 'tracks'] as const;
  for (const table of tables) {
    const rows = (await db.selectFrom(table).select('id').limit(table === 'trainees' ? 40 : 12).execute()) as Array<{ id: string }>;
    kinds.push(rows.map((row) => row.id).filter((id) => !demoUsers.has(id)));
  }
  kinds.push((await db.selectFrom('trainings').select('slug').execute()).map((row) => row.slug));
  const tokens: string[] = [];
  // Link tokens, as the mails carry them (offers, invitations, password resets, address changes).
  for (const mail of await db.selectFrom('outbox').select('text_body').execute()) {
    for (const link of mail.text_body.matchAll(/https?:\/\/relais\.test(\/[^\s"<>)]+)/g)) {
      const segments = (link[1] ?? '').split('/').filter((segment) => segment.length >= 16);
      tokens.push(...segments);
    }
  }
  kinds.push([...new Set(tokens)]);
  return kinds.filter((values) => values.length > 0);
}

/**
 * The newest records of every kind, and the link tokens of the newest mails: after the storm,
 * what the fuzzed forms created (people, organisations, registrations with hostile names).
 */
export async function freshValues(world: HostileWorld, perKind = 2): Promise<string[]> {
  const { db } = world.test.database;
  const values: string[] = [];
  const demoUsers = new Set(Object.values(world.demo.userIds));
  // Ids are UUIDv7: in creation order.
  for (const table of ['providers', 'cofunders', 'employers', 'sessions', 'users', 'trainees', 'registrations', 'outbox'] as const) {
    const rows = (await db.selectFrom(table).select('id').orderBy('id', 'desc').limit(perKind + 1).execute()) as Array<{ id: string }>;
    values.push(...rows.map((row) => row.id).filter((id) => !demoUsers.has(id)).slice(0, perKind));
  }
  for (const mail of await db.selectFrom('outbox').select('text_body').orderBy('id', 'desc').limit(10).execute()) {
    for (const link of mail.text_body.matchAll(/https?:\/\/relais\.test(\/[^\s"<>)]+)/g)) values.push(...(link[1] ?? '').split('/').filter((segment) => segment.length >= 16));
  }
  return [...new Set(values)];
}

/** Signs in through the login form from an address of its own, so that the fuzzer's failed logins from 127.0.0.1 never throttle it. */
export async function signInAgain(app: FastifyInstance, email: string, attempt: number): Promise<Browser | null> {
  const browser = new Browser(app, { 'x-forwarded-for': `198.51.100.${(attempt % 250) + 1}` });
  const response = await browser.post('/connexion', { email, password: DEMO_PASSWORD });
  if (response.statusCode !== 303 || !browser.session) return null;
  await browser.fetchCsrf();
  return browser;
}

export async function buildHostileWorld(dialect: DialectName): Promise<HostileWorld> {
  const clock = fixedClock(FUZZ_CLOCK_ISO);
  const test = await createTestDatabase(dialect);
  const demo = await seedDemoFixture(test.database, clock);
  await seedRecords(test, demo, clock);
  const app = await buildTestApp(test.database, clock);
  const routes = [...app.registeredRoutes];

  // A password reset link for the invitee (an anonymous form), so that reset tokens exist too.
  const anonymous = new Browser(app);
  await anonymous.fetchCsrf();
  await anonymous.post('/mot-de-passe-oublie', { email: 'invitee@hortensias.example' });

  const repos = repositoriesOn(test.database.db, test.database.dialect);
  const actors: FuzzActor[] = [{ name: 'anonymous', email: null, cookie: cookieOf(anonymous), csrf: anonymous.csrf, bearer: null }];
  const browsers: Browser[] = [anonymous];
  for (const account of DEMO_ACCOUNTS) {
    const browser = await signIn(app, account.email);
    const userId = demo.userIds[account.role];
    const memberships = await repos.users.membershipsOf(userId);
    const { token } = await createApiToken(test.database, clock, actingAs(userId, memberships), { userId, name: 'Fuzz', scopes: Object.keys(API_SCOPES), expiresInDays: 30 });
    actors.push({ name: account.role, email: account.email, cookie: cookieOf(browser), csrf: browser.csrf, bearer: token });
    browsers.push(browser);
  }

  const kinds = await realValuesOf(test, demo);
  const realValues = [...new Set(kinds.flat())];
  const harvest: Harvest = { capable: new Map(), forms: new Map(), fieldNames: new Set(), formFields: new Map(), queryKeys: new Set(), routeQueryKeys: new Map(), values: new Set() };
  // Every page as every actor, each pattern filled with one real value of each kind: the forms the app shows.
  const byKind = kinds.map((values) => values[values.length - 1] as string);
  for (const route of routes.filter((candidate) => candidate.method === 'GET' && !candidate.url.includes('*'))) {
    const urls = route.url.includes(':') ? byKind.map((value) => route.url.replace(/:[A-Za-z]+/g, value)) : [route.url];
    for (const url of urls) {
      for (const [actor, browser] of browsers.entries()) {
        const bearer = actors[actor]?.bearer;
        const response = await app.inject({ method: 'GET', url, headers: { cookie: browser.cookieHeader, ...(bearer && url.startsWith('/api/') ? { authorization: `Bearer ${bearer}` } : {}) } });
        if (response.statusCode === 200) canReach(harvest, `GET ${route.url}`, actor);
        if (String(response.headers['content-type'] ?? '').startsWith('text/html')) harvestPage(response.body, routes, harvest, actor);
      }
    }
  }
  const jsonKeys = new Set<string>();
  const openApi = await app.inject({ method: 'GET', url: '/api/docs/json' });
  const document = JSON.parse(openApi.body) as unknown;
  harvestOpenApi(document, jsonKeys, harvest);
  // A route that no page leads to (the API's writes) is for whoever could read the same path.
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const readers = harvest.capable.get(`GET ${route.url}`);
    if (!harvest.capable.has(key) && readers) harvest.capable.set(key, new Set(readers));
  }
  const demoEmails = new Set(DEMO_ACCOUNTS.map((account) => account.email));

  return {
    app,
    test,
    demo,
    routes,
    realValues,
    staticFiles: readdirSync(PUBLIC_DIR),
    fieldNames: [...harvest.fieldNames],
    formFields: new Map([...harvest.formFields].map(([key, names]) => [key, [...names]])),
    queryKeys: [...harvest.queryKeys],
    queryKeysByRoute: new Map([...harvest.routeQueryKeys].map(([key, names]) => [key, [...names]])),
    jsonKeys: [...jsonKeys],
    plausibleValues: [...harvest.values].filter((value) => !demoEmails.has(value)),
    actors,
    forms: [...harvest.forms.values()],
    sessionEnding: new Set(routes.filter((route) => route.method === 'POST' && /deconnexion/.test(route.url)).map((route) => `${route.method} ${route.url}`)),
    apiBodies: apiBodiesOf(document),
    capableActors: new Map([...harvest.capable].map(([key, actorSet]) => [key, [...actorSet]])),
    close: async () => {
      await app.close();
      await test.cleanup();
    },
  };
}

/**
 * Whether each signed-in actor is still signed in (a fuzzed request may have signed it out,
 * revoked its sessions or deactivated its account); signs it in again when it was. Returns the
 * names of the actors that could not sign in again (their stale cookies keep being sent).
 */
export async function reviveActors(world: HostileWorld, attempt: number, only?: ReadonlySet<number>): Promise<{ lost: string[]; signedInAgain: number }> {
  const lost: string[] = [];
  let signedInAgain = 0;
  for (const [index, actor] of world.actors.entries()) {
    if (!actor.email || (only && !only.has(index))) continue;
    const check = await world.app.inject({ method: 'GET', url: '/mon-compte', headers: { cookie: actor.cookie } });
    if (check.statusCode === 200) continue;
    const browser = await signInAgain(world.app, actor.email, attempt);
    if (!browser) {
      const user = await world.test.database.db.selectFrom('users').select(['status', 'email']).where('id', '=', world.demo.userIds[actor.name as keyof typeof world.demo.userIds]).executeTakeFirst();
      lost.push(`${actor.name} (${user ? `compte ${user.status}${user.email === actor.email ? '' : ', adresse changée'}` : 'compte supprimé'})`);
      continue;
    }
    actor.cookie = browser.cookieHeader;
    actor.csrf = browser.csrf;
    signedInAgain += 1;
  }
  return { lost, signedInAgain };
}

