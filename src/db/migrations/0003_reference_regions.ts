/**
 * The 18 French regions with their official INSEE codes: reference data every funder's
 * catalogue is filtered by, so it ships with the schema rather than with the demo.
 */
import type { Kysely } from 'kysely';

export const FRENCH_REGIONS: ReadonlyArray<{ code: string; name: string; slug: string }> = [
  { code: '84', name: 'Auvergne-Rhône-Alpes', slug: 'auvergne-rhone-alpes' },
  { code: '27', name: 'Bourgogne-Franche-Comté', slug: 'bourgogne-franche-comte' },
  { code: '53', name: 'Bretagne', slug: 'bretagne' },
  { code: '24', name: 'Centre-Val de Loire', slug: 'centre-val-de-loire' },
  { code: '94', name: 'Corse', slug: 'corse' },
  { code: '44', name: 'Grand Est', slug: 'grand-est' },
  { code: '32', name: 'Hauts-de-France', slug: 'hauts-de-france' },
  { code: '11', name: 'Île-de-France', slug: 'ile-de-france' },
  { code: '28', name: 'Normandie', slug: 'normandie' },
  { code: '75', name: 'Nouvelle-Aquitaine', slug: 'nouvelle-aquitaine' },
  { code: '76', name: 'Occitanie', slug: 'occitanie' },
  { code: '52', name: 'Pays de la Loire', slug: 'pays-de-la-loire' },
  { code: '93', name: 'Provence-Alpes-Côte d’Azur', slug: 'provence-alpes-cote-d-azur' },
  { code: '01', name: 'Guadeloupe', slug: 'guadeloupe' },
  { code: '02', name: 'Martinique', slug: 'martinique' },
  { code: '03', name: 'Guyane', slug: 'guyane' },
  { code: '04', name: 'La Réunion', slug: 'la-reunion' },
  { code: '06', name: 'Mayotte', slug: 'mayotte' },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('regions')
    .values(FRENCH_REGIONS.map((region) => ({ id: `region-${region.code}`, ...region })))
    .execute();
}
