/**
 * May this instance take traffic? Only when its database answers and carries every migration
 * this code knows: an instance started on a database that is not (yet) upgraded would fail on
 * its first query to a new column, so the load balancer must keep it out until then.
 */
import type { Database } from '../../db/database.js';
import { allMigrations } from '../../db/migrations/index.js';
import { OperationsRepository } from '../../db/repositories/operationsRepository.js';
import { withTimeout } from '../../metrics/appMetrics.js';

export type Readiness =
  | { ready: true }
  | { ready: false; code: 'DATABASE_UNAVAILABLE' | 'MIGRATIONS_PENDING'; reason: string };

/** A probe answers in time or says no: a hung database must not hang the load balancer's checks. */
const DATABASE_TIMEOUT_MS = 2000;

export async function checkReadiness(database: Database): Promise<Readiness> {
  const operations = new OperationsRepository(database.db, database.dialect);
  let applied: string[];
  try {
    applied = await withTimeout(
      operations.ping().then(() => operations.appliedMigrations()),
      DATABASE_TIMEOUT_MS,
    );
  } catch {
    // The driver's message may name the host or the user: it stays out of a public answer.
    return { ready: false, code: 'DATABASE_UNAVAILABLE', reason: 'La base de données ne répond pas.' };
  }
  const done = new Set(applied);
  const missing = Object.keys(allMigrations(database.dialect)).filter((name) => !done.has(name));
  if (missing.length > 0) {
    return {
      ready: false,
      code: 'MIGRATIONS_PENDING',
      reason: `Le schéma de la base n’est pas à jour : ${missing.length} migration(s) à appliquer (${missing.join(', ')}). Lancez « npx relais db migrate » ou redémarrez une instance.`,
    };
  }
  return { ready: true };
}
