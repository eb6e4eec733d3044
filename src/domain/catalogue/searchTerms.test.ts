import { describe, expect, it } from 'vitest';
import { searchTermsOf } from './searchTerms.js';

describe('searchTermsOf', () => {
  it('folds accents and case', () => {
    expect(searchTermsOf('Médico-Social')).toEqual(['medico', 'social']);
  });

  it('drops elided single letters', () => {
    expect(searchTermsOf('l’aller vers')).toEqual(['aller', 'vers']);
  });

  it('neutralises query syntax and SQL fragments', () => {
    expect(searchTermsOf('"aller" * -vers NEAR(x) \'; DROP TABLE trainings; --')).toEqual(['aller', 'vers', 'near', 'drop', 'table', 'trainings']);
    expect(searchTermsOf('"*-')).toEqual([]);
    expect(searchTermsOf('<script>alert(1)</script>')).toEqual(['script', 'alert']);
  });

  it('keeps at most ten words', () => {
    expect(searchTermsOf('aa bb cc dd ee ff gg hh ii jj kk ll')).toHaveLength(10);
  });
});
