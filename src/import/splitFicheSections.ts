/**
 * Cuts the normalised lines of a fiche into its sections, in order: what comes before the first
 * heading (the preamble: title, logos, stray lines) and one section per recognised heading.
 */
import { type FicheSectionKey, matchHeading } from './ficheHeadings.js';
import type { FicheLine } from './normalizeFicheText.js';

export interface FicheSection {
  key: FicheSectionKey;
  /** As written, e.g. "Lieux & dates" or "Partenariat & cofinancement". */
  heading: string;
  /** The body; a value written on the heading line ("Durée : 2 jours") comes first. */
  lines: FicheLine[];
}

export interface SplitFiche {
  preamble: FicheLine[];
  sections: FicheSection[];
}

export function splitFicheSections(lines: readonly FicheLine[]): SplitFiche {
  const preamble: FicheLine[] = [];
  const sections: FicheSection[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (!line) break;
    const heading = matchHeading(line.text, lines[index + 1]?.text);
    if (heading) {
      const body: FicheLine[] =
        heading.inlineValue === null ? [] : [{ text: heading.inlineValue, sourceWidth: line.sourceWidth }];
      sections.push({ key: heading.key, heading: heading.heading, lines: body });
      index += heading.lineCount;
      continue;
    }
    const current = sections.at(-1);
    (current ? current.lines : preamble).push(line);
    index++;
  }
  return { preamble, sections };
}
