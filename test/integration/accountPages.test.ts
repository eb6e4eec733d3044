/**
 * The account pages through the real HTTP stack, as a browser uses them: real cookies (kept in
 * a small jar per "browser"), CSRF tokens scraped from the forms, links read from the mail
 * outbox. Each test starts from a fresh database, so throttles never leak between tests.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { readRetention } from '../../src/use-cases/personal-data/retention.js';
import type { Role } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/plugins/authentication.js';
import { INVALID_CREDENTIALS_MESSAGE } from '../../src/use-cases/accounts/logIn.js';
import { inviteUser } from '../../src/use-cases/accounts/inviteUser.js';
import { RESET_REQUESTED_MESSAGE } from '../../src/use-cases/accounts/passwordReset.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { hashPassword } from '../../src/security/secrets.js';
import { fixedClock } from '../support/clock.js';
import { buildFunder } from '../support/factories.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const START = '2026-03-10T09:00:00Z';
const PASSWORD = 'une phrase de passe bien longue';
const XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

type Fields = Record<string, string | string[]>;

/** The page's escaped text, as a browser shows it, for assertions on French messages. */
function unescapeHtml(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF field in the page:\n${html.slice(0, 500)}`);
  return token;
}

function errorSummaryOf(html: string): string | undefined {
  return /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
}

function encodeForm(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  return params.toString();
}

/** One browser: its cookie jar, and requests that send the cookies and keep the ones set. */
class Browser {
  readonly jar = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  get session(): string | undefined {
    return this.jar.get(SESSION_COOKIE);
  }

  async request(method: 'GET' | 'POST', url: string, form?: Fields, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      ...(form ? { payload: encodeForm(form) } : {}),
    });
    for (const set of response.cookies) {
      const expired = set.expires !== undefined && new Date(set.expires).getTime() < Date.now();
      if (set.value === '' || expired) this.jar.delete(set.name);
      else this.jar.set(set.name, set.value);
    }
    return response;
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request('GET', url);
  }

  /** Opens the page, takes the CSRF token of its forms, and posts the form as a browser would. */
  async submit(pageUrl: string, action: string, fields: Fields): Promise<LightMyRequestResponse> {
    const page = await this.get(pageUrl);
    expect(page.statusCode, `GET ${pageUrl}`).toBe(200);
    return this.request('POST', action, { _csrf: csrfOf(page.body), ...fields });
  }

  logIn(email: string, password: string, next?: string): Promise<LightMyRequestResponse> {
    return this.submit('/connexion', '/connexion', { email, password, ...(next === undefined ? {} : { suivant: next }) });
  }
}

function setCookieHeader(response: LightMyRequestResponse, name: string): string {
  const headers = response.headers['set-cookie'];
  const list = Array.isArray(headers) ? headers : headers ? [headers] : [];
  const found = list.find((header) => header.startsWith(`${name}=`));
  if (!found) throw new Error(`no Set-Cookie for ${name}: ${JSON.stringify(list)}`);
  return found;
}

describe.each(TEST_DIALECTS)('account pages on %s', (dialect) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let clock: ReturnType<typeof fixedClock>;
  let funder: { id: string; slug: string };

  beforeEach(async () => {
    test = await createTestDatabase(dialect);
    clock = fixedClock(START);
    app = await buildTestApp(test.database, clock);
    funder = await buildFunder(test.database, { name: 'OPCO Santé Hauts-de-France' });
  });
  afterEach(async () => {
    await app?.close();
    await test?.cleanup();
  });

  const repos = () => repositoriesOn(test.database.db, test.database.dialect);

  async function createUser(email: string, options: { displayName?: string; role?: Role } = {}): Promise<string> {
    const at = clock.now().toISOString();
    const id = await repos().users.insert({ email, displayName: options.displayName ?? 'Chloé Demeyere', passwordHash: await hashPassword(PASSWORD), status: 'active' }, at);
    if (options.role) await repos().users.addMembership(id, { organisationKind: 'funder', organisationId: funder.id, role: options.role }, at);
    return id;
  }

  async function linkSentTo(recipient: string): Promise<string> {
    const items = await repos().outbox.listForRecipient(recipient);
    const link = /https?:\/\/relais\.test(\/\S+)/.exec(items[items.length - 1]?.text ?? '')?.[1];
    if (!link) throw new Error(`no link in the last mail to ${recipient}`);
    return link;
  }

  async function invite(email: string, displayName: string): Promise<string> {
    const adminId = (await repos().users.findByEmail('admin@opco.test'))?.id ?? (await createUser('admin@opco.test', { displayName: 'Admin OPCO', role: 'funder_admin' }));
    const acting: Acting = {
      actor: { kind: 'user', userId: adminId, memberships: [{ organisationKind: 'funder', organisationId: funder.id, role: 'funder_admin' }] },
      label: 'Admin OPCO <admin@opco.test>',
      meta: { ip: null, userAgent: null },
    };
    const { invitationLink } = await inviteUser(test.database, clock, { baseUrl: new URL('http://relais.test') }, acting, {
      email,
      displayName,
      organisationKind: 'funder',
      organisationId: funder.id,
      role: 'funder_manager',
    });
    expect(invitationLink).not.toBeNull();
    // The link of the mail in the outbox is the one returned.
    expect(`http://relais.test${await linkSentTo(email)}`).toBe(invitationLink);
    return new URL(invitationLink ?? '').pathname;
  }

  describe('login and logout', () => {
    it('signs in with an HttpOnly, SameSite=Lax session cookie and goes to "Mon compte"', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      const login = await browser.logIn('Chloe@OPCO.test', PASSWORD);
      expect(login.statusCode).toBe(303);
      expect(login.headers.location).toBe('/mon-compte');
      const cookie = setCookieHeader(login, SESSION_COOKIE);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\/(;|$)/);
      expect(cookie).not.toMatch(/; Secure/i);

      const account = await browser.get('/mon-compte');
      expect(account.statusCode).toBe(200);
      expect(account.headers['cache-control']).toBe('no-store');
      expect(unescapeHtml(account.body)).toContain('Chloé Demeyere');
      expect(account.body).toContain('chloe@opco.test');
    });

    it('marks the session cookie Secure when the site is served over https', async () => {
      const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'https://relais.example.fr' });
      const secureApp = await buildApp({ config, database: test.database, clock, catalogueFacets: new CatalogueFacetsCache(test.database, clock, 0) });
      try {
        await createUser('chloe@opco.test');
        const login = await new Browser(secureApp).logIn('chloe@opco.test', PASSWORD);
        expect(login.statusCode).toBe(303);
        const cookie = setCookieHeader(login, SESSION_COOKIE);
        expect(cookie).toMatch(/; Secure/i);
        expect(cookie).toMatch(/; HttpOnly/i);
        expect(cookie).toMatch(/; SameSite=Lax/i);
      } finally {
        await secureApp.close();
      }
    });

    it('follows ?suivant= only to a path of this site', async () => {
      await createUser('chloe@opco.test');
      const page = await new Browser(app).get('/connexion?suivant=/formations/abc');
      expect(page.body).toContain('name="suivant" value="/formations/abc"');
      for (const [next, expected] of [
        ['/formations/abc?x=1', '/formations/abc?x=1'],
        ['//evil.example/', '/mon-compte'],
        ['/\\evil.example', '/mon-compte'],
        ['https://evil.example/', '/mon-compte'],
        ['javascript:alert(1)', '/mon-compte'],
        ['/\t/evil.example', '/mon-compte'],
        // Non-ASCII goes percent-encoded: Node refuses it in a Location header (it was a 500).
        ['/formations/été?x=😀', '/formations/%C3%A9t%C3%A9?x=%F0%9F%98%80'],
      ]) {
        const login = await new Browser(app).logIn('chloe@opco.test', PASSWORD, next);
        expect(login.headers.location, `suivant=${JSON.stringify(next)}`).toBe(expected);
      }
    });

    it('opens a new session id at each login, each one separate', async () => {
      await createUser('chloe@opco.test');
      const first = new Browser(app);
      const second = new Browser(app);
      await first.logIn('chloe@opco.test', PASSWORD);
      await second.logIn('chloe@opco.test', PASSWORD);
      expect(first.session).toBeDefined();
      expect(second.session).toBeDefined();
      expect(first.session).not.toBe(second.session);
      expect((await first.get('/mon-compte')).statusCode).toBe(200);
      expect((await second.get('/mon-compte')).statusCode).toBe(200);

      // Logging out one leaves the other open.
      await first.submit('/mon-compte', '/deconnexion', {});
      expect((await first.get('/mon-compte')).statusCode).toBe(303);
      expect((await second.get('/mon-compte')).statusCode).toBe(200);

      // Logging in again in the same browser (the login page itself sends a signed-in visitor on)
      // replaces its session: the old id is closed.
      const before = second.session ?? '';
      expect((await second.get('/connexion')).headers.location).toBe('/mon-compte');
      const csrf = csrfOf((await second.get('/mon-compte')).body);
      expect((await second.request('POST', '/connexion', { _csrf: csrf, email: 'chloe@opco.test', password: PASSWORD })).statusCode).toBe(303);
      expect(second.session).not.toBe(before);
      const stale = new Browser(app);
      stale.jar.set(SESSION_COOKIE, before);
      expect((await stale.get('/mon-compte')).statusCode).toBe(303);
      expect((await second.get('/mon-compte')).statusCode).toBe(200);
    });

    it('logs out on the server: the old cookie no longer signs anyone in', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      const oldCookie = browser.session ?? '';
      const logout = await browser.submit('/mon-compte', '/deconnexion', {});
      expect(logout.statusCode).toBe(303);
      expect(logout.headers.location).toBe('/');
      expect(browser.session).toBeUndefined();

      const replay = new Browser(app);
      replay.jar.set(SESSION_COOKIE, oldCookie);
      const account = await replay.get('/mon-compte');
      expect(account.statusCode).toBe(303);
      expect(account.headers.location).toBe('/connexion?suivant=/mon-compte');
      expect((await replay.get('/')).body).not.toContain('Chloé');
    });

    it('sends anonymous visitors of "Mon compte" to the login page, then back', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      const account = await browser.get('/mon-compte');
      expect(account.statusCode).toBe(303);
      expect(account.headers.location).toBe('/connexion?suivant=/mon-compte');
      const login = await browser.logIn('chloe@opco.test', PASSWORD, '/mon-compte');
      expect(login.headers.location).toBe('/mon-compte');
    });

    it('refuses a form posted without its CSRF token (403), and changes nothing', async () => {
      await createUser('chloe@opco.test');
      const anonymous = new Browser(app);
      await anonymous.get('/connexion');
      const login = await anonymous.request('POST', '/connexion', { email: 'chloe@opco.test', password: PASSWORD });
      expect(login.statusCode).toBe(403);
      expect(anonymous.session).toBeUndefined();

      const browser = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      const change = await browser.request('POST', '/mon-compte/mot-de-passe', { currentPassword: PASSWORD, newPassword: 'un tout autre mot de passe', newPasswordConfirmation: 'un tout autre mot de passe' });
      expect(change.statusCode).toBe(403);
      expect(unescapeHtml(change.body)).toContain('Le formulaire a expiré');
      const token = await browser.request('POST', '/mon-compte/jetons', { _csrf: 'forged', name: 'SIRH', scopes: 'catalogue:read', expiresInDays: '30' });
      expect(token.statusCode).toBe(403);
      const logout = await browser.request('POST', '/deconnexion', {});
      expect(logout.statusCode).toBe(403);

      // Nothing changed: still signed in, the old password still works, no token.
      expect((await browser.get('/mon-compte')).statusCode).toBe(200);
      expect((await new Browser(app).logIn('chloe@opco.test', PASSWORD)).statusCode).toBe(303);
      const userId = (await repos().users.findByEmail('chloe@opco.test'))?.id ?? '';
      expect(await repos().apiTokens.listOf(userId)).toEqual([]);
    });

    it('answers a wrong password and an unknown address with the same 401 message, keeping the address', async () => {
      await createUser('chloe@opco.test');
      const wrong = await new Browser(app).logIn('chloe@opco.test', 'pas le bon mot de passe');
      const unknown = await new Browser(app).logIn('personne@opco.test', 'pas le bon mot de passe');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.headers.location).toBeUndefined();
      const summary = errorSummaryOf(wrong.body);
      expect(summary).toBeDefined();
      expect(unescapeHtml(summary ?? '')).toContain(INVALID_CREDENTIALS_MESSAGE);
      expect(errorSummaryOf(unknown.body)).toBe(summary);
      expect(wrong.body).toContain('role="alert"');
      expect(wrong.body).toContain('value="chloe@opco.test"');
      expect(unknown.body).toContain('value="personne@opco.test"');
      // The password typed is never sent back.
      expect(wrong.body).not.toContain('pas le bon mot de passe');
      expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain(`${SESSION_COOKIE}=`);
    });

    it('refuses with 429 and Retry-After after 20 wrong passwords in a row, even the right one', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      const statuses: number[] = [];
      let last: LightMyRequestResponse | undefined;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        last = await browser.logIn('chloe@opco.test', `mauvais essai numéro ${attempt}`);
        statuses.push(last.statusCode);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.at(-1)).toBe(429);
      const retryAfter = Number(last?.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(unescapeHtml(last?.body ?? '')).toMatch(/Trop de tentatives\. Par sécurité, réessayez dans \d+ minutes?\./);
      expect(last?.body).toContain('value="chloe@opco.test"');

      const right = await browser.logIn('chloe@opco.test', PASSWORD);
      expect(right.statusCode).toBe(429);
      expect(browser.session).toBeUndefined();

      // Once the window has passed, the right password works again.
      clock.set('2026-03-10T09:20:00Z');
      expect((await browser.logIn('chloe@opco.test', PASSWORD)).statusCode).toBe(303);
    });

    it('escapes what was typed when a form comes back', async () => {
      await createUser('chloe@opco.test');
      const login = await new Browser(app).logIn(XSS, XSS);
      expect(login.statusCode).toBe(401);
      expect(login.body).not.toContain('<script>alert(1)</script>');
      expect(login.body).not.toContain('<img src=x');
      expect(login.body).toContain('&lt;script>alert(1)&lt;/script>');

      const browser = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      const email = await browser.submit('/mon-compte', '/mon-compte/adresse', { newEmail: XSS, password: PASSWORD });
      expect(email.statusCode).toBe(422);
      expect(email.body).not.toContain('<script>alert(1)</script>');
      expect(email.body).toContain('&lt;script>alert(1)&lt;/script>');

      const token = await browser.submit('/mon-compte', '/mon-compte/jetons', { name: XSS, expiresInDays: '30' });
      expect(token.statusCode).toBe(422);
      expect(token.body).not.toContain('<script>alert(1)</script>');
      expect(token.body).toContain('&lt;script>alert(1)&lt;/script>');

      // Stored, then shown in the list of tokens: still escaped.
      expect((await browser.submit('/mon-compte', '/mon-compte/jetons', { name: XSS, scopes: 'catalogue:read', expiresInDays: '30' })).statusCode).toBe(200);
      const account = await browser.get('/mon-compte');
      expect(account.body).not.toContain('<script>alert(1)</script>');
      expect(account.body).toContain('&lt;script>alert(1)&lt;/script>');
    });
  });

  describe('invitation', () => {
    it('greets the invitee, who chooses a password and is signed in', async () => {
      const path = await invite('nadia@opco.test', 'Nadia Benali');
      const browser = new Browser(app);
      const page = await browser.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Bienvenue, Nadia Benali');
      expect(page.body).toContain('autocomplete="new-password"');

      const mismatch = await browser.submit(path, path, { password: PASSWORD, passwordConfirmation: `${PASSWORD}!` });
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.body).toContain('aria-describedby="confirmation-mot-de-passe-erreur"');
      expect(unescapeHtml(mismatch.body)).toContain('Les deux mots de passe ne sont pas identiques.');
      expect(mismatch.body).not.toContain(PASSWORD);
      expect(browser.session).toBeUndefined();

      const short = await browser.submit(path, path, { password: 'court', passwordConfirmation: 'court' });
      expect(short.statusCode).toBe(422);
      expect(short.body).toContain('aria-invalid="true"');

      const accept = await browser.submit(path, path, { password: PASSWORD, passwordConfirmation: PASSWORD });
      expect(accept.statusCode).toBe(303);
      expect(accept.headers.location).toBe('/mon-compte?bienvenue=1');
      expect(setCookieHeader(accept, SESSION_COOKIE)).toMatch(/; HttpOnly/i);

      const account = await browser.get('/mon-compte?bienvenue=1');
      expect(account.statusCode).toBe(200);
      const text = unescapeHtml(account.body);
      expect(text).toContain('Bienvenue ! Votre compte est activé');
      expect(text).toContain('Nadia Benali');
      expect(text).toContain('Chargé·e de mission financeur');
      expect(text).toContain('OPCO Santé Hauts-de-France');

      // The password chosen works for the next logins.
      expect((await new Browser(app).logIn('nadia@opco.test', PASSWORD)).statusCode).toBe(303);
    });

    it('answers 410 for a used, tampered or expired invitation link', async () => {
      const path = await invite('nadia@opco.test', 'Nadia Benali');
      const tampered = path.replace(/.$/, (last) => (last === 'a' ? 'b' : 'a'));
      const browser = new Browser(app);
      const tamperedPage = await browser.get(tampered);
      expect(tamperedPage.statusCode).toBe(410);
      expect(unescapeHtml(tamperedPage.body)).toContain('Lien expiré ou déjà utilisé');
      const csrf = csrfOf((await browser.get('/connexion')).body);
      expect((await browser.request('POST', tampered, { _csrf: csrf, password: PASSWORD, passwordConfirmation: PASSWORD })).statusCode).toBe(410);

      await browser.submit(path, path, { password: PASSWORD, passwordConfirmation: PASSWORD });
      const reused = new Browser(app);
      const reusedPage = await reused.get(path);
      expect(reusedPage.statusCode).toBe(410);
      const replay = await reused.request('POST', path, { _csrf: csrfOf((await reused.get('/connexion')).body), password: 'un autre mot de passe long', passwordConfirmation: 'un autre mot de passe long' });
      expect(replay.statusCode).toBe(410);
      expect(reused.session).toBeUndefined();

      const late = await invite('lucas@opco.test', 'Lucas Martin');
      clock.set('2026-03-17T09:00:01Z');
      expect((await new Browser(app).get(late)).statusCode).toBe(410);
    });
  });

  describe('password reset', () => {
    it('sends a link that sets a new password, ends the sessions, and works once', async () => {
      await createUser('chloe@opco.test');
      const signedIn = new Browser(app);
      await signedIn.logIn('chloe@opco.test', PASSWORD);

      const browser = new Browser(app);
      const login = await browser.get('/connexion');
      expect(login.body).toContain('href="/mot-de-passe-oublie"');
      const request = await browser.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: 'chloe@opco.test' });
      expect(request.statusCode).toBe(200);
      expect(unescapeHtml(request.body)).toContain(RESET_REQUESTED_MESSAGE);
      const unknown = await new Browser(app).submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: 'personne@opco.test' });
      expect(unescapeHtml(unknown.body)).toContain(RESET_REQUESTED_MESSAGE);

      const link = await linkSentTo('chloe@opco.test');
      expect(link).toMatch(/^\/mot-de-passe\/nouveau\/\S+$/);
      const page = await browser.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      const done = await browser.submit(link, link, { password: 'mon nouveau mot de passe', passwordConfirmation: 'mon nouveau mot de passe' });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/connexion?reinitialise=1');
      expect(unescapeHtml((await browser.get('/connexion?reinitialise=1')).body)).toContain('Votre mot de passe a été changé');

      // Every open session was closed; only the new password works.
      expect((await signedIn.get('/mon-compte')).statusCode).toBe(303);
      expect((await new Browser(app).logIn('chloe@opco.test', PASSWORD)).statusCode).toBe(401);
      expect((await new Browser(app).logIn('chloe@opco.test', 'mon nouveau mot de passe')).statusCode).toBe(303);

      // The link worked once.
      expect((await browser.get(link)).statusCode).toBe(410);
    });

    it('answers 410 for an expired link, and 429 when asked too often', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      await browser.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: 'chloe@opco.test' });
      const link = await linkSentTo('chloe@opco.test');
      clock.set('2026-03-10T10:00:01Z');
      const expired = await browser.get(link);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('href="/mot-de-passe-oublie"');

      let last: LightMyRequestResponse | undefined;
      // Three requests an hour per address (the first one is now out of the window).
      for (let attempt = 0; attempt < 4; attempt += 1) last = await browser.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { email: 'chloe@opco.test' });
      expect(last?.statusCode).toBe(429);
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
      expect(unescapeHtml(last?.body ?? '')).toContain('Trop de tentatives');
    });
  });

  describe('Mon compte', () => {
    it('changes the password, keeping this session and closing the others', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      const other = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      await other.logIn('chloe@opco.test', PASSWORD);

      const wrong = await browser.submit('/mon-compte', '/mon-compte/mot-de-passe', { currentPassword: 'pas le bon', newPassword: 'mon nouveau mot de passe', newPasswordConfirmation: 'mon nouveau mot de passe' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain('aria-describedby="mot-de-passe-actuel-erreur"');
      expect(wrong.body).toContain('href="#mot-de-passe-actuel"');
      expect(wrong.body).toMatch(/<title>Erreur — Mon compte/);

      const done = await browser.submit('/mon-compte', '/mon-compte/mot-de-passe', { currentPassword: PASSWORD, newPassword: 'mon nouveau mot de passe', newPasswordConfirmation: 'mon nouveau mot de passe' });
      expect(done.statusCode).toBe(303);
      expect(unescapeHtml((await browser.get(done.headers.location as string)).body)).toContain('Votre mot de passe a été changé');
      expect((await other.get('/mon-compte')).statusCode).toBe(303);
    });

    it('changes the address once the link sent to the new one is opened', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      const sent = await browser.submit('/mon-compte', '/mon-compte/adresse', { newEmail: 'Chloe.D@opco.test', password: PASSWORD });
      expect(sent.statusCode).toBe(200);
      expect(unescapeHtml(sent.body)).toContain('Un lien a été envoyé à <strong>chloe.d@opco.test</strong>');

      const link = await linkSentTo('chloe.d@opco.test');
      const confirmed = await browser.get(link);
      expect(confirmed.statusCode).toBe(200);
      expect(unescapeHtml(confirmed.body)).toContain('Adresse électronique modifiée');
      expect((await browser.get(link)).statusCode).toBe(410);
      expect((await new Browser(app).logIn('chloe.d@opco.test', PASSWORD)).statusCode).toBe(303);
    });

    it('logs out everywhere', async () => {
      await createUser('chloe@opco.test');
      const browser = new Browser(app);
      const other = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      await other.logIn('chloe@opco.test', PASSWORD);
      const oldCookie = browser.session ?? '';
      const everywhere = await browser.submit('/mon-compte', '/mon-compte/deconnexion-partout', {});
      expect(everywhere.statusCode).toBe(303);
      expect(everywhere.headers.location).toMatch(/^\/connexion/);
      expect(browser.session).toBeUndefined();
      expect((await other.get('/mon-compte')).statusCode).toBe(303);
      const replay = new Browser(app);
      replay.jar.set(SESSION_COOKIE, oldCookie);
      expect((await replay.get('/mon-compte')).statusCode).toBe(303);
    });

    it('creates an API token shown once, which works until revoked', async () => {
      await createUser('chloe@opco.test', { role: 'funder_manager' });
      const browser = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      const noScope = await browser.submit('/mon-compte', '/mon-compte/jetons', { name: 'SIRH', expiresInDays: '30' });
      expect(noScope.statusCode).toBe(422);
      expect(unescapeHtml(noScope.body)).toContain('Choisissez au moins une autorisation.');
      expect(noScope.body).toContain('value="SIRH"');

      const created = await browser.submit('/mon-compte', '/mon-compte/jetons', { name: 'SIRH', scopes: ['catalogue:read', 'registrations:read'], expiresInDays: '30' });
      expect(created.statusCode).toBe(200);
      expect(created.headers.location).toBeUndefined();
      expect(created.headers['cache-control']).toBe('no-store');
      const token = /value="(rls_[^"]+)"/.exec(created.body)?.[1] ?? '';
      expect(token).toMatch(/^rls_/);

      const bearer = { authorization: `Bearer ${token}` };
      const api = await new Browser(app).request('GET', '/api/v1/trainings', undefined, bearer);
      expect(api.statusCode).toBe(200);

      // Never shown again: the page lists its beginning only.
      const account = await browser.get('/mon-compte');
      expect(account.body).not.toContain(token);
      expect(account.body).toContain(`${token.slice(0, 10)}…`);
      const id = /action="\/mon-compte\/jetons\/([^/"]+)\/revoquer"/.exec(account.body)?.[1] ?? '';
      const revoked = await browser.submit('/mon-compte', `/mon-compte/jetons/${id}/revoquer`, {});
      expect(revoked.statusCode).toBe(303);
      expect(unescapeHtml((await browser.get('/mon-compte?fait=jeton-revoque')).body)).toContain('Le jeton a été révoqué');

      const refused = await new Browser(app).request('GET', '/api/v1/trainings', undefined, bearer);
      expect(refused.statusCode).toBe(401);
    });

    it('downloads the personal data as a JSON attachment', async () => {
      await createUser('chloe@opco.test', { role: 'funder_admin' });
      const browser = new Browser(app);
      await browser.logIn('chloe@opco.test', PASSWORD);
      const download = await browser.get('/mon-compte/donnees.json');
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toMatch(/^application\/json/);
      expect(download.headers['content-disposition']).toBe('attachment; filename="relais-mes-donnees-2026-03-10.json"');
      expect(download.headers['cache-control']).toBe('no-store');
      const data = download.json() as { person: { email: string }; roles: Array<{ organisationName: string }> };
      expect(data.person.email).toBe('chloe@opco.test');
      expect(data.roles[0]?.organisationName).toBe('OPCO Santé Hauts-de-France');

      expect((await new Browser(app).get('/mon-compte/donnees.json')).statusCode).toBe(303);
    });
  });

  it('publishes the register of processing purposes with the current retention periods', async () => {
    const page = await new Browser(app).get('/donnees-personnelles');
    expect(page.statusCode).toBe(200);
    const text = unescapeHtml(page.body);
    for (const heading of ['Finalité', 'Données', 'Base légale', 'Durée de conservation', 'Destinataires']) expect(text).toContain(`<th scope="col">${heading}</th>`);
    for (const purpose of ['Gestion des comptes et des habilitations', 'Inscriptions aux formations', 'Émargement et preuves de réalisation', 'Évaluations des formations', 'Pilotage statistique', 'Traçabilité et sécurité'])
      expect(text).toContain(purpose);
    const evidence = (await readRetention(test.database, funder.id)).find((row) => row.kind === 'evidence')?.years;
    expect(text).toContain(`${evidence} ans après la fin de la session`);
    for (const right of ['l’accès', 'la rectification', 'l’effacement', 'la limitation', 'l’opposition']) expect(text).toContain(right);
  });
});
