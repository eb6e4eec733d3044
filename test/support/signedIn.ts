/**
 * Signed-in "browsers" for the access and security tests: a cookie jar, the CSRF token of the
 * last form seen, and the demo database (one account per role) as the fixture to sign in with.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demoAccounts.js';
import { DEMO_FUNDER_SLUG, seedDemoIfEmpty } from '../../src/demo/seedDemo.js';
import type { Clock } from '../../src/domain/clock.js';
import { SESSION_COOKIE } from '../../src/http/plugins/authentication.js';

export type Fields = Record<string, string | string[]>;

/** Everyone the access table speaks of: nobody signed in, then one person per role. */
export const ACTORS = ['anonymous', 'funder_admin', 'funder_manager', 'provider_coordinator', 'trainer', 'employer_hr', 'cofunder_viewer'] as const;
export type ActorName = (typeof ACTORS)[number];

export function csrfOf(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

export function encodeForm(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  return params.toString();
}

export interface RequestOptions {
  form?: Fields;
  headers?: Record<string, string>;
  /** Adds the CSRF token of the last page seen to the form (fetched first when none yet). Default: true for a form. */
  csrf?: boolean;
}

/** One browser: its cookies (kept from each answer) and the CSRF token of the last form it saw. */
export class Browser {
  readonly jar = new Map<string, string>();
  csrf: string | null = null;

  /** `headers`: sent with every request (e.g. X-Forwarded-For, to play another visitor's IP). */
  constructor(
    private readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}

  get session(): string | undefined {
    return this.jar.get(SESSION_COOKIE);
  }

  get cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<LightMyRequestResponse> {
    const { form, headers = {} } = options;
    if (form && options.csrf !== false && !this.csrf) await this.fetchCsrf();
    const payload = form ? encodeForm({ ...form, ...(options.csrf === false || !this.csrf ? {} : { _csrf: this.csrf }) }) : undefined;
    const cookie = this.cookieHeader;
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    for (const set of response.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = (set.expires !== undefined && new Date(set.expires).getTime() < Date.now()) || set.maxAge === 0;
      if (set.value === '' || expired) this.jar.delete(set.name);
      else this.jar.set(set.name, set.value);
    }
    const token = csrfOf(response.body);
    if (token) this.csrf = token;
    return response;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request('GET', url, { headers });
  }

  /** Posts a form with a valid CSRF token (unless `csrf: false`). */
  post(url: string, form: Fields = {}, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    return this.request('POST', url, { form, ...options });
  }

  /** A page with a form for anyone: the login page, or "Mon compte" once signed in (the login page then redirects). */
  async fetchCsrf(): Promise<string> {
    const page = await this.get(this.session ? '/mon-compte' : '/connexion');
    const token = csrfOf(page.body);
    if (!token) throw new Error(`no CSRF field in the page (${page.statusCode}):\n${page.body.slice(0, 300)}`);
    return token;
  }
}

/** A new browser signed in through the login form; throws when the login is refused. */
export async function signIn(app: FastifyInstance, email: string, password: string = DEMO_PASSWORD): Promise<Browser> {
  const browser = new Browser(app);
  const response = await browser.post('/connexion', { email, password });
  if (response.statusCode !== 303 || !browser.session) throw new Error(`login of ${email} refused: ${response.statusCode}\n${response.body.slice(0, 300)}`);
  await browser.fetchCsrf();
  return browser;
}

export function demoEmailOf(role: Role): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account.email;
}

/** A browser per actor: anonymous (with a CSRF cookie) or signed in as the demo account of the role. */
export async function browserOf(app: FastifyInstance, actor: ActorName): Promise<Browser> {
  if (actor === 'anonymous') {
    const browser = new Browser(app);
    await browser.fetchCsrf();
    return browser;
  }
  return signIn(app, demoEmailOf(actor));
}

export interface DemoFixture {
  funderId: string;
  trainingId: string;
  trainingSlug: string;
  sessionId: string;
  /** The employer of the demo HR contact. */
  employerId: string;
  /** Another employer of the demo funder. */
  otherEmployerId: string;
  providerId: string;
  cofunderId: string;
  userIds: Record<Role, string>;
}

/** Seeds the demo catalogue, employers and accounts, and returns the ids the tests need. */
export async function seedDemoFixture(database: Database, clock: Clock): Promise<DemoFixture> {
  const seeded = await seedDemoIfEmpty(database, clock, { withAccounts: true });
  if (!seeded.seeded) throw new Error('the demo seed expects an empty database');
  const { db } = database;
  const funder = await db.selectFrom('funders').select('id').where('slug', '=', DEMO_FUNDER_SLUG).executeTakeFirstOrThrow();
  const training = await db.selectFrom('trainings').select(['id', 'slug']).where('status', '=', 'published').orderBy('slug').executeTakeFirstOrThrow();
  const session = await db.selectFrom('sessions').select('id').where('training_id', '=', training.id).orderBy('position').executeTakeFirstOrThrow();
  const employer = await db.selectFrom('employers').select('id').where('siret', '=', '44852136900018').executeTakeFirstOrThrow();
  const otherEmployer = await db.selectFrom('employers').select('id').where('siret', '=', '78451236000016').executeTakeFirstOrThrow();
  const provider = await db.selectFrom('providers').select('id').where('name', '=', 'APSN').executeTakeFirstOrThrow();
  const cofunder = await db.selectFrom('cofunders').select('id').where('name', '=', 'DGCS').executeTakeFirstOrThrow();
  const userIds = {} as Record<Role, string>;
  for (const account of DEMO_ACCOUNTS) {
    userIds[account.role] = (await db.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirstOrThrow()).id;
  }
  return {
    funderId: funder.id,
    trainingId: training.id,
    trainingSlug: training.slug,
    sessionId: session.id,
    employerId: employer.id,
    otherEmployerId: otherEmployer.id,
    providerId: provider.id,
    cofunderId: cofunder.id,
    userIds,
  };
}
