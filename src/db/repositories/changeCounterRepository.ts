/**
 * Change counters (migration 0007). `bump` runs inside the writer's transaction: a page
 * cached under the old number is never served once the change is committed.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export type CounterName = 'catalogue';

export async function bumpChangeCounter(db: Kysely<Schema>, name: CounterName): Promise<void> {
  await db.updateTable('change_counters').set({ version: sql`version + 1` }).where('name', '=', name).execute();
}

export async function readChangeCounter(db: Kysely<Schema>, name: CounterName): Promise<number> {
  const row = await db.selectFrom('change_counters').select('version').where('name', '=', name).executeTakeFirst();
  return row?.version ?? 0;
}
