import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { ConvocationFacts } from './convocationFacts.js';
import { renderConvocationPdf, toWinAnsi } from './convocationPdf.js';

const standardDay = (date: string) => ({
  date,
  halfDays: [
    { period: 'morning' as const, startTime: '09:00', endTime: '12:30' },
    { period: 'afternoon' as const, startTime: '13:30', endTime: '17:00' },
  ],
});

function facts(overrides: Partial<ConvocationFacts> = {}): ConvocationFacts {
  return {
    registration: { id: '01890000-0000-7000-8000-000000000001', status: 'confirmed' },
    revisedAt: '2027-01-15T09:30:00.000Z',
    trainee: { firstName: 'Hélène', lastName: 'Dupont-Œuvray', email: 'helene.dupont@exemple.fr' },
    employer: { name: 'Association Les Tilleuls' },
    training: { id: 't1', title: 'La pratique de l’Aller Vers les publics – Module 1', moduleTitle: 'Aller vers : une nécessaire préparation' },
    provider: { name: 'APSN', siret: '12345678900012', nda: '31590000059', email: 'contact@apsn.fr', phone: null, address: '12 rue de Béthune', postcode: '59000', city: 'Lille' },
    funder: { name: 'OPCO Santé' },
    contact: { name: 'Chloé Demeyere', email: 'chloe.demeyere@opco-sante.fr', phone: '03 20 00 00 00' },
    session: { id: 's1', label: 'Groupe 1', venueName: 'Maison des associations', address: '72 rue Royale', postcode: '59000', city: 'Lille', cancelled: false },
    days: [standardDay('2027-03-10'), standardDay('2027-03-11')],
    ...overrides,
  };
}

/** The PDF's text as one line: wrapped lines joined, no-break spaces (they keep "9 h 00" on one line) as spaces. */
async function pdfText(bytes: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { text } = await extractText(document, { mergePages: true });
    return text.replace(/[\s\u00A0]+/g, ' ');
  } finally {
    await document.destroy();
  }
}

describe('renderConvocationPdf', () => {
  it('renders a French convocation with the person, the training, the days and times, the place and who organises it', async () => {
    const bytes = await renderConvocationPdf(facts());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const expected of [
      'Convocation',
      'Madame, Monsieur Hélène Dupont-Œuvray,',
      'Vous êtes convoqué·e à la formation « La pratique de l’Aller Vers les publics – Module 1 »',
      'les 10 & 11 mars 2027',
      'Mercredi 10 mars 2027 : 9 h 00 – 12 h 30 et 13 h 30 – 17 h 00',
      'Jeudi 11 mars 2027 : 9 h 00 – 12 h 30 et 13 h 30 – 17 h 00',
      'Maison des associations',
      '72 rue Royale',
      '59000 Lille',
      'De quoi prendre des notes.',
      'APSN — SIRET 123 456 789 00012 — déclaration d’activité n° 31590000059',
      'Financeur : OPCO Santé',
      'Chloé Demeyere — chloe.demeyere@opco-sante.fr — 03 20 00 00 00',
      'Référence de l’inscription : 01890000-0000-7000-8000-000000000001',
      'Convocation établie le 15 janvier 2027.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('gives the same bytes for the same facts', async () => {
    const [first, second] = await Promise.all([renderConvocationPdf(facts()), renderConvocationPdf(facts())]);
    expect(first.equals(second)).toBe(true);
  });

  it('says what is not known yet instead of leaving blanks', async () => {
    const text = await pdfText(
      await renderConvocationPdf(
        facts({
          provider: null,
          contact: null,
          session: { id: 's1', label: 'Groupe 2', venueName: null, address: null, postcode: null, city: null, cancelled: false },
          days: [{ date: '2027-04-01', halfDays: [] }],
        }),
      ),
    );
    expect(text).toContain('le 1er avril 2027');
    expect(text).toContain('Jeudi 1er avril 2027 : horaires communiqués par l’organisme de formation');
    expect(text).toContain('L’adresse vous sera communiquée par l’organisme de formation.');
    expect(text).toContain('Organisme de formation : à préciser');
  });

  it('replaces what the standard PDF fonts cannot print', () => {
    expect(toWinAnsi('Łukasz Żółć ≥ 2 — « l’œuvre » · 9\u202Fh')).toBe('Lukasz Zólc >= 2 — « l’œuvre » · 9\u00A0h');
    expect(toWinAnsi('日本')).toBe('??');
  });
});
