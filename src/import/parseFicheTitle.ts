/**
 * Title and module of a fiche. The title is the block of lines before the first heading (or
 * before "Fiche technique"), joined with single spaces, characters kept as in the source.
 * A long preamble is not a title: at most MAX_TITLE_LINES lines and MAX_TITLE_LENGTH characters
 * are taken, from the first block (up to a blank line); anything else is left over.
 */

export interface ParsedTitle {
  title: string | null;
  leftover: string[];
}

const MAX_TITLE_LINES = 6;
const MAX_TITLE_LENGTH = 300;
/** Page furniture that may precede the title in a PDF: "Page 1/3", "1", a date alone. */
const PAGE_FURNITURE = /^(?:page\s*)?\d+\s*(?:\/\s*\d+)?$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/iu;

/** `lines` includes blank lines (""), which end the title block. */
export function parseTitleBlock(lines: readonly string[]): ParsedTitle {
  const leftover: string[] = [];
  const block: string[] = [];
  let blockClosed = false;
  for (const line of lines) {
    const text = line.trim();
    if (text === '') {
      if (block.length > 0) blockClosed = true;
      continue;
    }
    if (!blockClosed && block.length === 0 && PAGE_FURNITURE.test(text)) {
      leftover.push(text);
      continue;
    }
    if (blockClosed) leftover.push(text);
    else block.push(text);
  }
  const title = block.join(' ').replace(/\s+/gu, ' ').trim();
  if (title === '' || block.length > MAX_TITLE_LINES || title.length > MAX_TITLE_LENGTH) {
    return { title: null, leftover: [...block, ...leftover] };
  }
  return { title, leftover };
}

/**
 * "… – Module 1 « Aller vers : une nécessaire préparation »" → { number: 1, title: "Aller vers :
 * une nécessaire préparation" }. The module title is the text in « » (or “ ” / " ") after
 * "Module N", else what follows a ":" or a dash after it, else null.
 */
export function parseModule(title: string | null): { number: number; title: string | null } | null {
  if (title === null) return null;
  const match = /(?<!\p{L})module\s*(?:n°\s*)?(\d{1,3})(?!\d)/iu.exec(title);
  if (!match?.[1]) return null;
  const after = title.slice(match.index + match[0].length);
  const quoted = /^[\s:–—-]*[«“"]\s*([^»”"]+?)\s*[»”"]/u.exec(after);
  if (quoted?.[1]) return { number: Number(match[1]), title: quoted[1] };
  const separated = /^\s*[:–—-]\s*(.+)$/u.exec(after);
  const rest = separated?.[1]?.replace(/^[«“"]\s*|\s*[»”"]$/gu, '').trim();
  return { number: Number(match[1]), title: rest ? rest : null };
}
