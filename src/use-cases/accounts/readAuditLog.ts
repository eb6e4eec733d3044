/**
 * The audit log page for funder admins, with filters: the entries of their funder and those of
 * the shared directories (providers, co-funders), never another funder's.
 */
import type { Database } from '../../db/database.js';
import type { AuditFilter, AuditRecord } from '../../db/repositories/auditRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { forbidden } from '../../domain/errors.js';
import { repositoriesOn } from '../repositories.js';
import type { Acting } from './requestContext.js';

export async function readAuditLog(database: Database, acting: Acting, funderId: string, filter: Omit<AuditFilter, 'funderId'>): Promise<{ total: number; items: AuditRecord[]; actions: string[] }> {
  if (!can(acting.actor, 'audit.read', { type: 'funder', funderId })) throw forbidden();
  const repos = repositoriesOn(database.db, database.dialect);
  const [page, actions] = await Promise.all([repos.audit.search({ ...filter, funderId }), repos.audit.distinctActions(funderId)]);
  return { ...page, actions };
}
