/**
 * Retention periods per kind of personal data, set by funder admins within legal bounds.
 */
import type { Database } from '../../db/database.js';
import { can } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { inTransaction, repositoriesOn } from '../repositories.js';

/** Legal minimums, which are also the defaults until a funder sets longer periods. */
export const RETENTION_KINDS = {
  certificates: { label: 'Certificats de réalisation et attestations', legalMinimumYears: 3 },
  evidence: { label: 'Pièces justificatives (émargements, convocations, évaluations)', legalMinimumYears: 6 },
  cofunded_evidence: { label: 'Pièces justificatives des actions cofinancées', legalMinimumYears: 10 },
} as const;

export type RetentionKind = keyof typeof RETENTION_KINDS;

function isRetentionKind(kind: string): kind is RetentionKind {
  return kind in RETENTION_KINDS;
}

/** The periods in force for a funder (its own settings, else the legal defaults); null funder: the defaults. */
export async function readRetention(database: Database, funderId: string | null): Promise<Array<{ kind: RetentionKind; label: string; years: number; legalMinimumYears: number }>> {
  const rows = funderId ? await repositoriesOn(database.db, database.dialect).retention.list(funderId) : [];
  const set = new Map(rows.filter((row) => isRetentionKind(row.kind)).map((row) => [row.kind, row.years]));
  return (Object.keys(RETENTION_KINDS) as RetentionKind[]).map((kind) => ({
    kind,
    label: RETENTION_KINDS[kind].label,
    years: set.get(kind) ?? RETENTION_KINDS[kind].legalMinimumYears,
    legalMinimumYears: RETENTION_KINDS[kind].legalMinimumYears,
  }));
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
    for (const [kind, value] of entries) await repos.retention.set(funderId, kind, value, actorUserId(acting), at);
    await repos.audit.append(
      { actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'retention.updated', entityType: 'retention', entityId: null, summary: 'Durées de conservation modifiées', details: years, funderId },
      at,
    );
  });
}
