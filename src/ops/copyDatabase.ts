/**
 * `relais db copy --from URL --to URL`: moves every row of one Relais database into another,
 * typically a regional SQLite file into the PostgreSQL of a national plan, so that nothing is
 * ever typed in twice.
 *
 * The target is migrated first and must hold nothing but what the migrations put there. All
 * tables are written in one transaction on the target, in foreign-key order, in batches; the
 * source is read in one snapshot, and the checksum of each source table is computed from the
 * very rows that were written. After the commit, the target is read back on its own and its
 * counts and checksums must match. The search index is derived data, proper to each engine: it
 * is rebuilt on the target instead of being copied.
 */
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import { openDatabase, type Database, type DialectName } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { SearchIndexRepository } from '../db/repositories/searchIndexRepository.js';
import type { Schema } from '../db/schema.js';
import { compareFigures, formatComparison, TableHasher, tableFigures, type FiguresComparison, type TableFigures } from './checksum.js';
import { OpsError } from './opsError.js';
import { appliedMigrations, isPostgresConnectionFailure, openRawDatabase, postgresConnectionError, type RawDatabase, type TableInfo } from './rawDatabase.js';
import { dataTables, dependencyOrder, sortedColumns } from './tableOrder.js';

export interface CopyReport {
  ok: boolean;
  tables: FiguresComparison[];
  /** Trainings in the target, and documents in its rebuilt search index (they must agree). */
  trainings: number;
  searchDocuments: number;
  /** What the command prints. */
  text: string;
}

export interface CopyOptions {
  /** Rows read from the source at a time. */
  batchSize?: number;
}

// Far under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMETERS_PER_INSERT = 30_000;
const MAX_ROWS_PER_INSERT = 500;

export async function copyDatabase(from: DatabaseConfig, to: DatabaseConfig, options: CopyOptions = {}): Promise<CopyReport> {
  if (sameDatabase(from, to)) throw new OpsError('La source et la cible sont la même base : rien n’a été copié.');
  const source = await openRawDatabase(from, { readonly: true });
  try {
    const target = openDatabase(to, { poolSize: 2 });
    try {
      try {
        await migrateToLatest(target);
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause ?? error;
        if (to.kind === 'postgres' && isPostgresConnectionFailure(cause)) throw postgresConnectionError(cause, to.url);
        throw error;
      }
      const targetRaw = await openRawDatabase(to);
      try {
        return await copyInto(source, target, targetRaw, options);
      } finally {
        await targetRaw.close();
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

function sameDatabase(from: DatabaseConfig, to: DatabaseConfig): boolean {
  if (from.kind === 'sqlite' && to.kind === 'sqlite') return resolve(from.filename) === resolve(to.filename);
  if (from.kind === 'postgres' && to.kind === 'postgres') {
    const a = new URL(from.url);
    const b = new URL(to.url);
    return a.hostname === b.hostname && (a.port || '5432') === (b.port || '5432') && a.pathname === b.pathname;
  }
  return false;
}

async function copyInto(source: RawDatabase, target: Database, targetRaw: RawDatabase, options: CopyOptions): Promise<CopyReport> {
  const sourceAll = await source.tables();
  const targetAll = await targetRaw.tables();
  await assertSameMigrations(source, sourceAll, targetRaw, targetAll);
  const sourceTables = dataTables(sourceAll);
  const targetTables = dataTables(targetAll);
  assertSameTables(sourceTables, targetTables);
  const seeded = await assertTargetEmpty(targetRaw, targetTables);

  const order = dependencyOrder(targetTables);
  const sourceByName = new Map(sourceTables.map((table) => [table.name, table]));
  const sourceFigures = new Map<string, TableFigures>();
  await source.snapshot(() =>
    target.db.transaction().execute(async (trx) => {
      // Only what the migrations wrote (reference regions, counters) can be there: it is
      // replaced by the source's own rows, children first.
      for (const table of [...order].reverse()) if (seeded.has(table.name)) await sql`DELETE FROM ${sql.table(table.name)}`.execute(trx);
      for (const table of order) {
        const from = sourceByName.get(table.name) as TableInfo;
        try {
          sourceFigures.set(table.name, await copyTable(source, from, trx, target.dialect, options.batchSize ?? 1000));
        } catch (error) {
          if (error instanceof OpsError) throw error;
          throw new OpsError(`La copie de la table ${table.name} a échoué : ${(error as Error).message}. Rien n’a été écrit dans la base cible.`, { cause: error });
        }
      }
      const search = new SearchIndexRepository(trx, target.dialect);
      const trainings = await trx.selectFrom('trainings').select('id').orderBy('id').execute();
      for (const training of trainings) await search.reindexTraining(training.id);
    }),
  );

  // Read back independently, after the commit: what a restarted app would see.
  const targetFigures = await tableFigures(targetRaw, order);
  const comparison = compareFigures(sourceFigures, targetFigures);
  const trainings = await targetRaw.count('trainings');
  const searchDocuments = await targetRaw.count('training_search');
  const ok = comparison.ok && searchDocuments === trainings;
  const rows = [...sourceFigures.values()].reduce((sum, figures) => sum + figures.rows, 0);
  const text = [
    `Copie de ${source.label} vers ${targetRaw.label}`,
    formatComparison(comparison.tables, { source: 'Source', target: 'Cible' }),
    `Index de recherche reconstruit : ${searchDocuments} document(s) pour ${trainings} formation(s)${searchDocuments === trainings ? '' : ' — DIFFÉRENT'}.`,
    ok
      ? `Copie vérifiée : ${comparison.tables.length} tables, ${rows} lignes, nombres de lignes et sommes de contrôle identiques.`
      : `ÉCHEC de la vérification : ${comparison.tables.filter((table) => !table.same).map((table) => table.table).join(', ') || 'index de recherche'} ; la cible ne doit pas être utilisée telle quelle.`,
  ].join('\n');
  return { ok, tables: comparison.tables, trainings, searchDocuments, text };
}

async function copyTable(source: RawDatabase, table: TableInfo, trx: Kysely<Schema>, dialect: DialectName, batchSize: number): Promise<TableFigures> {
  const columns = sortedColumns(table);
  const hasher = new TableHasher(table.name);
  const rowsPerInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS_PER_INSERT / columns.length)));
  const into = sql`INSERT INTO ${sql.table(table.name)} (${sql.join(columns.map((column) => sql.id(column)))}) VALUES `;
  for await (const batch of source.rows(table, columns, batchSize)) {
    for (const row of batch) hasher.add(row);
    for (let start = 0; start < batch.length; start += rowsPerInsert) {
      const chunk = batch.slice(start, start + rowsPerInsert);
      await sql`${into}${sql.join(chunk.map((row) => sql`(${sql.join(row.map((value) => writableValue(value, dialect)))})`))}`.execute(trx);
    }
  }
  return hasher.figures();
}

/** A value as the target's driver accepts it (better-sqlite3 binds no booleans nor dates). */
function writableValue(value: unknown, dialect: DialectName): unknown {
  if (dialect === 'sqlite') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
  }
  return value;
}

