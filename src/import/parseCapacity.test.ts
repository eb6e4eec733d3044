import { describe, expect, it } from 'vitest';
import { findCapacityMax } from './parseCapacity.js';

describe('findCapacityMax', () => {
  it.each<[string, number | null]>([
    ['Formation limitée à 15 personnes.', 15],
    ['Effectif limité à 12.', 12],
    ['15 participants maximum', 15],
    ['Effectif : 8 à 15 stagiaires', 15],
    ['groupe de 12 personnes maximum', 12],
    ['Maximum 10 participants par session', 10],
    ['Effectif maximum : 14', 14],
    ['Effectif : 6-12', 12],
    ['jusqu’à 20 personnes', 20],
    ['limité à\n15 personnes', 15],
    ['Formation limitée à 2 jours', null],
    ['Les 10 & 11 mars 2022', null],
    ['2 jours (14 heures)', null],
    ['', null],
  ])('%j → %s', (text, expected) => {
    expect(findCapacityMax(text)).toBe(expected);
  });
});
