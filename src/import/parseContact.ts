/**
 * The contact person from the "Interlocuteur" section: an e-mail (any token with "@", kept
 * exactly as written, typos included: it is the fiche's data, not ours to fix) and a name (the
 * first line that is neither the e-mail, a phone number nor a label such as "Tél :").
 * Other lines (job title, phone, address) are returned as leftover for the unparsed list.
 */
import { stripBullet } from './ficheBullets.js';

export interface ParsedContact {
  contact: { name: string | null; email: string | null } | null;
  leftover: string[];
}

const EMAIL_TOKEN = /(?:mailto:)?([^\s<>()[\]«»"',;:]+@[^\s<>()[\]«»"',;:]+)/iu;
const PHONE = /(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}/u;
const FIELD_LABEL = /^(?:nom|contact|e-?mail|mail|courriel|adresse(?: e-?mail)?|t[ée]l(?:[ée]phone)?\.?|portable|mobile)\s*:?\s*/iu;

export function parseContact(lines: readonly string[]): ParsedContact {
  let name: string | null = null;
  let email: string | null = null;
  const leftover: string[] = [];
  for (const raw of lines) {
    let text = stripBullet(raw);
    if (text === '') continue;
    const emailMatch = EMAIL_TOKEN.exec(text);
    if (emailMatch?.[1] !== undefined) {
      const found = emailMatch[1].replace(/[.]+$/u, '');
      if (email === null) email = found;
      // "Chloe Demeyere – chloe@…" : what remains around the address may be the name.
      text = text.replace(emailMatch[0], ' ');
    }
    const phoneless = text.replace(PHONE, ' ');
    const rest = phoneless
      .replace(FIELD_LABEL, '')
      .replace(/^[\s,;:–—|/-]+|[\s,;:–—|/(-]+$/gu, '')
      .replace(/\s+/gu, ' ')
      .trim();
    if (rest === '' || /^[(\s)]*$/u.test(rest)) {
      if (emailMatch === null) leftover.push(raw.trim());
      continue;
    }
    if (name === null && /\p{L}/u.test(rest)) name = rest;
    else leftover.push(raw.trim());
  }
  if (name === null && email === null) return { contact: null, leftover };
  return { contact: { name, email }, leftover };
}
