/**
 * How long personal data is kept, per kind (years after the session). The purge job reads it.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export class RetentionRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** The funder's own settings; kinds it never changed are absent (legal defaults apply). */
  async list(funderId: string): Promise<Array<{ kind: string; years: number; updatedAt: string }>> {
    const rows = await this.db.selectFrom('retention_settings').selectAll().where('funder_id', '=', funderId).orderBy('kind').execute();
    return rows.map((row) => ({ kind: row.kind, years: row.years, updatedAt: row.updated_at }));
  }

  async set(funderId: string, kind: string, years: number, updatedBy: string | null, now: string): Promise<void> {
    await this.db
      .insertInto('retention_settings')
      .values({ funder_id: funderId, kind, years, updated_at: now, updated_by: updatedBy })
      .onConflict((oc) => oc.columns(['funder_id', 'kind']).doUpdateSet({ years, updated_at: now, updated_by: updatedBy }))
      .execute();
  }
}
