/**
 * Turns raw fiche text (typed, pasted or extracted from a PDF) into clean lines the parser can
 * reason about: one line per source line, trimmed, with normalised spaces, and with the words
 * the layout cut at a line end put back together.
 */
import { collectKnownWords, decideLineEndHyphen } from './repairHyphenation.js';

export { isBulletLine, parseBulletLine, stripBullet } from './ficheBullets.js';

export interface FicheLine {
  /** The line, trimmed; "" for a blank line (blank lines separate paragraphs). */
  text: string;
  /**
   * Length of the line as laid out in the source, before a cut word was moved up to it. The
   * paragraph rule compares widths: the last line of a paragraph is usually short.
   */
  sourceWidth: number;
}

/** Spaces that PDFs and word processors use and that should behave like a plain space. */
const SPACE_LIKE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;
/** Invisible characters that only get in the way of matching. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;
/** C0/C1 control characters other than the line feed (form feeds are page breaks: see below). */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/gu;
const SOFT_HYPHEN = '\u00AD';

/** Normalised text, one line per source line, cut words repaired, at most one blank line in a row. */
export function normalizeFicheText(raw: string): string {
  return normalizeFicheLines(raw)
    .map((line) => line.text)
    .join('\n');
}

export function normalizeFicheLines(raw: string): FicheLine[] {
  const lines = raw
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?|[\u2028\u2029\f\v]/gu, '\n')
    .split('\n')
    .map(cleanLine);
  const knownWords = collectKnownWords(lines.map((line) => line.text));
  repairLineEndCuts(lines, knownWords);
  return collapseBlankLines(lines).map(({ text, sourceWidth }) => ({ text, sourceWidth }));
}

interface WorkLine extends FicheLine {
  /** The line ended with a soft hyphen (U+00AD): an explicit layout cut, always joined. */
  softCut: boolean;
}

function cleanLine(line: string): WorkLine {
  let text = line.normalize('NFC').replace(SPACE_LIKE, ' ').replace(INVISIBLE, '').replace(CONTROL, '');
  text = text.replace(/ {2,}/gu, ' ').trim();
  const softCut = text.endsWith(SOFT_HYPHEN);
  // Elsewhere a soft hyphen is invisible and only gets in the way of matching.
  text = text.replaceAll(SOFT_HYPHEN, '');
  if (softCut) text = `${text}-`;
  return { text, sourceWidth: text.length, softCut };
}

/**
 * "…après le se-" / "conde mondiale." becomes "…après le seconde" / "mondiale.": only the cut
 * word moves up, so every other line keeps its place (headings, bullets and widths stay right).
 * A line emptied by the move disappears.
 */
function repairLineEndCuts(lines: WorkLine[], knownWords: ReadonlySet<string>): void {
  for (let index = 0; index < lines.length - 1; index++) {
    const current = lines[index];
    const next = lines[index + 1];
    if (!current || !next || next.text === '') continue;
    const cut = /(\S+)-$/u.exec(current.text);
    if (!cut?.[1] || /-$/u.test(cut[1])) continue;
    const [firstToken = '', ...rest] = next.text.split(' ');
    const decision =
      current.softCut && /^\p{L}/u.test(firstToken) ? 'join' : decideLineEndHyphen(cut[1], firstToken, knownWords);
    current.softCut = false;
    if (decision === 'not-a-cut') continue;
    const head = decision === 'join' ? current.text.slice(0, -1) : current.text;
    current.text = head + firstToken;
    next.text = rest.join(' ');
    if (next.text === '') {
      lines.splice(index + 1, 1);
    }
    // The moved word may itself end with a cut ("socio-" / "éducatif"): look at this line again.
    index--;
  }
}

function collapseBlankLines(lines: readonly WorkLine[]): WorkLine[] {
  const result: WorkLine[] = [];
  for (const line of lines) {
    if (line.text === '' && (result.length === 0 || result.at(-1)?.text === '')) continue;
    result.push(line);
  }
  while (result.at(-1)?.text === '') result.pop();
  return result;
}
