/**
 * An index for the public catalogue list. Every catalogue query reads "published trainings by
 * title, then id", filtered by region or theme and by id lists (sector, groups, search): with
 * all of that in one index, SQLite answers from the index alone instead of reading each
 * training row (source text included) — the count, the facets' list of published ids and
 * deep pages (page 250 read 5,000 rows) no longer scan the trainings table.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('trainings_catalogue_idx')
    .on('trainings')
    .columns(['status', 'title', 'id', 'region_id', 'theme_id'])
    .execute();
}
