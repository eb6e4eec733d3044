/**
 * Decides what to do with a hyphen at the end of a line in text extracted from a PDF: was the
 * word cut by the layout ("se-" / "conde" → "seconde") or is it a real compound that happens to
 * break there ("médico-" / "psychologique" → "médico-psychologique")?
 *
 * There is no dictionary, so the decision is made in this order (first that applies wins):
 *  1. The text itself is the best dictionary: if the hyphenated compound appears elsewhere in the
 *     same text, keep the hyphen; if the word without hyphen appears elsewhere, join.
 *  2. A fragment of one letter before the hyphen ("e-" learning, "c’est-à-" dire) is never a
 *     layout cut: French hyphenation leaves at least two letters on a line.
 *  3. Words that only exist after a hyphen ("peut-être", "vis-à-vis", "celle-ci", "est-ce").
 *  4. Prefixes that keep their hyphen in compounds. Two families:
 *     - always: médico-, socio-, psycho-, non-, quasi-, demi-, semi-, sous-, sans-, post-…,
 *       unless the rest is a typical learned-word ending ("socio-logie" is "sociologie");
 *     - before a vowel only: auto-, anti-, extra-, inter-, micro-, multi-, pluri-, péri-… French
 *       writes "autonomie", "intervention", "anticipation" in one word, but "auto-évaluation",
 *       "anti-inflammatoire", "inter-entreprises", "multi-accueil".
 *  5. Otherwise the hyphen is a layout cut and the halves are joined.
 * Deliberately left out: "pré-" and "ré-" (a cut "pré-/alable", "ré-/alisation" is far more common
 * than "pré-accueil"), "ex-" ("ex-/posé"), "mi-" except before a few nouns ("mi-temps"), "éco-"
 * ("éco-/nomie"), "sur-" ("sur-/tout").
 * Known limits: "inter-/actions" keeps its hyphen; "co-/construction" becomes "coconstruction"
 * (a valid spelling) unless "co-construction" appears elsewhere in the text.
 */

export type LineEndHyphenDecision = 'join' | 'keep-hyphen' | 'not-a-cut';

const ALWAYS_KEEP_PREFIXES = new Set([
  'médico', 'socio', 'psycho', 'physico', 'judéo', 'franco', 'anglo', 'gréco', 'politico',
  'technico', 'juridico', 'économico', 'non', 'quasi', 'demi', 'semi', 'vice', 'sous', 'sans',
  'après', 'avant', 'arrière', 'contre', 'post', 'néo', 'pseudo',
]);

/** Endings that, after an "-o" prefix, reveal a learned word cut by the layout ("psycho-logie"). */
const LEARNED_WORD_STARTS = ['log', 'graph', 'path', 'thérap', 'métr', 'mot', 'som', 'phon', 'nom', 'crat', 'phob'];

const KEEP_BEFORE_VOWEL_PREFIXES = new Set([
  'auto', 'anti', 'extra', 'intra', 'inter', 'ultra', 'supra', 'infra', 'micro', 'macro', 'multi',
  'pluri', 'poly', 'péri', 'para', 'entre', 'co',
]);

/** "mi-" is kept only before these (a cut "mi-/lieu", "mi-/nistre" is much more frequent). */
const MI_NOUNS = new Set(['temps', 'journée', 'parcours', 'chemin', 'mandat', 'saison', 'carrière', 'séjour']);

/** Words that only ever follow a hyphen. */
const HYPHEN_ONLY_FOLLOWERS = new Set(['être', 'à', 'clé', 'clés', 'même', 'mêmes', 't']);
const DEMONSTRATIVES = new Set(['celui', 'celle', 'ceux', 'celles']);
const VOWEL_START = /^[aeiouyàâäéèêëîïôöûüœh]/u;
const CO_KEEP_START = /^[iu]/u;

/**
 * `left` is the last word of the line without the trailing hyphen ("médico", "d’auto", "se");
 * `right` is the first word of the next line ("psychologique", "conde").
 * `knownWords` are the lower-cased words of the whole text (see `collectKnownWords`).
 */
export function decideLineEndHyphen(
  left: string,
  right: string,
  knownWords: ReadonlySet<string> = new Set(),
): LineEndHyphenDecision {
  const leftWord = lastSegment(left).toLowerCase();
  const rightWord = firstSegment(right);
  if (leftWord === '' || rightWord === '') return 'not-a-cut';
  const lastLeftChar = leftWord.at(-1) ?? '';
  // A dash after a digit or before a capital or a digit joins two parts of a name or a range:
  // "Nord-" / "Pas-de-Calais", "2022-" / "2023". Never a cut inside a word.
  if (/^[\p{Lu}\d]/u.test(rightWord)) return /[\p{L}\d]/u.test(lastLeftChar) ? 'keep-hyphen' : 'not-a-cut';
  if (!/^\p{Ll}/u.test(rightWord) || !/\p{L}/u.test(lastLeftChar)) return 'not-a-cut';

  const rightLower = rightWord.toLowerCase();
  if (knownWords.has(`${leftWord}-${rightLower}`)) return 'keep-hyphen';
  if (knownWords.has(`${leftWord}${rightLower}`)) return 'join';
  if ([...leftWord].length === 1) return 'keep-hyphen';
  if (HYPHEN_ONLY_FOLLOWERS.has(rightLower)) return 'keep-hyphen';
  if (DEMONSTRATIVES.has(leftWord) && (rightLower === 'ci' || rightLower === 'là')) return 'keep-hyphen';
  if (leftWord === 'est' && rightLower === 'ce') return 'keep-hyphen';
  if (ALWAYS_KEEP_PREFIXES.has(leftWord)) {
    const learned = leftWord.endsWith('o') && LEARNED_WORD_STARTS.some((start) => rightLower.startsWith(start));
    return learned ? 'join' : 'keep-hyphen';
  }
  if (leftWord === 'mi') return MI_NOUNS.has(rightLower) ? 'keep-hyphen' : 'join';
  if (leftWord === 'co') return CO_KEEP_START.test(rightLower) ? 'keep-hyphen' : 'join';
  if (KEEP_BEFORE_VOWEL_PREFIXES.has(leftWord)) return VOWEL_START.test(rightLower) ? 'keep-hyphen' : 'join';
  return 'join';
}

/**
 * Every word of the text, lower-cased, with its inner hyphens ("médico-social"), plus each part
 * of a hyphenated word. Used as the text's own dictionary by `decideLineEndHyphen`. Hyphens at a
 * line end are not inner hyphens, so cut fragments ("se-") do not pollute the set.
 */
export function collectKnownWords(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) {
    for (const match of line.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
      const word = match[0].toLowerCase();
      const end = match.index + match[0].length;
      // "se-" at a line end is matched as "se" followed by the hyphen: a fragment, not a word.
      if (end === line.length - 1 && line.endsWith('-')) continue;
      words.add(word);
      if (word.includes('-')) for (const part of word.split('-')) words.add(part);
    }
  }
  return words;
}

/** "d’auto" → "auto", "c’est-à" → "à": the part a layout cut could have produced. */
function lastSegment(word: string): string {
  return /[\p{L}\d]+$/u.exec(word)?.[0] ?? '';
}

/** "psychologique," → "psychologique", "à-dire" → "à". */
function firstSegment(word: string): string {
  return /^[\p{L}\d]+/u.exec(word)?.[0] ?? '';
}
