/**
 * Turns the lines of a section into paragraphs (free text) or items (lists).
 *
 * Paragraph rule. PDF extraction loses blank lines, so a blank line is not the only paragraph
 * break: a line that ends a sentence (. ! ? …) and is clearly shorter than the section's widest
 * line (< 80 %), followed by a line starting with a capital, also ends a paragraph — the last line
 * of a paragraph stops before the right margin. The width test only applies when the section's
 * lines are long enough (≥ 50 characters) to be wrapped by a layout; in narrow columns only blank
 * lines and bullets separate paragraphs. Lines of a paragraph are joined with single spaces.
 *
 * List rule. A bullet starts an item; the lines that follow belong to it, except a line starting
 * with a capital after a short line that ends with ; . : ! ? (the last objective of the seed fiche
 * has lost its bullet), a programme sub-heading ("Jour 1", "Module 2 : …", "Matin"), a labelled
 * line ("Évaluation : quiz final"), or, in a list
 * without any bullet, any capitalised line after a short line. A lead-in such as "À l’issue de la
 * formation, les participants seront capables de :" before the first bullet is not an item.
 */
import { parseBulletLine } from './ficheBullets.js';
import type { FicheLine } from './normalizeFicheText.js';

const MIN_WRAPPED_WIDTH = 50;
const SHORT_LINE_RATIO = 0.8;
const SENTENCE_END = /[.!?…]["»”)]?$/u;
const ITEM_END = /[.;:!?…]["»”)]?$/u;
const STARTS_CAPITALISED = /^[«"“(]?\s*\p{Lu}/u;
const SUB_HEADING =
  /^(?:jour|journée|demi-journée|module|séquence|séance|partie|étape|matin|matinée|après-midi|j\s?\d)(?!\p{L})/iu;
const MAX_SUB_HEADING_LENGTH = 80;
/** "Évaluation : quiz final": a short capitalised label and a colon open an item of their own. */
const LABELLED_LINE = /^\p{Lu}[\p{L}\d’' -]{0,40}\s:\s/u;

interface Block {
  parts: string[];
  bullet: boolean;
}

/** Section text: paragraphs separated by a blank line, consecutive bullet items by a line break. */
export function toSectionText(lines: readonly FicheLine[]): string | null {
  const blocks = toParagraphBlocks(lines);
  let text = '';
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    if (previous) text += previous.bullet && block.bullet ? '\n' : '\n\n';
    text += joinParts(block.parts);
  });
  return text === '' ? null : text;
}

export function toListItems(lines: readonly FicheLine[]): string[] {
  const width = referenceWidth(lines);
  const hasBullets = lines.some((line) => parseBulletLine(line.text) !== null);
  const blocks: Block[] = [];
  let current: Block | null = null;
  let previous: FicheLine | null = null;
  for (const line of lines) {
    if (line.text === '') {
      current = null;
      previous = null;
      continue;
    }
    const bulletText = parseBulletLine(line.text);
    if (bulletText !== null) {
      current = { parts: bulletText === '' ? [] : [bulletText], bullet: true };
      blocks.push(current);
    } else if (
      !current ||
      !previous ||
      isSubHeading(line.text) ||
      LABELLED_LINE.test(line.text) ||
      (STARTS_CAPITALISED.test(line.text) &&
        (!hasBullets || ITEM_END.test(previous.text)) &&
        isShort(previous, width))
    ) {
      current = { parts: [line.text], bullet: false };
      blocks.push(current);
    } else {
      current.parts.push(line.text);
    }
    previous = line;
  }
  return dropLeadIn(blocks)
    .map((block) => joinParts(block.parts))
    .filter((item) => item !== '');
}

function toParagraphBlocks(lines: readonly FicheLine[]): Block[] {
  const width = referenceWidth(lines);
  const blocks: Block[] = [];
  let current: Block | null = null;
  let previous: FicheLine | null = null;
  for (const line of lines) {
    if (line.text === '') {
      current = null;
      previous = null;
      continue;
    }
    const bulletText = parseBulletLine(line.text);
    if (bulletText !== null) {
      current = { parts: bulletText === '' ? [] : [bulletText], bullet: true };
      blocks.push(current);
    } else if (!current || !previous || endsParagraph(previous, line, width)) {
      current = { parts: [line.text], bullet: false };
      blocks.push(current);
    } else {
      current.parts.push(line.text);
    }
    previous = line;
  }
  return blocks.filter((block) => block.parts.length > 0);
}

function endsParagraph(previous: FicheLine, next: FicheLine, width: number): boolean {
  return (
    width >= MIN_WRAPPED_WIDTH &&
    SENTENCE_END.test(previous.text) &&
    STARTS_CAPITALISED.test(next.text) &&
    previous.sourceWidth < width * SHORT_LINE_RATIO
  );
}

/** Without a wrapping layout (narrow or hand-typed lines) every line counts as short. */
function isShort(line: FicheLine, width: number): boolean {
  return width < MIN_WRAPPED_WIDTH || line.sourceWidth < width * SHORT_LINE_RATIO;
}

function isSubHeading(text: string): boolean {
  return text.length <= MAX_SUB_HEADING_LENGTH && SUB_HEADING.test(text);
}

function dropLeadIn(blocks: readonly Block[]): Block[] {
  const firstBullet = blocks.findIndex((block) => block.bullet);
  if (firstBullet <= 0) return [...blocks];
  return blocks.filter((block, index) => {
    if (index >= firstBullet || block.bullet) return true;
    const text = joinParts(block.parts);
    return !text.endsWith(':') || isSubHeading(text);
  });
}

function referenceWidth(lines: readonly FicheLine[]): number {
  return lines.reduce((max, line) => Math.max(max, line.sourceWidth), 0);
}

function joinParts(parts: readonly string[]): string {
  return parts.join(' ').replace(/\s+/gu, ' ').trim();
}
