/**
 * The full-text document of each training. The two engines differ only here and in the
 * catalogue query (see migrations/0002_catalogue_search.ts): FTS5 on SQLite, a tsvector
 * expression index on PostgreSQL. The document is rebuilt from the stored training each time
 * it is saved, so it cannot drift from what the page shows.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import type { Schema } from '../schema.js';

export class SearchIndexRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
  ) {}

  async reindexTraining(trainingId: string): Promise<void> {
    const body = await this.buildDocument(trainingId);
    if (this.dialect === 'sqlite') {
      await sql`DELETE FROM training_search WHERE training_id = ${trainingId}`.execute(this.db);
      if (body !== null) await sql`INSERT INTO training_search (training_id, body) VALUES (${trainingId}, ${body})`.execute(this.db);
      return;
    }
    if (body === null) {
      await this.db.deleteFrom('training_search').where('training_id', '=', trainingId).execute();
      return;
    }
    await this.db
      .insertInto('training_search')
      .values({ training_id: trainingId, body })
      .onConflict((oc) => oc.column('training_id').doUpdateSet({ body }))
      .execute();
  }

  private async buildDocument(trainingId: string): Promise<string | null> {
    const training = await this.db
      .selectFrom('trainings as t')
      .leftJoin('providers as p', 'p.id', 't.provider_id')
      .leftJoin('tracks as tr', 'tr.id', 't.track_id')
      .leftJoin('themes as th', 'th.id', 't.theme_id')
      .leftJoin('regions as r', 'r.id', 't.region_id')
      .select(['t.title', 't.module_title', 't.public_text', 't.context', 't.prerequisites', 'p.name as provider', 'tr.title as track', 'th.name as theme', 'r.name as region'])
      .where('t.id', '=', trainingId)
      .executeTakeFirst();
    if (!training) return null;
    const texts = async (table: 'training_objectives' | 'training_content_items' | 'training_sectors') =>
      (await this.db.selectFrom(table).select('text').where('training_id', '=', trainingId).orderBy('position').execute()).map((r) => r.text);
    const cities = await this.db
      .selectFrom('sessions')
      .select('city')
      .distinct()
      .where('training_id', '=', trainingId)
      .where('city', 'is not', null)
      .execute();
    return [
      training.title,
      training.module_title,
      training.track,
      training.theme,
      training.region,
      training.provider,
      ...cities.map((c) => c.city),
      ...(await texts('training_sectors')),
      training.public_text,
      ...(await texts('training_objectives')),
      ...(await texts('training_content_items')),
      training.prerequisites,
      training.context,
    ]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('\n');
  }
}
