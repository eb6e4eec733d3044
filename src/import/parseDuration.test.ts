import { describe, expect, it } from 'vitest';
import { parseDuration } from './parseDuration.js';

describe('parseDuration', () => {
  it.each<[string, number | null, number | null]>([
    ['2 jours', 2, 14],
    ['1 jour', 1, 7],
    ['3 jours (21 heures)', 3, 21],
    ['14 h', null, 14],
    ['14h', null, 14],
    ['1 jour soit 7h00', 1, 7],
    ['10,5 heures', null, 10.5],
    ['2 jours / 14h', 2, 14],
    ['35 heures', null, 35],
    ['2 jours de 6 heures par jour', 2, 12],
    ['1,5 jour', 1.5, 10.5],
    ['une demi-journée', 0.5, 3.5],
    ['deux jours', 2, 14],
    ['1 jour (9h-17h)', 1, 7],
    ['3h30', null, 3.5],
    ['à définir', null, null],
    ['', null, null],
  ])('%j → %s days, %s hours', (text, days, hours) => {
    expect(parseDuration(text)).toEqual({ days, hours });
  });

  it('returns nulls without text', () => {
    expect(parseDuration(null)).toEqual({ days: null, hours: null });
  });
});
