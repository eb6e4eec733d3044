/**
 * The audit log: append-only (this repository has no update or delete), one row per change
 * to organisations, people, roles, registrations, attendance and personal data.
 */
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Schema } from '../schema.js';
import { UserRepository } from './userRepository.js';

export interface AuditEntry {
  actorUserId: string | null;
  actorLabel: string;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  details?: Record<string, unknown>;
  /** Whose admins may read it; null for the shared directories (providers, co-funders). */
  funderId?: string | null;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  occurredAt: string;
}

export interface AuditFilter {
  /** Entries of this funder and of the shared directories. */
  funderId: string;
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Unless the caller says whose entry it is, it belongs to the funder of its record: a
   * person's funder (directly or through their employer), an employer's funder; entries about
   * the shared directories (providers, co-funders and their people) have none.
   */
  async append(entry: AuditEntry, now: string): Promise<void> {
    const funderId = entry.funderId !== undefined ? entry.funderId : await this.funderOfRecord(entry.entityType, entry.entityId);
    await this.db
      .insertInto('audit_log')
      .values({
        id: newId(),
        occurred_at: now,
        actor_user_id: entry.actorUserId,
        actor_label: entry.actorLabel,
        ip: entry.ip,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        summary: entry.summary,
        details: entry.details ? JSON.stringify(entry.details) : null,
        funder_id: funderId,
      })
      .execute();
  }

  private async funderOfRecord(entityType: string, entityId: string | null): Promise<string | null> {
    if (!entityId) return null;
    if (entityType === 'user') return new UserRepository(this.db).funderScopeOf(entityId);
    if (entityType === 'employer') return (await this.db.selectFrom('employers').select('funder_id').where('id', '=', entityId).executeTakeFirst())?.funder_id ?? null;
    if (entityType === 'funder') return entityId;
    return null;
  }

  async search(filter: AuditFilter): Promise<{ total: number; items: AuditRecord[] }> {
    let query = this.db.selectFrom('audit_log').where((eb) => eb.or([eb('funder_id', '=', filter.funderId), eb('funder_id', 'is', null)]));
    if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
    if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
    if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.from) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to) query = query.where('occurred_at', '<', filter.to);
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return {
      total: Number(count.n),
      items: rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        ip: row.ip,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        summary: row.summary,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : undefined,
        funderId: row.funder_id,
      })),
    };
  }

  async distinctActions(funderId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select('action')
      .distinct()
      .where((eb) => eb.or([eb('funder_id', '=', funderId), eb('funder_id', 'is', null)]))
      .orderBy('action')
      .execute();
    return rows.map((row) => row.action);
  }

  /** Everything recorded about or by a person, for their data export. */
  async aboutPerson(userId: string): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => eb.or([eb('actor_user_id', '=', userId), eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', userId)])]))
      .orderBy('occurred_at')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      actorUserId: row.actor_user_id,
      actorLabel: row.actor_label,
      ip: row.ip,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      summary: row.summary,
      details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : undefined,
    }));
  }
}
