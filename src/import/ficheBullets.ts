/**
 * Bullet recognition. PDF text extraction turns list markers into whatever glyph the font mapped
 * them to: "≥" (a Wingdings arrow read through a Symbol font, doubled "≥ ≥" on nested or
 * re-styled items), "•", "▪", "➢", private-use glyphs (U+F0xx), "o " for hollow circles, dashes.
 * A repeated marker is still one bullet.
 */

/** Characters that start a bullet item when they open a line. */
const MARKER_CHARS = '≥•●◦○▪▫■□◆◇►▶▸‣➢➣➤➔→⇒✓✔✗❖·∙*\\-–—\\uF000-\\uF0FF';

/**
 * One or more markers, each followed by optional spaces. "o" and "1." / "1)" only count when a
 * space follows, so "obligatoire" or "10.03.2022" are not bullets.
 */
const BULLET_PREFIX = new RegExp(`^(?:(?:[${MARKER_CHARS}]|o(?=\\s)|\\d{1,2}[.)](?=\\s))\\s*)+`, 'u');

/** The text of a bullet line without its marker(s), or null when the line is not a bullet. */
export function parseBulletLine(line: string): string | null {
  const trimmed = line.trim();
  const prefix = BULLET_PREFIX.exec(trimmed);
  if (!prefix) return null;
  return trimmed.slice(prefix[0].length).trim();
}

export function isBulletLine(line: string): boolean {
  return parseBulletLine(line) !== null;
}

/** The line without its bullet marker(s); unchanged (trimmed) when it is not a bullet. */
export function stripBullet(line: string): string {
  return parseBulletLine(line) ?? line.trim();
}
