/**
 * What operators watch (readiness, metrics): a trivial query, the applied migrations, and
 * aggregate counts. Counts and ages only, never a row's content: nothing here can carry
 * personal data to a probe or to Prometheus.
 */
import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import type { RegistrationStatus, Schema } from '../schema.js';

export interface OutboxBacklog {
  pending: number;
  failed: number;
  /** created_at of the oldest mail not sent yet; null when none is waiting. */
  oldestPendingCreatedAt: string | null;
  /** next_attempt_at of the oldest mail due now and not sent: how far the workers lag behind. */
  oldestDueAt: string | null;
}

export class OperationsRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
  ) {}

  /** Throws when the database does not answer. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Names recorded by Kysely's migrator; an empty list on a database never migrated. */
  async appliedMigrations(): Promise<string[]> {
    // Asked of the catalogue first: selecting from a missing table would read as "unreachable".
    const exists =
      this.dialect === 'sqlite'
        ? await sql<{ found: number }>`select count(*) as found from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}`.execute(this.db)
        : await sql<{ found: number }>`select count(*) as found from pg_catalog.pg_tables where tablename = ${DEFAULT_MIGRATION_TABLE} and schemaname = current_schema()`.execute(this.db);
    if (Number(exists.rows[0]?.found ?? 0) === 0) return [];
    const rows = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(this.db);
    return rows.rows.map((row) => row.name);
  }

  async registrationsByStatus(): Promise<Map<RegistrationStatus, number>> {
    const rows = await this.db
      .selectFrom('registrations')
      .select((eb) => ['status', eb.fn.countAll<number>().as('total')])
      .groupBy('status')
      .execute();
    return new Map(rows.map((row) => [row.status, Number(row.total)]));
  }

  async outboxBacklog(nowIso: string): Promise<OutboxBacklog> {
    // Both read the (status, next_attempt_at) index; the outbox keeps every sent mail, so a
    // query that scanned the table would grow slower with every mail ever sent.
    const [byStatus, due] = await Promise.all([
      this.db
        .selectFrom('outbox')
        .where('status', 'in', ['pending', 'failed'])
        .select((eb) => ['status', eb.fn.countAll<number>().as('total'), eb.fn.min('created_at').as('oldest')])
        .groupBy('status')
        .execute(),
      this.db
        .selectFrom('outbox')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', nowIso)
        .select((eb) => eb.fn.min('next_attempt_at').as('oldest'))
        .executeTakeFirst(),
    ]);
    const pending = byStatus.find((row) => row.status === 'pending');
    const failed = byStatus.find((row) => row.status === 'failed');
    return {
      pending: Number(pending?.total ?? 0),
      failed: Number(failed?.total ?? 0),
      oldestPendingCreatedAt: pending?.oldest ?? null,
      oldestDueAt: due?.oldest ?? null,
    };
  }

  /** offer_expires_at of the offer expired longest ago that no job has passed on yet; null when none. */
  async oldestOverdueOffer(nowIso: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('registrations')
      .where('status', '=', 'offered')
      .where('offer_expires_at', '<', nowIso)
      .select((eb) => eb.fn.min('offer_expires_at').as('oldest'))
      .executeTakeFirst();
    return row?.oldest ?? null;
  }
}
