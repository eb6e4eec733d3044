/**
 * The public catalogue in a real Chromium, as a person uses it: search from the home page, open
 * the Module 1 fiche, read its groups and its contact. axe-core checks each page for serious
 * and critical WCAG 2.1 A/AA violations, and the keyboard reaches the skip link first.
 *
 * The real app listens on a real port, on a fresh SQLite database seeded with the demo
 * catalogue, with the real clock: the March 2022 groups are past, the demo groups are future.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/demo/seedDemo.js';
import { systemClock } from '../../src/domain/clock.js';
import { expectAccessible, launchChromium, openTab, see } from '../support/browser.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const MODULE_1_TITLE = 'La pratique de l’Aller Vers les publics – Module 1';
const FUNDER_EMAIL = 'chloe.dmeyere@opco-sante.fr';
const TIMEOUT = 30_000;



describe('public catalogue in Chromium', () => {
  let test: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    expect((await seedDemoIfEmpty(test.database, systemClock)).seeded).toBe(true);
    app = await buildTestApp(test.database, systemClock);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
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
    'reaches the skip link with the first Tab',
    async () => {
      const response = await page.goto('/');
      expect(response?.status()).toBe(200);
      await page.keyboard.press('Tab');
      const skipLink = await see(page.getByRole('link', { name: 'Aller au contenu' }));
      const focused = await skipLink.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
      expect(focused, 'the first Tab should focus the skip link "Aller au contenu"').toBe(true);
      expect(await skipLink.getAttribute('href')).toBe('#contenu');
    },
    TIMEOUT,
  );

  it(
    'searches, opens the Module 1 fiche and reads its groups and contact, with no serious accessibility violation',
    async () => {
      // Home page.
      const home = await page.goto('/');
      expect(home?.status()).toBe(200);
      await see(page.getByRole('heading', { level: 1, name: 'Catalogue des formations' }));
      await expectAccessible(page, 'home page');

      // Search "aller vers".
      await page.getByLabel('Rechercher une formation').fill('aller vers');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('q') === 'aller vers');
      const count = await see(page.getByRole('heading', { level: 2, name: /^\d+ formations?\b/ }));
      expect(await count.textContent()).toMatch(/^\s*[1-9]\d* formations?\b/);
      const result = await see(page.getByRole('link', { name: MODULE_1_TITLE }));
      await expectAccessible(page, 'search results page');

      // The training page.
      await result.click();
      await page.waitForURL((url) => url.pathname.startsWith('/formations/'));
      const title = await see(page.getByRole('heading', { level: 1 }));
      expect(await title.textContent()).toContain(MODULE_1_TITLE);

      const groups = [
        { label: 'Groupe 1', city: 'Lille', dates: 'les 10 & 11 mars 2022' },
        { label: 'Groupe 2', city: 'Arras', dates: 'les 17 & 18 mars 2022' },
        { label: 'Groupe 3', city: 'Amiens', dates: 'les 15 & 16 mars 2022' },
      ];
      for (const group of groups) {
        // The innermost article: the training page is itself an article around the groups.
        const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(`^${group.label}\\b`) }), hasNot: page.getByRole('article') });
        expect(await card.count(), `one card for ${group.label}`).toBe(1);
        await see(card.getByRole('heading', { name: new RegExp(`^${group.label}\\b.*${group.city}`) }));
        await see(card.getByText(group.dates, { exact: true }));
        await see(card.getByText('Session passée', { exact: true }));
      }

      const contact = await see(page.getByRole('link', { name: FUNDER_EMAIL }));
      expect(await contact.getAttribute('href')).toBe(`mailto:${FUNDER_EMAIL}`);
      await expectAccessible(page, 'training page');
    },
    TIMEOUT,
  );
});
