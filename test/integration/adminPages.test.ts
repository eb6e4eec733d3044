/**
 * The funder admin pages, through the real app with a real session cookie: organisations,
 * people, invitations, sent mails, audit log, retention, and who may see them.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { SESSION_ABSOLUTE_MS } from '../../src/use-cases/accounts/sessionLifetime.js';
import { hashPassword, hashToken, randomToken } from '../../src/security/secrets.js';
import { readRetention } from '../../src/use-cases/personal-data/retention.js';
import { repositoriesOn, type Repositories } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { buildFunder } from '../support/factories.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const clock = fixedClock('2026-11-25T10:00:00Z');
const PASSWORD = 'un mot de passe très long 2026';
const VALID_SIRET = '44852136900018';
const INVALID_SIRET = '44852136900019';

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

/** A browser, more or less: a cookie jar and the last CSRF token seen in a page. */
class Browser {
  private readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as Array<{ name: string; value: string }>) this.cookies.set(cookie.name, cookie.value);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a form; the CSRF token comes from a page read before (read /admin when none yet). */
  async post(url: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get('/admin');
    const body = new URLSearchParams({ ...fields, ...(options.csrf === false ? {} : { _csrf: this.csrf ?? '' }) }).toString();
    return this.remember(
      await this.app.inject({ method: 'POST', url, payload: body, headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } }),
    );
  }
}

