import { describe, expect, it } from 'vitest';
import { parseModule, parseTitleBlock } from './parseFicheTitle.js';

describe('parseModule', () => {
  it.each<[string | null, { number: number; title: string | null } | null]>([
    ['La pratique de l’Aller Vers les publics – Module 1 « Aller vers : une nécessaire préparation »', { number: 1, title: 'Aller vers : une nécessaire préparation' }],
    ['Accompagner la fin de vie – Module 2 : soins palliatifs', { number: 2, title: 'soins palliatifs' }],
    ['Tutorat – Module 3 – Évaluer', { number: 3, title: 'Évaluer' }],
    ['Tutorat Module n° 4 “Accueillir”', { number: 4, title: 'Accueillir' }],
    ['Tutorat – Module 5', { number: 5, title: null }],
    ['Une formation sans module', null],
    ['Les modules de base', null],
    [null, null],
  ])('%j', (title, expected) => {
    expect(parseModule(title)).toEqual(expected);
  });
});

describe('parseTitleBlock', () => {
  it('joins the first block and leaves the rest over', () => {
    expect(parseTitleBlock(['Page 1/2', 'Une formation', 'sur deux lignes', '', 'Réf. 12'])).toEqual({
      title: 'Une formation sur deux lignes',
      leftover: ['Page 1/2', 'Réf. 12'],
    });
  });

  it('refuses a block too long to be a title', () => {
    const lines = Array.from({ length: 8 }, (_, index) => `Ligne ${index + 1}`);
    expect(parseTitleBlock(lines)).toEqual({ title: null, leftover: lines });
  });
});
