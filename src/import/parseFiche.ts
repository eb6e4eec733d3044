/**
 * Fiche technique text → draft. Pipeline: normalise the lines (spaces, cut words), split them
 * into sections by their headings (many synonyms, see ficheHeadings.ts), read each modelled
 * section with its own small parser, keep known-but-unmodelled sections as extra text, and
 * report what was not understood (`unparsed`) and which required sections are missing
 * (see ficheRequirements.ts). Nothing is invented: absent facts are null or empty.
 */
import type { FicheDraft, FicheExtraSection, FicheParseResult } from './ficheDraft.js';
import type { FicheSectionKey } from './ficheHeadings.js';
import { stripBullet } from './ficheBullets.js';
import { missingFicheSections } from './ficheRequirements.js';
import { toListItems, toSectionText } from './ficheTextBlocks.js';
import { type FicheLine, normalizeFicheLines } from './normalizeFicheText.js';
import { findCapacityMax } from './parseCapacity.js';
import { parseContact } from './parseContact.js';
import { parseDuration } from './parseDuration.js';
import { parseModule, parseTitleBlock } from './parseFicheTitle.js';
import { parseSessions } from './parseSessions.js';
import { type FicheSection, splitFicheSections } from './splitFicheSections.js';

export { describeMissingSections } from './ficheRequirements.js';

export function parseFiche(text: string): FicheParseResult {
  const lines = normalizeFicheLines(text);
  const { preamble, sections } = splitFicheSections(lines);
  const unparsed: string[] = [];
  const body = (key: FicheSectionKey): FicheLine[] => mergedLines(sections, key);
  const texts = (key: FicheSectionKey): string[] => body(key).map((line) => line.text).filter((t) => t !== '');

  const title = readTitle(preamble, sections, unparsed);

  const publicText = toSectionText(body('public'));
  const durationText = toSectionText(body('duration'));
  const duration = parseDuration(durationText);
  if (durationText !== null && duration.days === null && duration.hours === null) unparsed.push(...texts('duration'));

  const provider = readProvider(texts('provider'));
  unparsed.push(...provider.leftover);

  const sessions = parseSessions(texts('sessions'));
  unparsed.push(...sessions.leftover);
  const contact = parseContact(texts('contact'));
  unparsed.push(...contact.leftover);

  const draft: FicheDraft = {
    title,
    module: parseModule(title),
    sectors: splitSectors(texts('sectors')),
    public: publicText,
    durationDays: duration.days,
    durationHours: duration.hours,
    provider: provider.name,
    sessions: sessions.sessions,
    contact: contact.contact,
    cofunders: toListItems(body('cofunders')),
    context: toSectionText(body('context')),
    objectives: toListItems(body('objectives')),
    prerequisites: toSectionText(body('prerequisites')),
    content: toListItems(body('content')),
    capacityMax: findCapacityMax(lines.map((line) => line.text).join('\n')),
    unparsed,
  };
  return { draft, extraSections: extraSectionsOf(sections), missingSections: missingFicheSections(draft) };
}

/**
 * An explicit "Intitulé" section wins; otherwise the first block of the preamble; otherwise the
 * lines right after "Fiche technique" when that marker opens the document.
 */
function readTitle(preamble: readonly FicheLine[], sections: readonly FicheSection[], unparsed: string[]): string | null {
  const markerLines = mergedLines(sections, 'ficheMarker').map((line) => line.text);
  const preambleLines = preamble.map((line) => line.text);
  const explicit = mergedLines(sections, 'title').map((line) => line.text).filter((t) => t !== '');
  if (explicit.length > 0) {
    unparsed.push(...nonBlank(preambleLines), ...nonBlank(markerLines));
    return explicit.join(' ').replace(/\s+/gu, ' ');
  }
  const fromPreamble = parseTitleBlock(preambleLines);
  if (fromPreamble.title !== null) {
    unparsed.push(...fromPreamble.leftover, ...nonBlank(markerLines));
    return fromPreamble.title;
  }
  const fromMarker = parseTitleBlock(markerLines);
  unparsed.push(...fromPreamble.leftover, ...fromMarker.leftover);
  return fromMarker.title;
}

/**
 * The provider is the first line of its section (bullet stripped), continued by lines starting
 * in lower case ("Association de prévention" / "spécialisée du Nord" stays one name). Address,
 * website or phone lines that follow are not a name: they go to unparsed.
 */
function readProvider(lines: readonly string[]): { name: string | null; leftover: string[] } {
  const [first, ...rest] = lines;
  if (first === undefined) return { name: null, leftover: [] };
  let name = stripBullet(first);
  let index = 0;
  while (index < rest.length && /^\p{Ll}/u.test(rest[index] ?? '')) {
    name = `${name} ${rest[index] ?? ''}`;
    index++;
  }
  return { name: name === '' ? null : name, leftover: rest.slice(index) };
}

/** Sections may repeat ("Objectifs" then "Objectifs pédagogiques"): their bodies are chained. */
function mergedLines(sections: readonly FicheSection[], key: FicheSectionKey): FicheLine[] {
  const merged: FicheLine[] = [];
  for (const section of sections) {
    if (section.key !== key) continue;
    if (merged.length > 0) merged.push({ text: '', sourceWidth: 0 });
    merged.push(...section.lines);
  }
  return merged;
}

/** "Social et Médico-social" → ["Social", "Médico-social"]; also "," "/" ";" "&" and bullets. */
function splitSectors(lines: readonly string[]): string[] {
  return lines
    .map(stripBullet)
    .flatMap((line) => line.split(/\s+(?:et|&)\s+|\s*[,;/]\s*/u))
    .map((sector) => sector.replace(/[.\s]+$/u, '').trim())
    .filter((sector) => sector !== '');
}

function extraSectionsOf(sections: readonly FicheSection[]): FicheExtraSection[] {
  return sections
    .filter((section) => section.key === 'extra')
    .map((section) => ({ heading: section.heading, text: toSectionText(section.lines) ?? '' }))
    .filter((section) => section.text !== '');
}

function nonBlank(lines: readonly string[]): string[] {
  return lines.filter((line) => line.trim() !== '');
}
