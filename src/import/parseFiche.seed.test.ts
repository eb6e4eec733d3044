import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFiche } from './parseFiche.js';

const SEED_PATH = new URL('../../demo/fiches/aller-vers-module-1.txt', import.meta.url);
const seedText = readFileSync(SEED_PATH, 'utf8');

describe('parseFiche on the seed fiche "aller-vers-module-1"', () => {
  const { draft, extraSections, missingSections } = parseFiche(seedText);

  it('reads the multi-line title and the module', () => {
    expect(draft.title).toBe(
      'La pratique de l’Aller Vers les publics – Module 1 « Aller vers : une nécessaire préparation »',
    );
    expect(draft.module).toEqual({ number: 1, title: 'Aller vers : une nécessaire préparation' });
  });

  it('reads sectors, public, duration and provider', () => {
    expect(draft.sectors).toEqual(['Social', 'Médico-social']);
    expect(draft.public).toBe(
      'Les travailleurs sociaux et les professionnels de première ligne, les cadres (à l’appréciation des employeurs)',
    );
    expect(draft.durationDays).toBe(2);
    expect(draft.durationHours).toBe(14);
    expect(draft.provider).toBe('APSN');
  });

  it('reads the three sessions with label, city and dates', () => {
    expect(draft.sessions).toEqual([
      { label: 'Groupe 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'] },
      { label: 'Groupe 2', city: 'Arras', dates: ['2022-03-17', '2022-03-18'] },
      { label: 'Groupe 3', city: 'Amiens', dates: ['2022-03-15', '2022-03-16'] },
    ]);
  });

  it('reads the contact (e-mail kept as written) and the cofunders under a two-line heading', () => {
    expect(draft.contact).toEqual({ name: 'Chloe Demeyere', email: 'chloe.dmeyere@opco-sante.fr' });
    expect(draft.cofunders).toEqual(['DGCS']);
  });

  it('joins the context lines, repairs the cut words and keeps real hyphens', () => {
    const context = draft.context ?? '';
    expect(context).toContain('après le seconde mondiale');
    expect(context).toContain('une méthode pédagogique innovante');
    expect(context).toContain('s’appuie sur des méthodes et des postures');
    expect(context).toContain('du médico-psychologique, de la lutte');
    expect(context).toContain('dans son environnement…C’est-à-dire,');
    expect(context).toContain('s’analyse, s’évalue.');
    expect(context).not.toContain('se- conde');
    expect(context).not.toContain('se-conde');
    expect(context).not.toMatch(/\S- \S/u);
    // Paragraph rule: the short sentence-ending line "…d’entrer en relation." ends a paragraph.
    expect(context.split('\n\n')).toHaveLength(2);
    expect(context.startsWith('La question de l’aller vers trouve son origine')).toBe(true);
    expect(context.split('\n\n')[1]?.startsWith('Comme toute pratique')).toBe(true);
    expect(context).not.toContain('\n\n\n');
  });

  it('reads six objectives, the last one without bullet', () => {
    expect(draft.objectives).toHaveLength(6);
    expect(draft.objectives.map((objective) => objective.split(' ').slice(0, 2).join(' '))).toEqual([
      'Savoir situer',
      'Connaître les',
      'Partager une',
      'Connaître les',
      'Savoir poser',
      'Savoir identifier',
    ]);
    expect(draft.objectives[0]).toBe(
      'Savoir situer la question de l’aller vers dans une approche socio-historique du travail social et comprendre les raisons de l’élargissement de l’aller vers dans les politiques sociales ;',
    );
    expect(draft.objectives[3]).toBe('Connaître les étapes méthodologiques de « l’aller vers »');
    expect(draft.objectives[5]).toBe(
      'Savoir identifier les ressources territoriales et appréhender les conditions de mise en œuvre de la pratique de l’aller vers (objectifs, organisation, suivi, évaluation).',
    );
    expect(draft.objectives.some((objective) => objective.includes('≥'))).toBe(false);
  });

  it('reads prerequisites and the eight content items', () => {
    expect(draft.prerequisites).toBe('Pas de prérequis');
    expect(draft.content).toEqual([
      'Approche socio-historique de l’aller vers',
      'Articulation de la notion de l’aller vers avec des champs connexes (maraudes, travail de rue, présence sociale, etc.)',
      'L’aller vers, pourquoi ? Les enjeux actuels dans les politiques sociales et leurs déclinaisons',
      'L’aller vers pour qui ? Les publics et leurs spécificités',
      'Les étapes de l’intervention de l’aller vers',
      'Les postures professionnelles inhérentes à ce mode d’intervention',
      'La mobilisation des ressources territoriales',
      'Les conditions de mise en œuvre de l’aller vers et le suivi de l’activité',
    ]);
  });

  it('invents nothing and leaves nothing unexplained', () => {
    expect(draft.capacityMax).toBeNull();
    expect(draft.unparsed).toEqual([]);
    expect(extraSections).toEqual([]);
    expect(missingSections).toEqual([]);
  });

  it('gives the same draft for CRLF line endings and non-breaking spaces', () => {
    const windowsText = seedText.replace(/\n/gu, '\r\n').replace('Lieux & dates', 'Lieux\u00A0&\u00A0dates');
    expect(parseFiche(windowsText)).toEqual(parseFiche(seedText));
  });
});