describe.each(TEST_DIALECTS)('admin pages on %s', (dialect) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let repos: Repositories;
  let funderId: string;
  let otherFunderId: string;
  let adminId: string;
  let admin: Browser;
  let manager: Browser;
  let hr: Browser;

  async function createUser(email: string, displayName: string, memberships: Array<{ kind: 'funder' | 'employer'; id: string; role: Role }>): Promise<string> {
    const at = clock.now().toISOString();
    const userId = await repos.users.insert({ email, displayName, passwordHash: await hashPassword(PASSWORD), status: 'active' }, at);
    for (const m of memberships) await repos.users.addMembership(userId, { organisationKind: m.kind, organisationId: m.id, role: m.role }, at);
    return userId;
  }

  /** Signs in through the login form when it exists, otherwise opens a session directly. */
  async function signIn(email: string, userId: string): Promise<Browser> {
    const browser = new Browser(app);
    const loginPage = await browser.get('/connexion');
    if (loginPage.statusCode === 200 && browser.csrf) {
      const response = await browser.post('/connexion', { email, password: PASSWORD });
      expect(response.statusCode).toBe(303);
      return browser;
    }
    const token = randomToken();
    const now = clock.now();
    await repos.sessions.insert({
      id: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      idleExpiresAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: '127.0.0.1',
      userAgent: 'vitest',
    });
    const signedIn = new Browser(app);
    signedIn.setCookie('relais_session', token);
    return signedIn;
  }

  const countEmployers = async () => Number((await test.database.db.selectFrom('employers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const employerBySiret = (siret: string) => repos.directory.findEmployerBySiret(siret);

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    repos = repositoriesOn(test.database.db, test.database.dialect);
    funderId = (await buildFunder(test.database, { name: 'OPCO Santé Hauts-de-France' })).id;
    otherFunderId = (await buildFunder(test.database, { name: 'Autre OPCO' })).id;
    const employerId = await repos.organisations.insertEmployer({ funderId, name: 'EHPAD Les Tilleuls', siret: siretFrom('1234567890001'), sector: 'Médico-social', regionId: null, city: 'Arras', postcode: '62000' });
    adminId = await createUser('admin@opco.test', 'Chloé Admin', [{ kind: 'funder', id: funderId, role: 'funder_admin' }]);
    const managerId = await createUser('manager@opco.test', 'Marc Manager', [{ kind: 'funder', id: funderId, role: 'funder_manager' }]);
    const hrId = await createUser('rh@ehpad.test', 'Rita RH', [{ kind: 'employer', id: employerId, role: 'employer_hr' }]);
    app = await buildTestApp(test.database, clock);
    admin = await signIn('admin@opco.test', adminId);
    manager = await signIn('manager@opco.test', managerId);
    hr = await signIn('rh@ehpad.test', hrId);
  });
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  const ADMIN_PAGES = [
    '/admin',
    '/admin/organisations',
    '/admin/organisations/employeurs/nouveau',
    '/admin/organisations/organismes/nouveau',
    '/admin/organisations/cofinanceurs/nouveau',
    '/admin/personnes',
    '/admin/personnes/inviter',
    '/admin/journal',
    '/admin/courriels',
    '/admin/conservation',
  ];

  describe('access', () => {
    it('sends anonymous visitors to the login page, coming back afterwards', async () => {
      const anonymous = new Browser(app);
      for (const page of [...ADMIN_PAGES, '/admin/journal?action=user.invited']) {
        const response = await anonymous.get(page);
        expect(response.statusCode, page).toBe(303);
        expect(response.headers.location).toBe(`/connexion?suivant=${encodeURIComponent(page).replace(/%2F/g, '/')}`);
        expect(response.headers['cache-control']).toBe('no-store');
      }
    });

    it('refuses every admin page to a funder manager and to an employer HR contact, in French', async () => {
      const pages = [...ADMIN_PAGES, `/admin/personnes/${adminId}`, `/admin/personnes/${adminId}/donnees.json`, '/admin/courriels/inconnu', `/admin/organisations/employeurs/inconnu`];
      for (const browser of [manager, hr]) {
        for (const page of pages) {
          const response = await browser.get(page);
          expect(response.statusCode, page).toBe(403);
          expect(response.body).toContain('Accès refusé');
          expect(response.headers['cache-control']).toBe('no-store');
        }
        // Its own header is kept on the 403 page.
        expect((await browser.get('/admin')).body).toContain('Se déconnecter');
        const post = await browser.post('/admin/organisations/employeurs/nouveau', { name: 'Intrus', siret: siretFrom('9876543210001'), sector: 'Social', regionCode: '', city: '', postcode: '' });
        expect(post.statusCode).toBe(403);
        expect(await employerBySiret(siretFrom('9876543210001'))).toBeUndefined();
      }
    });

    it('refuses a funder the admin does not administer', async () => {
      expect((await admin.get(`/admin/organisations?financeur=${otherFunderId}`)).statusCode).toBe(403);
    });

    it('shows the admin home with links to every section, never cached', async () => {
      const response = await admin.get('/admin');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      for (const href of ADMIN_PAGES.filter((page) => !page.includes('nouveau'))) expect(response.body).toContain(`href="${href}"`);
      expect(response.body).toContain('1 établissement adhérent');
    });

    it('refuses a form posted without its CSRF token', async () => {
      const response = await admin.post('/admin/organisations/cofinanceurs/nouveau', { name: 'Sans jeton', lheoCode: '' }, { csrf: false });
      expect(response.statusCode).toBe(403);
      expect((await repos.directory.listCofunders()).map((c) => c.name)).not.toContain('Sans jeton');
    });
  });

  describe('organisations', () => {
    const employerForm = (overrides: Record<string, string> = {}) => ({ name: 'Centre hospitalier de Lens', siret: VALID_SIRET, sector: 'Sanitaire', regionCode: '32', city: 'Lens', postcode: '62300', ...overrides });

    it('creates an employer with a valid SIRET: listed, and in the audit log', async () => {
      const response = await admin.post('/admin/organisations/employeurs/nouveau', employerForm({ siret: '448 521 369 00018' }));
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/organisations?ok=organisation-creee');
      const list = await admin.get(response.headers.location as string);
      expect(list.body).toContain('L’organisation a été créée.');
      expect(list.body).toContain('Centre hospitalier de Lens');
      expect(list.body).toContain(VALID_SIRET);
      const employer = await employerBySiret(VALID_SIRET);
      expect(employer).toBeDefined();
      const journal = await admin.get('/admin/journal?action=organisation.created');
      expect(journal.statusCode).toBe(200);
      expect(journal.body).toContain('Établissement créé : Centre hospitalier de Lens');
      expect(journal.body).toContain('Chloé Admin');
      expect(journal.body).toContain('25 novembre 2026 à 11:00:00');
      expect(journal.body).toContain(employer?.id);
    });

    it('refuses an invalid SIRET with the error next to the field, the values kept and nothing written', async () => {
      const before = await countEmployers();
      const auditBefore = (await repos.audit.search({ funderId, limit: 1, offset: 0 })).total;
      const response = await admin.post('/admin/organisations/employeurs/nouveau', employerForm({ name: 'Clinique du Parc', siret: INVALID_SIRET }));
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('role="alert"');
      expect(response.body).toContain('SIRET invalide');
      expect(response.body).toMatch(/<input[^>]*id="siret"[^>]*aria-describedby="siret-aide siret-erreur"/);
      expect(response.body).toContain('id="siret-erreur"');
      expect(response.body).toContain('href="#siret"');
      expect(response.body).toContain(`value="${INVALID_SIRET}"`);
      expect(response.body).toContain('value="Clinique du Parc"');
      expect(response.body).toMatch(/<option value="Sanitaire" selected/);
      expect(await countEmployers()).toBe(before);
      expect((await repos.audit.search({ funderId, limit: 1, offset: 0 })).total).toBe(auditBefore);
    });

    it('edits the funder itself, refusing a minimum above the maximum', async () => {
      const form = { name: 'OPCO Santé Hauts-de-France', shortName: 'OPCO Santé', website: 'https://www.opco-sante.fr', regionCode: '32', defaultMinTrainees: '16', defaultMaxTrainees: '12' };
      const refused = await admin.post('/admin/organisations/financeur', form);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Le minimum ne peut pas dépasser le maximum.');
      expect(refused.body).toContain('value="16"');
      const saved = await admin.post('/admin/organisations/financeur', { ...form, defaultMinTrainees: '6' });
      expect(saved.statusCode).toBe(303);
      const funder = await repos.directory.findFunder(funderId);
      expect(funder).toMatchObject({ defaultMinTrainees: 6, defaultMaxTrainees: 12, regionCode: '32', website: 'https://www.opco-sante.fr' });
      expect((await repos.audit.search({ funderId, entityType: 'funder', limit: 5, offset: 0 })).items[0]?.summary).toContain('Financeur modifié');
    });

    it('refuses a SIRET already registered', async () => {
      const before = await countEmployers();
      const response = await admin.post('/admin/organisations/employeurs/nouveau', employerForm({ name: 'Doublon' }));
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Ce SIRET est déjà enregistré (Centre hospitalier de Lens)');
      expect(await countEmployers()).toBe(before);
    });

    it('edits an employer, keeping the form on error', async () => {
      const employer = await employerBySiret(VALID_SIRET);
      const page = await admin.get(`/admin/organisations/employeurs/${employer?.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<option value="32" selected/);
      const refused = await admin.post(`/admin/organisations/employeurs/${employer?.id}`, employerForm({ postcode: '623' }));
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Le code postal compte 5 chiffres.');
      const saved = await admin.post(`/admin/organisations/employeurs/${employer?.id}`, employerForm({ name: 'CH de Lens' }));
      expect(saved.statusCode).toBe(303);
      expect((await repos.directory.findEmployer(employer?.id ?? ''))?.name).toBe('CH de Lens');
    });

    it('deactivates and reactivates an employer', async () => {
      const employer = await employerBySiret(VALID_SIRET);
      const id = employer?.id ?? '';
      const off = await admin.post(`/admin/organisations/employeurs/${id}/desactiver`, {});
      expect(off.statusCode).toBe(303);
      expect((await repos.directory.findEmployer(id))?.isActive).toBe(false);
      expect((await admin.get(off.headers.location as string)).body).toContain('L’organisation a été désactivée.');
      const on = await admin.post(`/admin/organisations/employeurs/${id}/reactiver`, {});
      expect(on.statusCode).toBe(303);
      expect((await repos.directory.findEmployer(id))?.isActive).toBe(true);
      const journal = await admin.get('/admin/journal?type=employer');
      expect(journal.body).toContain('CH de Lens désactivé');
      expect(journal.body).toContain('CH de Lens réactivé');
    });

    it('creates providers and co-funders, and escapes what people typed', async () => {
      const xss = '<script>alert("x")</script> & Cie';
      const provider = await admin.post('/admin/organisations/organismes/nouveau', { name: xss, siret: '', nda: '32 59 12345 59', email: 'contact@of.test', city: 'Lille' });
      expect(provider.statusCode).toBe(303);
      const cofunder = await admin.post('/admin/organisations/cofinanceurs/nouveau', { name: 'Région <b>Hauts</b>', lheoCode: '2' });
      expect(cofunder.statusCode).toBe(303);
      const list = await admin.get('/admin/organisations');
      expect(list.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; Cie');
      expect(list.body).not.toContain('<script>alert');
      expect(list.body).toContain('Région &lt;b>Hauts&lt;/b>');
      const badCode = await admin.post('/admin/organisations/cofinanceurs/nouveau', { name: 'Département', lheoCode: 'abc' });
      expect(badCode.statusCode).toBe(422);
      expect(badCode.body).toContain('Code financeur LHEO invalide');
      expect(badCode.body).toContain('value="abc"');
      const search = await admin.get('/admin/organisations?q=lens');
      expect(search.body).toContain('CH de Lens');
      expect(search.body).not.toContain('EHPAD Les Tilleuls');
    });
  });

  describe('people', () => {
    let invitedId: string;

    it('invites a person: confirmation with the link, mail in the outbox and on « Courriels envoyés »', async () => {
      const form = await admin.get('/admin/personnes/inviter');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`<optgroup label="Financeur (OPCO)">`);
      expect(form.body).toContain(`value="funder:${funderId}"`);
      const employer = await employerBySiret(VALID_SIRET);
      const response = await admin.post('/admin/personnes/inviter', { email: 'Nina.Invitee@ehpad.test', displayName: 'Nina Invitée', organisation: `employer:${employer?.id}`, role: 'employer_hr' });
      expect(response.statusCode).toBe(201);
      const link = /href="(http:\/\/relais\.test\/invitation\/[^"]+)"/.exec(response.body)?.[1];
      expect(link).toBeDefined();
      const user = await repos.users.findByEmail('nina.invitee@ehpad.test');
      expect(user?.status).toBe('invited');
      invitedId = user?.id ?? '';
      const outbox = await repos.outbox.listRecent({ funderId, limit: 10, offset: 0, recipient: 'nina.invitee@ehpad.test' });
      expect(outbox.total).toBe(1);
      const mail = outbox.items[0];
      const mails = await admin.get('/admin/courriels');
      expect(mails.statusCode).toBe(200);
      expect(mails.body).toContain('nina.invitee@ehpad.test');
      expect(mails.body).toContain('en attente');
      const detail = await admin.get(`/admin/courriels/${mail?.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toMatch(/<pre[^>]*>[\s\S]*\/invitation\//);
      expect(detail.body).toContain(link);
      expect((await admin.get('/admin/courriels/inconnu')).statusCode).toBe(404);
    });

    it('refuses an invitation with a role that does not fit the organisation, keeping the values', async () => {
      const response = await admin.post('/admin/personnes/inviter', { email: 'pas-une-adresse', displayName: 'Paul', organisation: `funder:${funderId}`, role: 'employer_hr' });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Adresse électronique invalide');
      expect(response.body).toContain('Ce rôle ne correspond pas à ce type d’organisation.');
      expect(response.body).toContain('value="pas-une-adresse"');
      const missing = await admin.post('/admin/personnes/inviter', { email: '', displayName: '', organisation: '', role: '' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('Choisissez une organisation dans la liste.');
      expect(missing.body).toContain('Indiquez une adresse électronique.');
    });

    it('lists people with their roles, and searches them', async () => {
      const list = await admin.get('/admin/personnes');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Nina Invitée');
      expect(list.body).toContain('Contact RH employeur — CH de Lens');
      expect(list.body).toContain('invitation en attente');
      const search = await admin.get('/admin/personnes?q=nina');
      expect(search.body).toContain('Nina Invitée');
      expect(search.body).not.toContain('Marc Manager');
    });

    it('deactivates and reactivates a person, and removes a role', async () => {
      expect((await admin.post(`/admin/personnes/${invitedId}/desactiver`, {})).statusCode).toBe(303);
      expect((await repos.users.findById(invitedId))?.status).toBe('disabled');
      expect((await admin.post(`/admin/personnes/${invitedId}/reactiver`, {})).statusCode).toBe(303);
      expect((await repos.users.findById(invitedId))?.status).toBe('invited');
      const self = await admin.post(`/admin/personnes/${adminId}/desactiver`, {});
      expect(self.statusCode).toBe(422);
      expect(self.body).toContain('Vous ne pouvez pas désactiver votre propre compte.');
      const employer = await employerBySiret(VALID_SIRET);
      const removed = await admin.post(`/admin/personnes/${invitedId}/roles/retirer`, { kind: 'employer', organisationId: employer?.id ?? '', role: 'employer_hr' });
      expect(removed.statusCode).toBe(303);
      expect(await repos.users.membershipsOf(invitedId)).toEqual([]);
    });

    it('exports a person’s data as an attachment', async () => {
      const response = await admin.get(`/admin/personnes/${invitedId}/donnees.json`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('attachment');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(response.body).person.email).toBe('nina.invitee@ehpad.test');
    });

    it('erases a person only once the erasure is confirmed', async () => {
      const unconfirmed = await admin.post(`/admin/personnes/${invitedId}/effacer`, {});
      expect(unconfirmed.statusCode).toBe(422);
      expect(unconfirmed.body).toContain('role="alert"');
      expect(unconfirmed.body).toContain('aria-describedby="confirmation-erreur"');
      expect((await repos.users.findById(invitedId))?.email).toBe('nina.invitee@ehpad.test');
      const erased = await admin.post(`/admin/personnes/${invitedId}/effacer`, { confirmation: 'oui' });
      expect(erased.statusCode).toBe(303);
      const user = await repos.users.findById(invitedId);
      expect(user?.status).toBe('erased');
      expect(user?.displayName).toBe('Personne effacée');
      expect(user?.email).toBe(`efface-${invitedId}@relais.invalid`);
      expect((await admin.get('/admin/personnes')).body).not.toContain('Nina Invitée');
      expect((await admin.get(`/admin/personnes/${invitedId}`)).statusCode).toBe(404);
      expect((await admin.get('/admin/journal?action=personal_data.erased')).body).toContain('Données personnelles effacées');
    });
  });

  describe('audit log filters', () => {
    it('filters by Paris dates, entity type and author, and refuses an invalid date', async () => {
      const today = await admin.get('/admin/journal?du=2026-11-25&au=2026-11-25');
      expect(today.body).toContain('Établissement créé');
      const tomorrow = await admin.get('/admin/journal?du=2026-11-26');
      expect(tomorrow.body).toContain('Aucune entrée.');
      const other = await admin.get(`/admin/journal?personne=${encodeURIComponent('inconnu')}`);
      expect(other.body).toContain('Aucune entrée.');
      const mine = await admin.get(`/admin/journal?personne=${adminId}&type=user`);
      expect(mine.body).toContain('Invitation : nina.invitee@ehpad.test');
      expect(mine.body).not.toContain('Établissement créé');
      const invalid = await admin.get('/admin/journal?du=2026-13-45');
      expect(invalid.statusCode).toBe(422);
      expect(invalid.body).toContain('Date de début invalide');
      expect(invalid.body).toContain('value="2026-13-45"');
    });
  });

  describe('retention', () => {
    it('shows the legal minimum and refuses a period below it', async () => {
      const page = await admin.get('/admin/conservation');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Minimum légal : 3 ans');
      const refused = await admin.post('/admin/conservation', { certificates: '2', evidence: '6', cofunded_evidence: '10' });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Entre 3 (minimum légal) et 50 ans.');
      expect(refused.body).toMatch(/id="certificates"[^>]*value="2"|value="2"[^>]*id="certificates"/);
      expect((await readRetention(test.database, funderId)).find((row) => row.kind === 'certificates')?.years).toBe(3);
      const saved = await admin.post('/admin/conservation', { certificates: '5', evidence: '6', cofunded_evidence: '10' });
      expect(saved.statusCode).toBe(303);
      expect((await readRetention(test.database, funderId)).find((row) => row.kind === 'certificates')?.years).toBe(5);
      expect((await admin.get(saved.headers.location as string)).body).toContain('Les durées de conservation ont été enregistrées.');
    });
  });
});
