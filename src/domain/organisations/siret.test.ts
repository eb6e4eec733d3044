import { describe, expect, it } from 'vitest';
import { isValidSiret, luhnIsValid } from './siret.js';

describe('isValidSiret', () => {
  it('accepts a SIRET with a valid Luhn key, with or without spaces', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('732 829 320 00074')).toBe(true);
  });

  it('refuses a wrong key, a wrong length or letters', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
  });

  it('applies the La Poste exception (sum of digits multiple of 5)', () => {
    // 3+5+6+0+0+0+0+0+0 + 0+0+0+1+0 = 15 → valid, although its Luhn key is wrong.
    expect(luhnIsValid('35600000000010')).toBe(false);
    expect(isValidSiret('35600000000010')).toBe(true);
    expect(isValidSiret('35600000000011')).toBe(false);
  });
});
