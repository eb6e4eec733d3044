/**
 * Which tables the operator tools move and verify, and in which order they are written.
 */
import { OpsError } from './opsError.js';
import type { TableInfo } from './rawDatabase.js';

/** Kysely's migration bookkeeping: every database gets its own by migrating, never by copy. */
export const MIGRATION_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Built from other tables, in a form proper to each engine (an FTS5 table on SQLite, a tsvector
 * document on PostgreSQL): never copied, rebuilt on the target by SearchIndexRepository.
 */
export const DERIVED_TABLES: readonly string[] = ['training_search'];

/** A restore goes only into a database with no row in these (the check named to the operator). */
export const RESTORE_EMPTINESS_TABLES: readonly string[] = ['funders', 'users', 'registrations'];

/** The tables holding data of their own: what a copy moves and a checksum covers. */
export function dataTables(tables: readonly TableInfo[]): TableInfo[] {
  return tables.filter((table) => !MIGRATION_TABLES.includes(table.name) && !DERIVED_TABLES.includes(table.name));
}

/** Column names in a fixed order, independent of the order columns were added in each engine. */
export function sortedColumns(table: TableInfo): string[] {
  return table.columns.map((column) => column.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Tables ordered so that each comes after every table its foreign keys point to (ties by name,
 * so the order is stable): rows can then be inserted with the constraints checked as they go.
 * References to tables outside the list are ignored; a cycle is refused, since PostgreSQL
 * cannot defer our (non-deferrable) constraints to break it.
 */
export function dependencyOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const remaining = new Map(tables.map((table) => [table.name, new Set(table.references.filter((name) => byName.has(name) && name !== table.name))]));
  const ordered: TableInfo[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter(([, needs]) => needs.size === 0)
      .map(([name]) => name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (ready.length === 0) throw new OpsError(`Dépendances circulaires entre les tables ${[...remaining.keys()].sort().join(', ')} : impossible de choisir un ordre de copie.`);
    for (const name of ready) {
      remaining.delete(name);
      ordered.push(byName.get(name) as TableInfo);
      for (const needs of remaining.values()) needs.delete(name);
    }
  }
  return ordered;
}
