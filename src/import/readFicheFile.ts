/**
 * Bytes of an uploaded fiche → text for parseFiche. PDFs go through pdf.js; anything else must
 * be text: UTF-8, or Windows-1252 (the encoding of text files saved by older Windows tools) when
 * the bytes are not valid UTF-8. Empty files and binary files are refused with a FicheFileError.
 */
import { extractPdfText } from './extractPdfText.js';
import { FicheFileError } from './ficheFileError.js';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** pdf.js accepts a header within the first 1024 bytes (some generators prepend junk). */
const PDF_HEADER_WINDOW = 1024;
/** Above this share of control characters, decoded "text" is really binary. */
const MAX_CONTROL_RATIO = 0.05;

export function isPdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let start = 0; start <= limit; start++) {
    if (PDF_MAGIC.every((byte, offset) => bytes[start + offset] === byte)) return true;
  }
  return false;
}

/**
 * Decodes text bytes (UTF-8 with or without BOM, else Windows-1252). Throws FicheFileError
 * NOT_TEXT for binary content: NUL bytes, or too many control characters.
 */
export function decodeFicheText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new FicheFileError('NOT_TEXT');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  text = text.replace(/^\uFEFF/u, '');
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/gu)?.length ?? 0;
  if (text.length > 0 && controls / text.length > MAX_CONTROL_RATIO) throw new FicheFileError('NOT_TEXT');
  return text;
}

/** `fileName` only helps routing: a ".pdf" name sends the bytes to the PDF reader even without a valid header. */
export async function readFicheText(bytes: Uint8Array, fileName?: string): Promise<string> {
  if (bytes.length === 0) throw new FicheFileError('EMPTY_FILE');
  const pdf = isPdf(bytes) || /\.pdf$/iu.test(fileName ?? '');
  const text = pdf ? await extractPdfText(bytes) : decodeFicheText(bytes);
  if (text.trim() === '') throw new FicheFileError(pdf ? 'PDF_NO_TEXT' : 'EMPTY_FILE');
  return text;
}

/**
 * Code points of Windows-1252 bytes 0x80–0x9F (the rest is Latin-1). Done by hand because
 * Node 20's TextDecoder('windows-1252') decodes those bytes as Latin-1 control characters,
 * losing "œ", "’", "–", "€"… Undefined bytes keep their control code point.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte);
  }
  return text;
}
