/**
 * How long personal data is kept, per kind (years after the session). The purge job reads it.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export class RetentionRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(): Promise<Array<{ kind: string; years: number; updatedAt: string }>> {
    const rows = await this.db.selectFrom('retention_settings').selectAll().orderBy('kind').execute();
    return rows.map((row) => ({ kind: row.kind, years: row.years, updatedAt: row.updated_at }));
  }

  async set(kind: string, years: number, updatedBy: string | null, now: string): Promise<void> {
    await this.db.updateTable('retention_settings').set({ years, updated_at: now, updated_by: updatedBy }).where('kind', '=', kind).execute();
  }
}
