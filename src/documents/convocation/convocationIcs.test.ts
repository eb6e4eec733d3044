import { describe, expect, it } from 'vitest';
import type { ConvocationFacts } from './convocationFacts.js';
import { convocationEventUid, renderConvocationIcs } from './convocationIcs.js';
import { formatDayTimes, formatFrenchLongDate, formatFrenchTime, formatSiret } from './convocationWording.js';

const standardDay = (date: string) => ({
  date,
  halfDays: [
    { period: 'morning' as const, startTime: '09:00', endTime: '12:30' },
    { period: 'afternoon' as const, startTime: '13:30', endTime: '17:00' },
  ],
});

function facts(days: ConvocationFacts['days']): ConvocationFacts {
  return {
    registration: { id: '01890000-0000-7000-8000-000000000001', status: 'confirmed' },
    revisedAt: '2027-01-15T09:30:00.000Z',
    trainee: { firstName: 'Hélène', lastName: 'Dupont', email: 'helene.dupont@exemple.fr' },
    employer: { name: 'Association Les Tilleuls' },
    training: { id: 't1', title: 'La pratique de l’Aller Vers les publics – Module 1', moduleTitle: 'Aller vers : une nécessaire préparation' },
    provider: { name: 'APSN', siret: '12345678900012', nda: '31590000059', email: null, phone: null, address: null, postcode: null, city: 'Lille' },
    funder: { name: 'OPCO Santé' },
    contact: { name: 'Chloé Demeyere', email: 'chloe.demeyere@opco-sante.fr', phone: '03 20 00 00 00' },
    session: { id: 's1', label: 'Groupe 1', venueName: 'Maison des associations', address: '72 rue Royale', postcode: '59000', city: 'Lille', cancelled: false },
    days,
  };
}

/** The content lines of an iCalendar text, folded lines joined back (RFC 5545 §3.1). */
function icsLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

function values(ics: string, name: string): string[] {
  return icsLines(ics)
    .filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    .map((line) => line.slice(line.indexOf(':') + 1));
}

describe('renderConvocationIcs', () => {
  it('writes one event per day, from the morning start to the afternoon end, in UTC for Paris winter time', () => {
    const ics = renderConvocationIcs(facts([standardDay('2027-03-10'), standardDay('2027-03-11')]));
    expect(icsLines(ics)).toContain('METHOD:PUBLISH');
    expect(values(ics, 'DTSTART')).toEqual(['20270310T080000Z', '20270311T080000Z']);
    expect(values(ics, 'DTEND')).toEqual(['20270310T160000Z', '20270311T160000Z']);
    expect(values(ics, 'UID')).toEqual([
      convocationEventUid('01890000-0000-7000-8000-000000000001', '2027-03-10'),
      convocationEventUid('01890000-0000-7000-8000-000000000001', '2027-03-11'),
    ]);
    expect(values(ics, 'UID')[0]).toBe('01890000-0000-7000-8000-000000000001-2027-03-10@relais');
    expect(values(ics, 'SUMMARY')).toEqual(['La pratique de l’Aller Vers les publics – Module 1', 'La pratique de l’Aller Vers les publics – Module 1']);
    expect(values(ics, 'LOCATION')[0]).toBe('Maison des associations\\, 72 rue Royale\\, 59000 Lille');
    const description = values(ics, 'DESCRIPTION')[0] ?? '';
    expect(description).toContain('APSN — SIRET 123 456 789 00012');
    expect(description).toContain('Chloé Demeyere — chloe.demeyere@opco-sante.fr — 03 20 00 00 00');
    expect(description).toContain('9\u00A0h\u00A000 – 12\u00A0h\u00A030 et 13\u00A0h\u00A030 – 17\u00A0h\u00A000');
  });

  it('follows summer time, and the day the clocks change', () => {
    const ics = renderConvocationIcs(facts([standardDay('2027-03-28'), standardDay('2027-06-15'), standardDay('2027-10-31')]));
    // 28 March 2027 and 31 October 2027 are the change days: 09:00 is already CEST / already CET again.
    expect(values(ics, 'DTSTART')).toEqual(['20270328T070000Z', '20270615T070000Z', '20271031T080000Z']);
    expect(values(ics, 'DTEND')).toEqual(['20270328T150000Z', '20270615T150000Z', '20271031T160000Z']);
  });

  it('is the same text for the same facts (stamp from the facts, not the clock)', () => {
    const first = renderConvocationIcs(facts([standardDay('2027-03-10')]));
    expect(renderConvocationIcs(facts([standardDay('2027-03-10')]))).toBe(first);
    expect(values(first, 'DTSTAMP')).toEqual(['20270115T093000Z']);
  });

  it('makes an all-day event of a day whose times are unknown', () => {
    const ics = renderConvocationIcs(facts([{ date: '2027-03-10', halfDays: [] }]));
    expect(icsLines(ics)).toContain('DTSTART;VALUE=DATE:20270310');
  });
});

describe('convocation wording', () => {
  it('writes times, dates and SIRET the French way', () => {
    expect(formatFrenchTime('09:00')).toBe('9\u00A0h\u00A000');
    expect(formatFrenchTime('13:30')).toBe('13\u00A0h\u00A030');
    expect(formatFrenchLongDate('2027-03-10')).toBe('mercredi 10 mars 2027');
    expect(formatFrenchLongDate('2027-04-01')).toBe('jeudi 1er avril 2027');
    expect(formatDayTimes(standardDay('2027-03-10'))?.replaceAll('\u00A0', ' ')).toBe('9 h 00 – 12 h 30 et 13 h 30 – 17 h 00');
    expect(formatDayTimes({ date: '2027-03-10', halfDays: [] })).toBeNull();
    expect(formatSiret('12345678900012')).toBe('123 456 789 00012');
    expect(formatSiret('inconnu')).toBe('inconnu');
  });
});
