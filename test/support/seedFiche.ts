import { readFileSync } from 'node:fs';

/** The seed fiche, from the project's own copy (a user's clone has no ../shared). */
export const SEED_FICHE_TEXT = readFileSync(new URL('../../demo/fiches/aller-vers-module-1.txt', import.meta.url), 'utf8');
export const MODULE_2_DEMO_FICHE_TEXT = readFileSync(new URL('../../demo/fiches/aller-vers-module-2-demo.txt', import.meta.url), 'utf8');
