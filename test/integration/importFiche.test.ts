import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { importFiche, readFiche } from '../../src/use-cases/importFiche.js';
import { showTraining } from '../../src/use-cases/showTraining.js';
import { fixedClock } from '../support/clock.js';
import { buildFunder, countOfferRows } from '../support/factories.js';
import { MODULE_2_DEMO_FICHE_TEXT, SEED_FICHE_TEXT } from '../support/seedFiche.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const clock = fixedClock('2026-11-25T10:00:00Z');

describe.each(TEST_DIALECTS)('importFiche on %s', (dialect) => {
  let test: TestDatabase;
  let funderSlug: string;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    funderSlug = (await buildFunder(test.database, { slug: 'opco-sante-hdf', name: 'OPCO Santé Hauts-de-France' })).slug;
  });
  afterAll(async () => test?.cleanup());

  it('refuses a text that is not a fiche, naming the missing sections, and writes nothing', async () => {
    const before = await countOfferRows(test.database);
    const attempt = importFiche(test.database, clock, { text: 'Bonjour,\nvoici le compte rendu de la réunion de mardi.\n', funderSlug, publish: true });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_A_FICHE', message: expect.stringMatching(/sections manquantes : .*Objectifs.*Contenu/) });
    expect(await countOfferRows(test.database)).toEqual(before);
  });

  it('reading a fiche (the dry run) writes nothing', async () => {
    const before = await countOfferRows(test.database);
    const result = readFiche(SEED_FICHE_TEXT);
    expect(result.draft.sessions).toHaveLength(3);
    expect(await countOfferRows(test.database)).toEqual(before);
  });

  it('saves every field of the seed fiche', async () => {
    const result = await importFiche(test.database, clock, { text: SEED_FICHE_TEXT, funderSlug, regionCode: '32', themeName: 'Lutte contre la pauvreté', publish: true });
    expect(result.saved?.created).toBe(true);
    const training = await showTraining(test.database, clock, { slug: result.saved?.slug ?? '' });
    expect(training.title).toBe('La pratique de l’Aller Vers les publics – Module 1 « Aller vers : une nécessaire préparation »');
    expect(training.moduleNumber).toBe(1);
    expect(training.moduleTitle).toBe('Aller vers : une nécessaire préparation');
    expect(training.trackTitle).toBe('La pratique de l’Aller Vers les publics');
    expect(training.sectors).toEqual(['Social', 'Médico-social']);
    expect(training.publicText).toBe('Les travailleurs sociaux et les professionnels de première ligne, les cadres (à l’appréciation des employeurs)');
    expect(training.durationDays).toBe(2);
    expect(training.durationMinutes).toBe(14 * 60);
    expect(training.providerName).toBe('APSN');
    expect(training.regionName).toBe('Hauts-de-France');
    expect(training.themeName).toBe('Lutte contre la pauvreté');
    expect(training.contact).toEqual({ name: 'Chloe Demeyere', email: 'chloe.dmeyere@opco-sante.fr', phone: null });
    expect(training.cofunders).toEqual(['DGCS']);
    expect(training.context).toContain('après le seconde mondiale');
    expect(training.context).toContain('s’appuie sur des méthodes et des postures professionnelles');
    expect(training.objectives).toHaveLength(6);
    expect(training.objectives[0]).toMatch(/^Savoir situer la question de l’aller vers/);
    expect(training.objectives[5]).toMatch(/^Savoir identifier les ressources territoriales/);
    expect(training.prerequisites).toBe('Pas de prérequis');
    expect(training.content).toHaveLength(8);
    expect(training.content[1]).toBe('Articulation de la notion de l’aller vers avec des champs connexes (maraudes, travail de rue, présence sociale, etc.)');
    expect(training.sessions.map((s) => [s.label, s.city, s.dates])).toEqual([
      ['Groupe 1', 'Lille', ['2022-03-10', '2022-03-11']],
      ['Groupe 2', 'Arras', ['2022-03-17', '2022-03-18']],
      ['Groupe 3', 'Amiens', ['2022-03-15', '2022-03-16']],
    ]);
    for (const session of training.sessions) {
      expect(session.maxTrainees).toBe(15);
      expect(session.availability.kind).toBe('past');
      expect(session.days.every((day) => day.halfDays.length === 2)).toBe(true);
    }
  });

  it('updates the training when the same fiche is imported again, without duplicating anything', async () => {
    const before = await countOfferRows(test.database);
    const edited = SEED_FICHE_TEXT.replace('Pas de prérequis', 'Aucun prérequis');
    const result = await importFiche(test.database, clock, { text: edited, funderSlug });
    expect(result.saved?.created).toBe(false);
    expect(await countOfferRows(test.database)).toEqual(before);
    const training = await showTraining(test.database, clock, { slug: result.saved?.slug ?? '' });
    expect(training.prerequisites).toBe('Aucun prérequis');
    expect(training.status).toBe('published');
  });

  it('links a module 2 to the module 1 of the same track', async () => {
    const result = await importFiche(test.database, clock, { text: MODULE_2_DEMO_FICHE_TEXT, funderSlug, publish: true });
    const moduleTwo = await showTraining(test.database, clock, { slug: result.saved?.slug ?? '' });
    expect(moduleTwo.moduleNumber).toBe(2);
    expect(moduleTwo.trackTitle).toBe('La pratique de l’Aller Vers les publics');
    expect(moduleTwo.requiredModules.map((m) => m.moduleNumber)).toEqual([1]);
    expect(moduleTwo.trackModules.map((m) => m.moduleNumber)).toEqual([1, 2]);
  });

  it('refuses an unknown funder or region with a French message', async () => {
    await expect(importFiche(test.database, clock, { text: SEED_FICHE_TEXT, funderSlug: 'inconnu' })).rejects.toMatchObject({ code: 'NO_FUNDER' });
    await expect(importFiche(test.database, clock, { text: SEED_FICHE_TEXT, funderSlug, regionCode: '999' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Code région inconnu'),
    });
  });
});
