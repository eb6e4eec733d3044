/**
 * The account pages in a real Chromium, as an invited person uses them: open the invitation
 * link, choose a password, land signed in on "Mon compte" (the header shows the name), log out,
 * log in again. axe-core checks the login, forgotten password, invitation and "Mon compte"
 * pages (and the forms shown again with errors) for serious and critical WCAG 2.1 A/AA violations.
 *
 * The real app listens on a real port, on a fresh SQLite database, with the real clock.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { hashPassword } from '../../src/security/secrets.js';
import { inviteUser } from '../../src/use-cases/accounts/inviteUser.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { expectAccessible, launchChromium, openTab, see } from '../support/browser.js';
import { buildFunder } from '../support/factories.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const TIMEOUT = 30_000;
const INVITEE = { name: 'Nadia Benali', email: 'nadia.benali@opco.test' };
const PASSWORD = 'une phrase de passe bien longue';



describe('account pages in Chromium', () => {
  let test: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let invitationPath: string;

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    const { database } = test;
    const repos = repositoriesOn(database.db, database.dialect);
    const funder = await buildFunder(database, { name: 'OPCO Santé Hauts-de-France' });
    const at = new Date().toISOString();
    const adminId = await repos.users.insert({ email: 'admin@opco.test', displayName: 'Admin OPCO', passwordHash: await hashPassword(PASSWORD), status: 'active' }, at);
    const membership = { organisationKind: 'funder', organisationId: funder.id, role: 'funder_admin' } as const;
    await repos.users.addMembership(adminId, membership, at);
    const acting: Acting = { actor: { kind: 'user', userId: adminId, memberships: [membership] }, label: 'Admin OPCO <admin@opco.test>', meta: { ip: null, userAgent: null } };

    app = await buildTestApp(database, systemClock);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { invitationLink } = await inviteUser(database, systemClock, { baseUrl: new URL(baseUrl) }, acting, {
      email: INVITEE.email,
      displayName: INVITEE.name,
      organisationKind: 'funder',
      organisationId: funder.id,
      role: 'funder_manager',
    });
    invitationPath = new URL(invitationLink ?? '').pathname;

    browser = await launchChromium();
    // One tab for the whole file: each scenario starts with a fresh navigation.
    page = await openTab(browser, baseUrl);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await test?.cleanup();
  }, TIMEOUT);

  it(
    'invitation → password → signed in → logout → login, with no serious accessibility violation',
    async () => {
      // The invitation page greets the invitee.
      const invitation = await page.goto(invitationPath);
      expect(invitation?.status()).toBe(200);
      await see(page.getByRole('heading', { level: 1, name: `Bienvenue, ${INVITEE.name}` }));
      await expectAccessible(page, 'invitation page');

      // Two different passwords: the form comes back with the error next to the field.
      await page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
      await page.getByLabel('Confirmez le mot de passe').fill(`${PASSWORD} !`);
      await page.getByRole('button', { name: 'Activer mon compte' }).click();
      await see(page.getByRole('alert').getByRole('link', { name: 'Les deux mots de passe ne sont pas identiques.' }));
      await expectAccessible(page, 'invitation page with errors');

      await page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
      await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Activer mon compte' }).click();
      await page.waitForURL((url) => url.pathname === '/mon-compte');

      // Signed in: the header shows the name, "Mon compte" the role.
      await see(page.getByRole('banner').getByText(INVITEE.name, { exact: true }));
      await see(page.getByRole('heading', { level: 1, name: 'Mon compte' }));
      await see(page.getByText('Bienvenue ! Votre compte est activé et vous êtes connecté·e.'));
      await see(page.getByText('OPCO Santé Hauts-de-France', { exact: false }).first());
      await expectAccessible(page, 'Mon compte');

      // Logout.
      await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await see(page.getByRole('banner').getByRole('link', { name: 'Se connecter' }));
      expect(await page.getByRole('banner').getByText(INVITEE.name).count()).toBe(0);

      // Login page, a wrong password first.
      await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => url.pathname === '/connexion');
      await see(page.getByRole('heading', { level: 1, name: 'Se connecter' }));
      await expectAccessible(page, 'login page');
      await page.getByLabel('Adresse électronique').fill(INVITEE.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await see(page.getByRole('alert').getByText('Adresse électronique ou mot de passe incorrect.'));
      expect(await page.getByLabel('Adresse électronique').inputValue()).toBe(INVITEE.email);
      expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');
      await expectAccessible(page, 'login page with error');

      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => url.pathname === '/mon-compte');
      await see(page.getByRole('banner').getByText(INVITEE.name, { exact: true }));
    },
    TIMEOUT,
  );

  it(
    'the forgotten password page is accessible and answers the same for any address',
    async () => {
      const response = await page.goto('/mot-de-passe-oublie');
      expect(response?.status()).toBe(200);
      await see(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }));
      await expectAccessible(page, 'forgotten password page');
      await page.getByLabel('Adresse électronique').fill('personne@opco.test');
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await see(page.getByRole('status').getByText(/Si un compte actif correspond à cette adresse/));
      await expectAccessible(page, 'forgotten password confirmation');
    },
    TIMEOUT,
  );
});