async function assertSameMigrations(source: RawDatabase, sourceTables: TableInfo[], target: RawDatabase, targetTables: TableInfo[]): Promise<void> {
  const sourceMigrations = await appliedMigrations(source, sourceTables);
  if (sourceMigrations.length === 0) throw new OpsError(`${source.label} n’est pas une base Relais (aucune migration appliquée) : rien n’a été copié.`);
  const targetMigrations = await appliedMigrations(target, targetTables);
  const missing = targetMigrations.filter((name) => !sourceMigrations.includes(name));
  if (missing.length > 0) {
    throw new OpsError(`La base source n’est pas à jour (migrations manquantes : ${missing.join(', ')}) : lancez d’abord DATABASE_URL=${source.label} npx relais db migrate, puis recommencez. Rien n’a été copié.`);
  }
  const unknown = sourceMigrations.filter((name) => !targetMigrations.includes(name));
  if (unknown.length > 0) {
    throw new OpsError(`La base source vient d’une version plus récente de Relais (migrations inconnues : ${unknown.join(', ')}) : copiez avec cette version-là. Rien n’a été copié.`);
  }
}

function assertSameTables(sourceTables: TableInfo[], targetTables: TableInfo[]): void {
  const problems: string[] = [];
  for (const table of sourceTables) {
    const other = targetTables.find((candidate) => candidate.name === table.name);
    if (!other) {
      problems.push(`table ${table.name} absente de la cible`);
      continue;
    }
    const a = sortedColumns(table).join(', ');
    const b = sortedColumns(other).join(', ');
    if (a !== b) problems.push(`colonnes de ${table.name} différentes (source : ${a} ; cible : ${b})`);
  }
  for (const table of targetTables) if (!sourceTables.some((candidate) => candidate.name === table.name)) problems.push(`table ${table.name} absente de la source`);
  if (problems.length > 0) throw new OpsError(`Les schémas de la source et de la cible diffèrent : ${problems.join(' ; ')}. Rien n’a été copié.`);
}

/**
 * The target must hold nothing but what migrating a new database writes. What that is comes
 * from migrating a scratch in-memory database, so a migration that adds reference rows later
 * needs no change here. Returns the tables that hold such rows.
 */
async function assertTargetEmpty(target: RawDatabase, tables: TableInfo[]): Promise<Set<string>> {
  const fresh = await freshlyMigratedCounts();
  const seeded = new Set<string>();
  for (const table of tables) {
    const rows = await target.count(table.name);
    const expected = fresh.get(table.name) ?? 0;
    if (rows > expected) {
      throw new OpsError(
        `La base cible n’est pas vide : la table ${table.name} contient ${rows} ligne(s)${expected > 0 ? ` (${expected} attendue(s) dans une base neuve)` : ''}. La copie se fait dans une base neuve ; rien n’a été modifié.`,
      );
    }
    if (rows > 0) seeded.add(table.name);
  }
  return seeded;
}

async function freshlyMigratedCounts(): Promise<Map<string, number>> {
  const scratch = openDatabase({ kind: 'sqlite', url: 'sqlite::memory:', filename: ':memory:' });
  try {
    await migrateToLatest(scratch);
    const names = await sql<{ name: string }>`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`.execute(scratch.db);
    const counts = new Map<string, number>();
    for (const { name } of names.rows) {
      const result = await sql<{ rows: number }>`SELECT count(*) AS rows FROM ${sql.table(name)}`.execute(scratch.db);
      counts.set(name, Number(result.rows[0]?.rows ?? 0));
    }
    return counts;
  } finally {
    await scratch.close();
  }
}
