import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from './extractPdfText.js';
import { FicheFileError } from './ficheFileError.js';
import { parseFiche } from './parseFiche.js';
import { decodeFicheText, isPdf, readFicheText } from './readFicheFile.js';

const seedText = readFileSync(new URL('../../demo/fiches/aller-vers-module-1.txt', import.meta.url), 'utf8');

/**
 * pdfkit's built-in Helvetica only encodes WinAnsi: no "≥" (the seed's bullet). DejaVu Sans has
 * every character of the seed, so the PDF carries the exact text when the font is installed;
 * otherwise the bullets are written as "•" (WinAnsi) and the test still runs.
 */
const DEJAVU_SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const hasDejaVu = existsSync(DEJAVU_SANS);

/** Writes each line as its own text line, like a layout tool would, and collects the bytes. */
async function makePdf(lines: readonly string[], options: { pages?: number } = {}): Promise<Uint8Array> {
  const document = new PDFDocument({ size: 'A4', margin: 36 });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => document.on('end', () => resolve()));
  if (hasDejaVu) document.font(DEJAVU_SANS);
  document.fontSize(9);
  const pages = options.pages ?? 1;
  const perPage = Math.ceil(lines.length / pages);
  lines.forEach((line, index) => {
    if (index > 0 && index % perPage === 0) document.addPage();
    // An empty string draws nothing; a space keeps the vertical gap of a blank line.
    document.text(line === '' ? ' ' : line);
  });
  document.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function pdfSafe(text: string): string {
  return hasDejaVu ? text : text.replaceAll('≥', '•');
}

describe('readFicheText on PDFs', () => {
  it('extracts the seed fiche from a pdfkit PDF and parses it to the same draft as the text', async () => {
    const bytes = await makePdf(pdfSafe(seedText).split('\n'));
    expect(isPdf(bytes)).toBe(true);
    const text = await readFicheText(bytes, 'fiche.pdf');
    // One PDF text line per source line; blank lines are lost by PDF text extraction.
    expect(text.split('\n').slice(0, 5)).toEqual([
      'La pratique de l’Aller Vers les',
      'publics – Module 1 « Aller',
      'vers : une nécessaire',
      'préparation »',
      'Fiche technique',
    ]);
    if (hasDejaVu) expect(text).toContain('≥ ≥ Savoir situer');
    expect(text).toContain('désœuvrées.');
    const fromPdf = parseFiche(text);
    const fromText = parseFiche(seedText);
    expect(fromPdf.missingSections).toEqual([]);
    expect(fromPdf.draft).toEqual(fromText.draft);
    expect(fromPdf.draft.sessions.map((session) => session.city)).toEqual(['Lille', 'Arras', 'Amiens']);
    expect(fromPdf.draft.context?.split('\n\n')).toHaveLength(2);
    expect(fromPdf.draft.objectives).toHaveLength(6);
    expect(fromPdf.draft.content).toHaveLength(8);
  });

  it('joins the pages of a multi-page PDF and leaves the caller’s bytes intact', async () => {
    const bytes = await makePdf(pdfSafe(seedText).split('\n'), { pages: 3 });
    const before = bytes.byteLength;
    const text = await extractPdfText(bytes);
    expect(bytes.byteLength).toBe(before);
    expect(parseFiche(text).draft).toEqual(parseFiche(seedText).draft);
  });

  it('refuses a PDF without text', async () => {
    const bytes = await makePdf([]);
    await expect(readFicheText(bytes)).rejects.toMatchObject({ name: 'FicheFileError', code: 'PDF_NO_TEXT' });
  });

  it('refuses a damaged PDF, and bytes named .pdf that are not a PDF', async () => {
    const damaged = new TextEncoder().encode('%PDF-1.4\nceci n’est pas un PDF');
    await expect(readFicheText(damaged)).rejects.toMatchObject({ code: 'PDF_UNREADABLE' });
    await expect(readFicheText(new TextEncoder().encode('bonjour\u0000'), 'fiche.pdf')).rejects.toMatchObject({
      code: 'PDF_UNREADABLE',
    });
  });
});

describe('readFicheText on other files', () => {
  it('decodes UTF-8 text (with or without BOM)', async () => {
    const bytes = new TextEncoder().encode(seedText);
    expect(await readFicheText(bytes, 'fiche.txt')).toBe(seedText);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(await readFicheText(withBom)).toBe(seedText);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    // "Durée : 2 jours – œuvre" in Windows-1252.
    const bytes = new Uint8Array([
      0x44, 0x75, 0x72, 0xe9, 0x65, 0x20, 0x3a, 0x20, 0x32, 0x20, 0x6a, 0x6f, 0x75, 0x72, 0x73, 0x20, 0x96, 0x20, 0x9c,
      0x75, 0x76, 0x72, 0x65,
    ]);
    expect(decodeFicheText(bytes)).toBe('Durée : 2 jours – œuvre');
  });

  it('refuses an empty file', async () => {
    await expect(readFicheText(new Uint8Array())).rejects.toMatchObject({
      code: 'EMPTY_FILE',
      message: 'Le fichier est vide.',
    });
    await expect(readFicheText(new TextEncoder().encode(' \n\t\n'))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
  });

  it('refuses binary files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = await readFicheText(png, 'image.png').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FicheFileError);
    expect(error).toMatchObject({ code: 'NOT_TEXT', message: 'Le fichier n’est ni un texte ni un PDF lisible.' });

    // No NUL byte, but mostly control characters once decoded.
    const noisy = Uint8Array.from({ length: 512 }, (_, index) => (index * 7) % 32 || 1);
    await expect(readFicheText(noisy)).rejects.toMatchObject({ code: 'NOT_TEXT' });
  });

  it('recognises the PDF magic number', () => {
    expect(isPdf(new TextEncoder().encode('%PDF-1.7\n…'))).toBe(true);
    expect(isPdf(new TextEncoder().encode('\n\n%PDF-1.4'))).toBe(true);
    expect(isPdf(new TextEncoder().encode('%PD'))).toBe(false);
    expect(isPdf(new TextEncoder().encode('Fiche technique'))).toBe(false);
  });
});
