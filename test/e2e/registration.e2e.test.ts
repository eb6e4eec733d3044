/**
 * Registering staff in a real Chromium, as the demo HR contact of Les Tilleuls does it: sign
 * in, open a group of the catalogue (one seat, set before), register two people (one confirmed,
 * one waitlisted), cancel the confirmed one, open the offer link of the mail (read from the
 * outbox) in another, signed-out browser and accept the seat; « Mes inscriptions » then shows
 * the second person confirmed. axe-core checks the staff page, the register form, the result,
 * « Mes inscriptions » and the offer page for serious and critical WCAG 2.1 A/AA violations.
 *
 * The real app listens on a real port, on a fresh SQLite database seeded with the demo (its
 * groups are relative to today), with the real clock.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demoAccounts.js';
import { systemClock } from '../../src/domain/clock.js';
import { expectAccessible, launchChromium, openTab, see } from '../support/browser.js';
import { seedDemoFixture } from '../support/signedIn.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const TIMEOUT = 60_000;
// The staff is listed by last name, and people are registered in the order of the list.
const CONFIRMED = 'Karim Benali';
const WAITLISTED = 'Hélène Dupont';

describe('registration in Chromium', () => {
  let test: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let baseUrl: string;
  let trainingSlug: string;

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    const { db } = test.database;
    await seedDemoFixture(test.database, systemClock);
    const training = await db.selectFrom('trainings').select(['id', 'slug']).where('module_number', '=', 1).executeTakeFirstOrThrow();
    trainingSlug = training.slug;
    // Groupe 4 (Lille) gets a single seat: the second person registered goes to the waitlist.
    await db.updateTable('sessions').set({ max_trainees: 1, min_trainees: 1 }).where('training_id', '=', training.id).where('label', '=', 'Groupe 4').execute();
    app = await buildTestApp(test.database, systemClock);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await openTab(browser, baseUrl);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await test?.cleanup();
  }, TIMEOUT);

  it(
    'registers two people into a one-seat group, cancels the first, and the offer link gives the seat to the second',
    async () => {
      if (!test || !browser) throw new Error('setup failed');

      // Sign in from the catalogue's invitation to do so, and come back to the group.
      await page.goto(`/formations/${trainingSlug}`);
      await page.getByRole('link', { name: 'Connectez-vous pour inscrire votre personnel : Groupe 4 — Lille' }).click();
      await page.waitForURL((url) => url.pathname === '/connexion');
      await page.getByLabel('Adresse électronique').fill('rh@tilleuls.example');
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/employeur/inscrire/'));

      // The register form: the group, its single seat, the staff to tick.
      await see(page.getByRole('heading', { level: 1, name: 'Inscrire des personnes' }));
      await see(page.getByText('1 place disponible sur 1'));
      await expectAccessible(page, 'register form');
      await page.getByRole('checkbox', { name: new RegExp(CONFIRMED) }).check();
      await page.getByRole('checkbox', { name: new RegExp(WAITLISTED) }).check();
      await page.getByRole('button', { name: 'Inscrire les personnes cochées' }).click();

      // One confirmed, one waitlisted in position 1.
      await see(page.getByRole('heading', { level: 1, name: 'Inscriptions enregistrées' }));
      const outcomes = page.locator('.employer-outcomes > li');
      await see(outcomes.filter({ hasText: CONFIRMED }).getByText('Confirmée', { exact: true }));
      await see(outcomes.filter({ hasText: WAITLISTED }).getByText('En liste d’attente — position 1'));
      await expectAccessible(page, 'register result');

      // « Mes inscriptions »: cancel the confirmed person, after the confirmation page.
      await page.getByRole('link', { name: 'Voir mes inscriptions' }).click();
      await see(page.getByRole('heading', { level: 1, name: 'Mes inscriptions' }));
      await expectAccessible(page, 'Mes inscriptions');
      await page.getByRole('link', { name: `Annuler l’inscription de ${CONFIRMED}` }).click();
      await see(page.getByRole('heading', { level: 1, name: `Annuler l’inscription de ${CONFIRMED}` }));
      await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      await see(page.getByRole('status').getByText('L’inscription a été annulée.'));

      // The offer mail went to the HR contact; its link works in a browser nobody signed in to.
      const mail = await test.database.db.selectFrom('outbox').select('text_body').where('kind', '=', 'registration.offer').executeTakeFirstOrThrow();
      const link = /https?:\/\/\S+\/offres\/[\w-]+/.exec(mail.text_body)?.[0];
      if (!link) throw new Error(`no offer link in the mail:\n${mail.text_body}`);
      const visitor = await openTab(browser, baseUrl);
      try {
        const offer = await visitor.goto(new URL(link).pathname);
        expect(offer?.status()).toBe(200);
        await see(visitor.getByRole('heading', { level: 1, name: `Une place est disponible pour ${WAITLISTED}` }));
        await expectAccessible(visitor, 'offer page');
        await visitor.getByRole('button', { name: 'Accepter la place' }).click();
        await see(visitor.getByRole('heading', { level: 1, name: 'Place acceptée' }));
        await expectAccessible(visitor, 'offer accepted');
      } finally {
        await visitor.context().close();
      }

      // Back in the employer space: the second person is confirmed.
      await page.goto('/employeur/inscriptions');
      await see(page.getByRole('row', { name: new RegExp(WAITLISTED) }).getByRole('cell', { name: 'Confirmée', exact: true }));
      expect(await page.getByRole('row', { name: new RegExp(CONFIRMED) }).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'the staff page is accessible, with its form shown again with errors',
    async () => {
      await page.goto('/employeur/personnel');
      await see(page.getByRole('heading', { level: 1, name: 'Mon personnel' }));
      await see(page.getByRole('cell', { name: 'sophie.martin@tilleuls.example' }));
      await expectAccessible(page, 'staff page');
      await page.getByRole('textbox', { name: /^Prénom/ }).fill('Inès');
      await page.getByRole('textbox', { name: /^Nom/ }).fill('Garnier');
      await page.getByRole('textbox', { name: /^Adresse électronique professionnelle/ }).fill('pas-une-adresse');
      await page.getByRole('combobox', { name: /^Profession/ }).selectOption('cesf');
      await page.getByRole('button', { name: 'Ajouter au personnel' }).click();
      await see(page.getByRole('alert'));
      expect(await page.getByRole('textbox', { name: /^Prénom/ }).inputValue()).toBe('Inès');
      await expectAccessible(page, 'staff page with errors');
    },
    TIMEOUT,
  );
});
