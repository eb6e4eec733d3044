/**
 * Sessions from the "Lieux & dates" section. Accepted layouts, mixed freely:
 *   "Groupe 1" / "Lille" / "Les 10 & 11 mars 2022"            (label, city, date line(s))
 *   "Groupe 1 : Lille – les 10 & 11 mars 2022"                 (all on one line)
 *   "Session 2 – 17 et 18 mars 2022 à Arras"                   (city after the dates)
 *   "Lille" / "10 et 11 mars 2022" / "Arras" / "17 mars 2022"  (no label)
 * A label line ("Groupe N", "Session N", "Promotion N", "Gr. N") opens a session; a city line
 * opens one when the current session already has its city; several date lines add up.
 * A session without label on the fiche is labelled "Session N" (its rank) because the draft
 * needs a label; the city and dates are never guessed.
 */
import type { FicheSessionDraft } from './ficheDraft.js';
import { stripBullet } from './ficheBullets.js';
import { parseFrenchDates } from './parseFrenchDates.js';

export interface ParsedSessions {
  sessions: FicheSessionDraft[];
  /** Lines that are neither a label, a city nor dates ("Dates à définir", an address…). */
  leftover: string[];
}

const LABEL = /^((?:groupe|gr\.?|session|promotion|promo|classe)\s*(?:n°|no\.?|#)?\s*(?:\d{1,3}|[A-Z])(?![\p{L}\d]))\s*[:–—\-,.]?\s*(.*)$/iu;
/** Where the date part of a line starts: optional "le/les/du" and weekday, then a day number. */
const DATE_START =
  /(?:(?<!\p{L})(?:les?|du|des|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)*(?<![\p{L}\d])\d{1,2}(?:er)?(?![\d\p{L}])|(?<!\d)\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/iu;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/gu;
const UNDECIDED = /(?:à|a) (?:définir|determiner|déterminer|venir|confirmer)|nous consulter|sur demande|en cours/iu;
const MAX_CITY_LENGTH = 60;
const MAX_CITY_WORDS = 6;

export function parseSessions(lines: readonly string[]): ParsedSessions {
  const sessions: FicheSessionDraft[] = [];
  const leftover: string[] = [];
  let current: FicheSessionDraft | null = null;

  const open = (label: string | null): FicheSessionDraft => {
    current = { label: label ?? `Session ${sessions.length + 1}`, city: null, dates: [] };
    sessions.push(current);
    return current;
  };

  /**
   * A city and/or dates, on their own line or after a label. An unlabelled line only opens a new
   * session when the current one is complete (city and dates): a second place-like line before
   * any date ("Lille" / "Hôtel Mercure") is left over rather than becoming a session.
   */
  const place = (text: string, labelled: boolean): boolean => {
    const dates = parseFrenchDates(text);
    const city = dates ? cityAroundDates(text) : looksLikeCity(text) ? cleanCity(text) : null;
    if (!dates && city === null) return false;
    let session: FicheSessionDraft = current ?? open(null);
    if (!labelled && city !== null && session.city !== null) {
      if (session.dates.length === 0) return false;
      session = open(null);
    }
    if (city !== null) session.city ??= city;
    if (dates) session.dates = [...new Set([...session.dates, ...dates])].sort();
    return true;
  };

  for (const raw of lines) {
    const text = stripBullet(raw);
    if (text === '') continue;
    const label = LABEL.exec(text);
    if (label?.[1] !== undefined) {
      open(label[1].replace(/\s+/gu, ' '));
      const rest = (label[2] ?? '').trim();
      if (rest !== '' && !place(rest, true)) leftover.push(raw.trim());
      continue;
    }
    if (!place(text, false)) leftover.push(raw.trim());
  }
  return { sessions, leftover };
}

/** "Lille – les 10 & 11 mars 2022" → "Lille"; "10 & 11 mars 2022 à Arras" → "Arras". */
function cityAroundDates(text: string): string | null {
  const start = DATE_START.exec(text);
  if (start) {
    const before = cleanCity(text.slice(0, start.index));
    if (before !== '' && looksLikeCity(before)) return before;
  }
  const years = [...text.matchAll(YEAR)];
  const lastYear = years.at(-1);
  if (lastYear) {
    const after = cleanCity(text.slice(lastYear.index + lastYear[0].length).replace(/^[\s,:;–—-]*(?:à|a|au)\s+/iu, ''));
    if (after !== '' && looksLikeCity(after)) return after;
  }
  return null;
}

function cleanCity(text: string): string {
  return text
    .replace(/^(?:lieu|ville)\s*:\s*/iu, '')
    .replace(/^[\s,:;–—(-]+|[\s,:;–—(-]+$/gu, '')
    .replace(/^\((.*)\)$/u, '$1')
    .trim();
}

function looksLikeCity(text: string): boolean {
  const city = cleanCity(text);
  if (city === '' || city.length > MAX_CITY_LENGTH || UNDECIDED.test(city)) return false;
  if (city.split(/\s+/u).length > MAX_CITY_WORDS || /[@.!?;]$|@/u.test(city)) return false;
  // "Lille", "Saint-Omer", "59000 Lille", "Amiens (80)", "Visioconférence".
  return /^(?:\d{5}\s+)?\p{Lu}/u.test(city);
}
