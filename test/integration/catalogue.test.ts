import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/demo/seedDemo.js';
import { importFiche } from '../../src/use-cases/importFiche.js';
import { searchCatalogue } from '../../src/use-cases/searchCatalogue.js';
import { fixedClock } from '../support/clock.js';
import { SEED_FICHE_TEXT } from '../support/seedFiche.js';
import { buildTestApp } from '../support/testApp.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const clock = fixedClock('2026-11-25T10:00:00Z');
const MODULE_1_SLUG = 'la-pratique-de-l-aller-vers-les-publics-module-1-aller-vers-une-necessaire-preparation';

describe.each(TEST_DIALECTS)('public catalogue on %s', (dialect) => {
  let test: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const seed = await seedDemoIfEmpty(test.database, clock);
    expect(seed.seeded).toBe(true);
    app = await buildTestApp(test.database, clock);
  });
  afterAll(async () => {
    await app?.close();
    await test?.cleanup();
  });

  const titles = async (search: Parameters<typeof searchCatalogue>[2]) =>
    (await searchCatalogue(test.database, clock, search)).items.map((item) => item.moduleNumber);

  it('seeds only once', async () => {
    expect((await seedDemoIfEmpty(test.database, clock)).seeded).toBe(false);
  });

  describe('search', () => {
    it('finds the fiche by words, without accents or case', async () => {
      expect(await titles({ q: 'aller vers' })).toContain(1);
      expect(await titles({ q: 'MEDICO social' })).toEqual(expect.arrayContaining([1, 2]));
      expect(await titles({ q: 'Fernand Deligny' })).toEqual([1]);
      expect(await titles({ q: 'pédagog' })).toContain(1);
    });

    it('finds nothing for unknown words, and never fails on query syntax', async () => {
      expect(await titles({ q: 'astrophysique' })).toEqual([]);
      for (const q of ['"', '*', '-', 'aller NEAR vers', '"aller" OR "vers"', "'; DROP TABLE trainings; --", '<script>alert(1)</script>', 'a:b & c | !d', '()', 'ü̈ñ'])
        await expect(searchCatalogue(test.database, clock, { q })).resolves.toBeDefined();
    });

    it('filters by city, month, sector, region, theme and open groups', async () => {
      expect(await titles({ city: 'Arras' })).toEqual([1]);
      expect(await titles({ month: '2022-03' })).toEqual([1]);
      expect(await titles({ month: '2021-01' })).toEqual([]);
      expect(await titles({ sector: 'Médico-social' })).toHaveLength(2);
      expect(await titles({ region: 'hauts-de-france' })).toHaveLength(2);
      expect(await titles({ region: 'bretagne' })).toEqual([]);
      expect(await titles({ theme: 'strategie-nationale-de-prevention-et-de-lutte-contre-la-pauvrete' })).toHaveLength(2);
      expect(await titles({ available: true })).toHaveLength(2);
      // Years later, every group is past: nothing is open any more.
      const later = fixedClock('2030-01-01T00:00:00Z');
      expect((await searchCatalogue(test.database, later, { available: true })).total).toBe(0);
    });

    it('paginates', async () => {
      const first = await searchCatalogue(test.database, clock, { perPage: 1, page: 1 });
      const second = await searchCatalogue(test.database, clock, { perPage: 1, page: 2 });
      expect(first.total).toBe(2);
      expect(first.pageCount).toBe(2);
      expect(first.items[0]?.id).not.toBe(second.items[0]?.id);
      expect((await searchCatalogue(test.database, clock, { perPage: 1, page: 99 })).items).toEqual([]);
    });
  });

  describe('pages', () => {
    it('lists the catalogue with filters and the seed training', async () => {
      const response = await app.inject('/');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('La pratique de l’Aller Vers les publics – Module 1');
      expect(response.body).toContain('<label for="q"');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('searches through a shareable URL', async () => {
      const response = await app.inject('/?q=aller+vers&ville=Lille');
      expect(response.body).toContain(`/formations/${MODULE_1_SLUG}`);
      expect(response.body).toMatch(/\d+ formations?/);
    });

    it('escapes what the visitor typed', async () => {
      const response = await app.inject(`/?q=${encodeURIComponent('<script>alert("x")</script>')}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('<script>alert');
      expect(response.body).toContain('&lt;script>alert');
    });

    it('ignores bad filter values instead of failing', async () => {
      for (const url of ['/?page=-3', '/?page=abc', '/?mois=2022-13', '/?places=oui', '/?q=' + 'x'.repeat(5000), '/?region[]=a&region[]=b']) {
        expect((await app.inject(url)).statusCode).toBe(200);
      }
    });

    it('shows every field of the fiche and its three groups on the training page', async () => {
      const response = await app.inject(`/formations/${MODULE_1_SLUG}`);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      for (const text of [
        'Aller vers : une nécessaire préparation',
        'Social, Médico-social',
        'Les travailleurs sociaux et les professionnels de première ligne',
        '2 jours (14,00 h)',
        'APSN',
        'Groupe 1',
        'les 10 &amp; 11 mars 2022',
        'les 17 &amp; 18 mars 2022',
        'les 15 &amp; 16 mars 2022',
        'Session passée',
        'Chloe Demeyere',
        'href="mailto:chloe.dmeyere@opco-sante.fr"',
        'DGCS',
        'Fernand DELIGNY',
        'Connaître les étapes méthodologiques',
        'Pas de prérequis',
        'La mobilisation des ressources territoriales',
        'Démonstration',
        'places disponibles',
      ]) {
        expect(html, text).toContain(text);
      }
      for (const city of ['Lille', 'Arras', 'Amiens']) expect(html).toContain(city);
      // Fiche order: Public before Lieux & dates before Contexte before Objectifs before Contenu.
      const order = ['Public', 'Lieux &amp; dates', 'Interlocuteur', 'Partenariat', 'Contexte', 'Objectifs', 'Prérequis', 'Contenu'].map((t) => html.indexOf(t));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(html).toContain('Module 2');
    });

    it('serves anonymous pages from memory only while the catalogue is unchanged', async () => {
      const before = await app.inject('/?q=bientraitance');
      expect(before.body).toContain('Aucune formation ne correspond');
      expect((await app.inject('/?q=bientraitance')).body).toBe(before.body);
      const fiche = SEED_FICHE_TEXT.replace(/La pratique de l’Aller Vers les\npublics – Module 1 « Aller\nvers : une nécessaire\npréparation »/, 'Bientraitance en établissement');
      await importFiche(test.database, clock, { text: fiche, publish: true });
      const after = await app.inject('/?q=bientraitance');
      expect(after.body).toContain('Bientraitance en établissement');
    });

    it('answers an unknown training with a French 404 page', async () => {
      const response = await app.inject('/formations/nexiste-pas');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Page introuvable');
      expect((await app.inject('/nimporte/quoi')).statusCode).toBe(404);
    });
  });

  describe('API', () => {
    it('lists trainings with the same filters', async () => {
      const response = await app.inject('/api/v1/trainings?q=aller%20vers&city=Lille&perPage=5');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.total).toBeGreaterThanOrEqual(1);
      expect(body.items[0].sessions[0]).toMatchObject({ label: expect.any(String), datesText: expect.any(String), seatsLeft: expect.any(Number) });
    });

    it('returns one training by id or slug and one session', async () => {
      const bySlug = (await app.inject(`/api/v1/trainings/${MODULE_1_SLUG}`)).json();
      expect(bySlug.module).toEqual({ number: 1, title: 'Aller vers : une nécessaire préparation' });
      expect(bySlug.objectives).toHaveLength(6);
      expect(bySlug.contact.email).toBe('chloe.dmeyere@opco-sante.fr');
      const byId = (await app.inject(`/api/v1/trainings/${bySlug.id}`)).json();
      expect(byId.slug).toBe(MODULE_1_SLUG);
      const first = bySlug.sessions[0];
      expect(first).toMatchObject({ label: 'Groupe 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'], datesText: 'les 10 & 11 mars 2022', availability: 'past' });
      const session = (await app.inject(`/api/v1/sessions/${first.id}`)).json();
      expect(session.training.slug).toBe(MODULE_1_SLUG);
      expect(session.session.halfDays).toHaveLength(4);
    });

    it('answers errors as JSON with a stable code and a French message', async () => {
      const missing = await app.inject('/api/v1/trainings/01a213db-1b4d-76e8-91c2-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Formation introuvable.' } });
      expect((await app.inject('/api/v1/sessions/nope')).json().error.code).toBe('NOT_FOUND');
      const invalid = await app.inject('/api/v1/trainings?perPage=1000');
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.code).toBe('VALIDATION_FAILED');
      expect((await app.inject('/api/v1/nothing')).json().error.code).toBe('NOT_FOUND');
    });

    it('publishes its OpenAPI document', async () => {
      const response = await app.inject('/api/docs/json');
      expect(response.statusCode).toBe(200);
      const doc = response.json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/trainings', '/api/v1/trainings/{id}', '/api/v1/sessions/{id}']));
      expect((await app.inject('/api/docs')).statusCode).toBeLessThan(400);
    });
  });
});
