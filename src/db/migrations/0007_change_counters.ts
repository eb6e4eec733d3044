/**
 * Change counters: a number bumped in the same transaction as any change to what it counts
 * (the public catalogue), so that every app instance can tell in one indexed read whether a
 * page it keeps in memory is still current.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('change_counters').values({ name: 'catalogue', version: 0 }).execute();
}
