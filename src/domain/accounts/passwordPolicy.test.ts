import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordPolicy.js';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('marée basse à Wimereux en mars')).toBeNull();
  });

  it('refuses short, common, repetitive or email-based passwords in French', () => {
    expect(passwordProblem('court')).toContain('au moins 12 caractères');
    expect(passwordProblem('azertyuiop12')).toContain('trop courant');
    expect(passwordProblem('abababababab')).toContain('trop courant');
    expect(passwordProblem('chloe.demeyere2024', { email: 'chloe.demeyere@opco.fr' })).toContain('adresse électronique');
  });
});
