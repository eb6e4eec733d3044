/**
 * Duration of a training from the "Durée" text: "2 jours", "3 jours (21 heures)", "14 h",
 * "1 jour soit 7h00", "10,5 heures", "2 jours / 14h", "35 heures", "une demi-journée".
 *
 * Hours written on the fiche win. When only days are given, hours are days × 7, the usual
 * convention of French training agreements (a training day counts 7 hours). When only hours are
 * given, days stay null: 35 hours may be 5 days or 10 half-days, the fiche does not say.
 * Hours "per day" ("2 jours de 7 h par jour") are multiplied by the days. Clock times
 * ("9h-17h", "de 9h à 12h30") are not durations and are ignored.
 */

export interface FicheDuration {
  days: number | null;
  hours: number | null;
}

export const HOURS_PER_DAY = 7;

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', six: '6', sept: '7', huit: '8',
  neuf: '9', dix: '10', douze: '12', quinze: '15', vingt: '20', trente: '30',
};

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const DAYS = new RegExp(String.raw`${NUMBER}\s*(?:jours?|journées?|j)(?!\p{L})`, 'iu');
const HALF_DAY = /demi[-\s]?journée/iu;
const HOURS = new RegExp(String.raw`${NUMBER}\s*(?:heures?|hrs?|h)(\d{2})?(?!\p{L})`, 'giu');
const PER_DAY_AFTER = /^\s*(?:par|\/|chaque|pour chaque)\s*(?:jour|journée)|^\s*(?:chacun|chacune|quotidien)/iu;
const CLOCK_RANGE = /\d{1,2}\s*h\s*(?:\d{2})?\s*(?:-|–|à|a)\s*\d{1,2}\s*h\s*(?:\d{2})?/giu;

export function parseDuration(text: string | null): FicheDuration {
  if (text === null) return { days: null, hours: null };
  const prepared = text
    .replace(CLOCK_RANGE, ' ')
    .replace(/(?<!\p{L})(un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente)(?=\s+(?:jours?|journées?|heures?|demi))/giu,
      (word: string) => NUMBER_WORDS[word.toLowerCase()] ?? word);

  const daysMatch = DAYS.exec(prepared);
  let days = daysMatch?.[1] === undefined ? null : toNumber(daysMatch[1]);
  if (days === null && HALF_DAY.test(prepared)) days = 0.5;

  let totalHours: number | null = null;
  let hoursPerDay: number | null = null;
  for (const match of prepared.matchAll(HOURS)) {
    if (match[1] === undefined) continue;
    const hours = toNumber(match[1]) + (match[2] === undefined ? 0 : Number(match[2]) / 60);
    const after = prepared.slice(match.index + match[0].length);
    if (PER_DAY_AFTER.test(after)) hoursPerDay ??= hours;
    else totalHours ??= hours;
  }

  let hours = totalHours;
  if (hours === null && days !== null) hours = days * (hoursPerDay ?? HOURS_PER_DAY);
  return { days, hours: hours === null ? null : roundQuarter(hours) };
}

function toNumber(raw: string): number {
  return Number(raw.replace(',', '.'));
}

/** 7h20 would be 7.333…: keep two decimals, enough for any real schedule. */
function roundQuarter(hours: number): number {
  return Math.round(hours * 100) / 100;
}
