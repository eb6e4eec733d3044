/**
 * Test data built through the repositories, never through SQL dumps.
 */
import type { Database } from '../../src/db/database.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';

let sequence = 0;

export async function buildFunder(
  database: Database,
  overrides: Partial<{ slug: string; name: string; regionCode: string; defaultMin: number; defaultMax: number }> = {},
): Promise<{ id: string; slug: string }> {
  sequence += 1;
  const { organisations } = repositoriesOn(database.db, database.dialect);
  const region = await organisations.findRegionByCode(overrides.regionCode ?? '32');
  const slug = overrides.slug ?? `financeur-${sequence}`;
  const id = await organisations.insertFunder({
    slug,
    name: overrides.name ?? `OPCO de test ${sequence}`,
    short_name: 'OPCO',
    lheo_code: '16',
    region_id: region?.id ?? null,
    website: null,
    default_min_trainees: overrides.defaultMin ?? 8,
    default_max_trainees: overrides.defaultMax ?? 15,
  });
  return { id, slug };
}

/** Row counts of the offer tables, to prove that a refused action wrote nothing. */
export async function countOfferRows(database: Database): Promise<Record<string, number>> {
  const tables = ['trainings', 'sessions', 'session_days', 'half_days', 'providers', 'cofunders', 'funder_contacts', 'tracks', 'themes', 'training_objectives'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
