/**
 * Retention periods per kind of personal data, set by funder admins within legal bounds.
 */
import type { Database } from '../../db/database.js';
import { can } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { inTransaction, repositoriesOn } from '../repositories.js';

export const RETENTION_KINDS = {
  certificates: { label: 'Certificats de réalisation et attestations', legalMinimumYears: 3 },
  evidence: { label: 'Pièces justificatives (émargements, convocations, évaluations)', legalMinimumYears: 6 },
  cofunded_evidence: { label: 'Pièces justificatives des actions cofinancées', legalMinimumYears: 10 },
} as const;

export type RetentionKind = keyof typeof RETENTION_KINDS;

function isRetentionKind(kind: string): kind is RetentionKind {
  return kind in RETENTION_KINDS;
}

export async function readRetention(database: Database): Promise<Array<{ kind: RetentionKind; label: string; years: number; legalMinimumYears: number }>> {
  const rows = await repositoriesOn(database.db, database.dialect).retention.list();
  return rows.flatMap((row) =>
    isRetentionKind(row.kind) ? [{ kind: row.kind, label: RETENTION_KINDS[row.kind].label, years: row.years, legalMinimumYears: RETENTION_KINDS[row.kind].legalMinimumYears }] : [],
  );
}

export async function updateRetention(database: Database, clock: Clock, acting: Acting, funderId: string, years: Partial<Record<RetentionKind, number>>): Promise<void> {
  if (!can(acting.actor, 'retention.manage', { type: 'funder', funderId })) throw forbidden();
  const entries = Object.entries(years).filter((entry): entry is [RetentionKind, number] => isRetentionKind(entry[0]));
  const errors: Record<string, string> = {};
  for (const [kind, value] of entries) {
    const minimum = RETENTION_KINDS[kind].legalMinimumYears;
    if (!Number.isInteger(value) || value < minimum || value > 50) errors[kind] = `Entre ${minimum} (minimum légal) et 50 ans.`;
  }
  if (Object.keys(errors).length > 0) throw new DomainError('VALIDATION_FAILED', Object.values(errors).join(' '), { fields: errors });
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    for (const [kind, value] of entries) await repos.retention.set(kind, value, actorUserId(acting), at);
    await repos.audit.append(
      { actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'retention.updated', entityType: 'retention', entityId: null, summary: 'Durées de conservation modifiées', details: years },
      at,
    );
  });
}
