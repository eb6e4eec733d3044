/**
 * French date expressions as written on fiches ("Les 10 & 11 mars 2022", "du 30 mars au 1er avril
 * 2023", "10/03/2022 et 11/03/2022") → calendar dates "YYYY-MM-DD", ascending and unique.
 *
 * How it reads: the text is cut into tokens (day numbers, month names, years, "et"/","/"&"
 * separators, "au"/"à" range words). Days are collected as they come; a month name gives its
 * month to the days just before it that have none yet, and a year does the same for the days
 * without year. That is how French factors dates ("les 10, 11 et 12 mars 2022"). "du X au Y"
 * links the two days into a range, expanded day by day.
 *
 * Deliberately strict: a day without month or year is dropped (never guessed from today), any
 * impossible date ("31 février") makes the whole expression null, and so does a backward or
 * longer-than-a-year range. Unknown words (weekdays, "Lille", "les") are ignored, so a line such
 * as "Lille – les 10 & 11 mars 2022" still yields its dates.
 *
 * Calendar arithmetic is done on plain numbers: no Date object, so no time zone can shift a day.
 */

type Token =
  | { kind: 'number'; value: number; digits: number }
  | { kind: 'month'; value: number }
  | { kind: 'separator' }
  | { kind: 'rangeTo' }
  | { kind: 'weekday' }
  | { kind: 'other' };

interface PartialDate {
  day: number;
  month: number | null;
  year: number | null;
  /** Index of the partial date this one ends a range from ("du 3 au 5"). */
  rangeFrom: number | null;
}

/** Accent-free, lower-case names and the usual abbreviations ("janv.", "févr.", "sept."). */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ['janvier', 1], ['janv', 1], ['jan', 1],
  ['fevrier', 2], ['fevr', 2], ['fev', 2],
  ['mars', 3],
  ['avril', 4], ['avr', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7], ['juil', 7],
  ['aout', 8],
  ['septembre', 9], ['sept', 9], ['sep', 9],
  ['octobre', 10], ['oct', 10],
  ['novembre', 11], ['nov', 11],
  ['decembre', 12], ['dec', 12],
]);

