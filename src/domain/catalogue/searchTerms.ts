import { foldAccents } from '../text/slugify.js';

const MAX_TERMS = 10;

/**
 * Turns what a person typed into search words: letters and digits only, without accents,
 * lower-case. Quotes, "*", "-", NEAR or SQL fragments become plain words or nothing, so a
 * search can never be a syntax error. Single letters (the "l" of "l’aller") are dropped.
 */
export function searchTermsOf(input: string): string[] {
  const words = foldAccents(input.normalize('NFKC')).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length > 1))].slice(0, MAX_TERMS).map((word) => word.slice(0, 40));
}
