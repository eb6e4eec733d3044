/**
 * The convocation as a one-page A4 PDF (pdfkit, built-in Helvetica: no font file to ship).
 * Deterministic: the document's dates come from the facts, so the same facts give the same
 * bytes, whatever the day or the process TZ.
 */
import PDFDocument from 'pdfkit';
import { formatFrenchDate, formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import { parisDateOf } from '../../domain/dates/calendarDate.js';
import type { ConvocationFacts } from './convocationFacts.js';
import {
  TIMES_TO_COME,
  contactLine,
  formatDayTimes,
  formatFrenchLongDate,
  formatSiret,
  providerIdentity,
  separateModuleTitle,
  traineeFullName,
  unbreakable,
  venueLines,
} from './convocationWording.js';

const MARGIN = 56;
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1d3f72';
const BULLET_INDENT = 12;

/** The characters of Windows-1252 above ASCII that are not Latin-1 (pdfkit's WIN_ANSI_MAP). */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u202F': '\u00A0', // narrow no-break space (French typography) → no-break space
  '\u2009': ' ',
  '\u2007': '\u00A0',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '≥': '>=',
  '≤': '<=',
  '→': '->',
};

/**
 * The standard PDF fonts only encode WinAnsi (Windows-1252): French is covered (é, œ, «, ’, ·),
 * but a name like "Łukasz" or a "≥" would print as garbage. Such characters are replaced by the
 * nearest encodable text, the accent dropped if need be, "?" as a last resort.
 */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text) {
    if (isWinAnsi(char)) {
      result += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      result += replacement;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
    result += base !== '' && [...base].every(isWinAnsi) ? base : char === 'Ł' ? 'L' : char === 'ł' ? 'l' : '?';
  }
  return result;
}

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
}

export async function renderConvocationPdf(facts: ConvocationFacts): Promise<Buffer> {
  const revisedAt = new Date(facts.revisedAt);
  const name = traineeFullName(facts);
  const document = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `Convocation — ${facts.training.title}`,
      Author: facts.provider?.name ?? facts.funder.name,
      Subject: `Convocation de ${name}`,
      Creator: 'Relais',
      Producer: 'Relais',
      // Not "now": the file ID is derived from the info, so a fixed date keeps the bytes stable.
      CreationDate: revisedAt,
      ModDate: revisedAt,
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  const width = document.page.width - 2 * MARGIN;
  const write = (text: string, options: PDFKit.Mixins.TextOptions = {}) => document.text(toWinAnsi(text), { width, ...options });
  const heading = (text: string) => {
    document.moveDown(0.9).font('Helvetica-Bold').fontSize(12).fillColor(ACCENT);
    write(text);
    document.moveDown(0.25).font('Helvetica').fontSize(10.5).fillColor(INK);
  };
  // A hanging indent: wrapped lines start under the text, not under the bullet.
  const bullets = (items: string[]) => {
    for (const item of items) {
      const y = document.y;
      document.text('•', MARGIN, y, { lineBreak: false });
      document.text(toWinAnsi(item), MARGIN + BULLET_INDENT, y, { width: width - BULLET_INDENT, paragraphGap: 2 });
      document.x = MARGIN;
    }
  };

  // Letterhead: who convenes (the provider), then who is convened, on the right.
  document.font('Helvetica-Bold').fontSize(11).fillColor(INK);
  write(facts.provider?.name ?? facts.funder.name);
  document.font('Helvetica').fontSize(8.5).fillColor(MUTED);
  if (facts.provider) {
    const cityLine = [facts.provider.postcode, facts.provider.city].filter(Boolean).join(' ');
    for (const line of [facts.provider.address, cityLine]) if (line && line.trim() !== '') write(line);
    const reach = [facts.provider.email, facts.provider.phone && unbreakable(facts.provider.phone)].filter((part): part is string => Boolean(part));
    if (reach.length > 0) write(reach.join(' — '));
    const legal = [facts.provider.siret ? `SIRET ${formatSiret(facts.provider.siret)}` : null, facts.provider.nda ? `NDA ${facts.provider.nda}` : null].filter(
      (part): part is string => part !== null,
    );
    if (legal.length > 0) write(legal.join(' — '));
  }
  document.moveDown(1.2).font('Helvetica-Bold').fontSize(10.5).fillColor(INK);
  write(name, { align: 'right' });
  document.font('Helvetica');
  write(facts.employer.name, { align: 'right' });

  document.moveDown(1.5).font('Helvetica-Bold').fontSize(24).fillColor(ACCENT);
  write('Convocation');
  document.moveDown(0.2).font('Helvetica-Bold').fontSize(13).fillColor(INK);
  write(facts.training.title);
  const moduleTitle = separateModuleTitle(facts.training);
  if (moduleTitle) {
    document.font('Helvetica').fontSize(11.5);
    write(moduleTitle);
  }
  const dates = formatFrenchDateList(facts.days.map((day) => day.date));
  document.moveDown(0.2).font('Helvetica').fontSize(10.5).fillColor(MUTED);
  write([facts.session.label, dates, facts.session.city].filter(Boolean).join(' — '));

  document.moveDown(1.2).fillColor(INK).fontSize(10.5);
  write(`Madame, Monsieur ${name},`);
  document.moveDown(0.6);
  const organisedBy = facts.provider ? `, organisée par ${facts.provider.name} et financée par ${facts.funder.name}` : `, financée par ${facts.funder.name}`;
  write(`Vous êtes convoqué·e à la formation « ${facts.training.title} »${organisedBy}${dates ? `, qui se tiendra ${dates}` : ''}.`, { lineGap: 1.5 });

  heading('Dates et horaires');
  if (facts.days.length === 0) write('Les dates vous seront communiquées par l’organisme de formation.');
  bullets(facts.days.map((day) => `${capitalise(formatFrenchLongDate(day.date))} : ${formatDayTimes(day) ?? TIMES_TO_COME}`));

  heading('Lieu');
  const venue = venueLines(facts.session);
  if (venue.length === 0) write('L’adresse vous sera communiquée par l’organisme de formation.');
  for (const line of venue) write(line);

  heading('À prévoir');
  bullets([
    'De quoi prendre des notes.',
    'Aucune pièce d’identité n’est demandée.',
    'Votre présence est attestée par votre signature sur la feuille d’émargement, chaque matin et chaque après-midi : merci d’arriver quelques minutes avant le début.',
    `En cas d’empêchement, prévenez au plus tôt ${facts.employer.name} : votre place pourra être proposée à une autre personne.`,
  ]);

  heading('Organisation');
  write(`Organisme de formation : ${facts.provider ? providerIdentity(facts.provider) : 'à préciser'}`, { paragraphGap: 2 });
  write(`Financeur : ${facts.funder.name}`, { paragraphGap: 2 });
  if (facts.contact) {
    const contact = { ...facts.contact, phone: facts.contact.phone && unbreakable(facts.contact.phone) };
    write(`Votre contact chez ${facts.funder.name} :`);
    write(contactLine(contact), { paragraphGap: 2 });
  }

  document.moveDown(2).fontSize(8.5).fillColor(MUTED);
  write(`Référence de l’inscription : ${facts.registration.id}`);
  write(`Convocation établie le ${formatFrenchDate(parisDateOf(revisedAt))}.`);

  document.end();
  return ended;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
