/**
 * The audit log page for funder admins, with filters.
 */
import type { Database } from '../../db/database.js';
import type { AuditFilter, AuditRecord } from '../../db/repositories/auditRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { forbidden } from '../../domain/errors.js';
import { repositoriesOn } from '../repositories.js';
import type { Acting } from './requestContext.js';

export async function readAuditLog(database: Database, acting: Acting, funderId: string, filter: AuditFilter): Promise<{ total: number; items: AuditRecord[]; actions: string[] }> {
  if (!can(acting.actor, 'audit.read', { type: 'funder', funderId })) throw forbidden();
  const repos = repositoriesOn(database.db, database.dialect);
  const [page, actions] = await Promise.all([repos.audit.search(filter), repos.audit.distinctActions()]);
  return { ...page, actions };
}