const SEPARATOR_WORDS = new Set(['et', 'le', 'les', 'du', 'ainsi', 'que', 'puis']);
/** Weekdays are noise between a day and its month ("le lundi 10 et le mardi 11 mars"). */
const WEEKDAYS = new Set(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lun', 'mer', 'jeu', 'ven', 'sam', 'dim']);
const RANGE_WORDS = new Set(['au', 'a', 'jusqu']);
const MAX_RANGE_DAYS = 366;

export function parseFrenchDates(text: string): string[] | null {
  const tokens = tokenize(text);
  const partials = collectPartialDates(tokens);
  const dates = new Set<string>();
  for (const partial of partials) {
    if (partial.month === null || partial.year === null) continue;
    if (!isValidDate(partial.year, partial.month, partial.day)) return null;
  }
  for (const partial of partials) {
    if (partial.month === null || partial.year === null) continue;
    const end = { year: partial.year, month: partial.month, day: partial.day };
    const from = partial.rangeFrom === null ? undefined : partials[partial.rangeFrom];
    if (from && from.month !== null && from.year !== null) {
      const range = expandRange({ year: from.year, month: from.month, day: from.day }, end);
      if (range === null) return null;
      range.forEach((date) => dates.add(date));
    } else {
      dates.add(toIso(end));
    }
  }
  return dates.size === 0 ? null : [...dates].sort();
}

function tokenize(text: string): Token[] {
  const prepared = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    // Times are not days: "9h", "9 h 30", "17h00", "9:00".
    .replace(/\b\d{1,2}\s*h(?:\s*\d{2})?\b/gu, ' ')
    .replace(/\b\d{1,2}:\d{2}\b/gu, ' ')
    // Numeric dates become "day month year" tokens: ISO first, then day/month/year.
    .replace(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/gu, (_m, y: string, m: string, d: string) => ` ${d} #${m} ${y} `)
    .replace(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/gu, (_m, d: string, m: string, y: string) =>
      ` ${d} #${m} ${y.length === 2 ? `20${y}` : y} `,
    )
    // "10-11 mars" is a range when the dash is glued to both numbers.
    .replace(/\b(\d{1,2})[-–](\d{1,2})\b/gu, '$1 au $2')
    // "1er", "2e", "3ème".
    .replace(/\b(\d{1,2})(?:er|ere|e|eme)\b/gu, '$1');
  const tokens: Token[] = [];
  for (const [raw] of prepared.matchAll(/#\d+|\d+|\p{L}+|[,&]/gu)) {
    tokens.push(toToken(raw));
  }
  return tokens;
}

function toToken(raw: string): Token {
  if (raw.startsWith('#')) {
    const month = Number(raw.slice(1));
    return month >= 1 && month <= 12 ? { kind: 'month', value: month } : { kind: 'other' };
  }
  if (/^\d+$/u.test(raw)) return { kind: 'number', value: Number(raw), digits: raw.length };
  if (raw === ',' || raw === '&' || SEPARATOR_WORDS.has(raw)) return { kind: 'separator' };
  if (RANGE_WORDS.has(raw)) return { kind: 'rangeTo' };
  if (WEEKDAYS.has(raw)) return { kind: 'weekday' };
  const month = MONTHS.get(raw);
  return month === undefined ? { kind: 'other' } : { kind: 'month', value: month };
}

function collectPartialDates(tokens: readonly Token[]): PartialDate[] {
  const partials: PartialDate[] = [];
  let rangePending = false;
  // A month name only completes the days of the current run: a word that is neither a date word
  // nor a separator ends the run, so "de 9 … , le 10 mars" does not turn 9 into 9 March.
  let runStart = 0;
  tokens.forEach((token, index) => {
    if (token.kind === 'number' && isYear(token)) {
      // A year completes the days that already have their month ("10 mars et 12 avril 2023").
      for (let i = partials.length - 1; i >= 0; i--) {
        const partial = partials[i];
        if (!partial || partial.year !== null || partial.month === null) break;
        partial.year = token.value;
      }
      rangePending = false;
      return;
    }
    if (token.kind === 'number') {
      if (!isDayCandidate(token, tokens[index + 1])) {
        rangePending = false;
        runStart = partials.length;
        return;
      }
      const rangeFrom = rangePending && partials.length > 0 ? partials.length - 1 : null;
      partials.push({ day: token.value, month: null, year: null, rangeFrom });
      rangePending = false;
      return;
    }
    if (token.kind === 'month') {
      for (let i = partials.length - 1; i >= runStart; i--) {
        const partial = partials[i];
        if (!partial || partial.month !== null) break;
        partial.month = token.value;
      }
      rangePending = false;
      return;
    }
    if (token.kind === 'rangeTo') {
      rangePending = partials.length > 0;
      return;
    }
    if (token.kind === 'weekday') return;
    rangePending = false;
    if (token.kind === 'other') runStart = partials.length;
  });
  return partials;
}

function isYear(token: { value: number; digits: number }): boolean {
  return token.digits === 4 && token.value >= 1900 && token.value <= 2199;
}

/** "10" in "10 & 11 mars" is a day; "2" in "2 jours" or "15" in "15 personnes" is not. */
function isDayCandidate(token: { value: number; digits: number }, next: Token | undefined): boolean {
  if (token.digits > 2 || token.value < 1 || token.value > 31) return false;
  if (!next) return false;
  return next.kind === 'month' || next.kind === 'separator' || next.kind === 'rangeTo' || next.kind === 'number';
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function nextDay({ year, month, day }: CalendarDate): CalendarDate {
  if (day < daysInMonth(year, month)) return { year, month, day: day + 1 };
  if (month < 12) return { year, month: month + 1, day: 1 };
  return { year: year + 1, month: 1, day: 1 };
}

function expandRange(from: CalendarDate, to: CalendarDate): string[] | null {
  const last = toIso(to);
  const dates: string[] = [];
  let current = from;
  while (toIso(current) <= last) {
    dates.push(toIso(current));
    if (dates.length > MAX_RANGE_DAYS) return null;
    current = nextDay(current);
  }
  return dates.length === 0 ? null : dates;
}

function toIso({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
