/**
 * `relais restore FILE`: puts a backup made by `relais backup` back into the database of
 * DATABASE_URL — only an empty one. There is deliberately no --force: a restore that could
 * overwrite live registrations and signatures is one typo away from losing them; an operator
 * who really means it drops or moves the database first, knowingly.
 *
 * - An SQLite backup (a database file) is checked with PRAGMA integrity_check on a staged copy
 *   next to the target, then renamed into place, so the target is never half-written.
 * - A pg_dump archive goes through pg_restore --single-transaction: it applies whole or not.
 *
 * The restored database is then migrated, so a backup of an earlier release comes back on the
 * current schema, as the app would do at start.
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseConfig } from '../config.js';
import { openDatabase, type DialectName } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { countRows } from './backup.js';
import { formatCounts, totalRows } from './checksum.js';
import { OpsError } from './opsError.js';
import { openRawDatabase, type RawDatabase } from './rawDatabase.js';
import { runPgTool, toolConnection } from './pgTools.js';
import { RESTORE_EMPTINESS_TABLES } from './tableOrder.js';

export type BackupKind = 'sqlite' | 'pg_dump';

export interface RestoreReport {
  dialect: DialectName;
  counts: Map<string, number>;
  appliedMigrations: string[];
  text: string;
}

/** What a backup file is, from its first bytes. */
export function backupKindOf(file: string): BackupKind {
  if (!existsSync(file) || !statSync(file).isFile()) throw new OpsError(`Sauvegarde introuvable : ${file}`);
  const header = Buffer.alloc(16);
  const descriptor = openSync(file, 'r');
  try {
    readSync(descriptor, header, 0, header.length, 0);
  } finally {
    closeSync(descriptor);
  }
  if (header.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (header.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  throw new OpsError(`${file} n’est pas une sauvegarde reconnue : ni une base SQLite, ni une archive pg_dump --format=custom (une sauvegarde en SQL texte se rejoue avec psql).`);
}

export async function restoreDatabase(file: string, target: DatabaseConfig): Promise<RestoreReport> {
  const backup = resolve(file);
  const kind = backupKindOf(backup);
  if (kind === 'sqlite' && target.kind !== 'sqlite') {
    throw new OpsError(
      `${backup} est une sauvegarde SQLite : elle se restaure dans une base SQLite (DATABASE_URL=sqlite:…). Pour passer à PostgreSQL : npx relais db copy --from sqlite:${backup} --to postgres://…`,
    );
  }
  if (kind === 'pg_dump' && target.kind !== 'postgres') {
    throw new OpsError(`${backup} est une archive pg_dump : elle se restaure dans une base PostgreSQL (DATABASE_URL=postgres://…), puis relais db copy peut la recopier ailleurs.`);
  }
  const lines: string[] = [];
  if (target.kind === 'sqlite') {
    await restoreSqlite(backup, target.filename);
    lines.push(`Sauvegarde ${backup} restaurée dans sqlite:${resolve(target.filename)} (intégrité vérifiée : PRAGMA integrity_check ok).`);
  } else {
    await restorePostgres(backup, target.url);
    lines.push(`Sauvegarde ${backup} restaurée par pg_restore.`);
  }
  const database = openDatabase(target, { poolSize: 1 });
  let applied: string[];
  try {
    applied = await migrateToLatest(database);
  } finally {
    await database.close();
  }
  const counts = await countRows(target);
  lines.push(applied.length === 0 ? 'Schéma à jour.' : `Migrations appliquées après restauration : ${applied.join(', ')}.`);
  lines.push(`${counts.size} tables, ${totalRows(counts)} lignes :`, formatCounts(counts));
  return { dialect: target.kind, counts, appliedMigrations: applied, text: lines.join('\n') };
}

/** Refuses a target holding any row in the tables that make a Relais database "in use". */
async function assertEmptyForRestore(raw: RawDatabase): Promise<void> {
  const present = new Set((await raw.tables()).map((table) => table.name));
  for (const table of RESTORE_EMPTINESS_TABLES) {
    if (!present.has(table)) continue;
    const rows = await raw.count(table);
    if (rows > 0) {
      throw new OpsError(
        `Restauration refusée : la base cible ${raw.label} n’est pas vide (vérification : aucune ligne dans ${RESTORE_EMPTINESS_TABLES.join(', ')} ; la table ${table} en contient ${rows}). Restaurez dans une base neuve ; rien n’a été modifié.`,
      );
    }
  }
}

function removeSqliteFiles(filename: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
}

async function restoreSqlite(backup: string, filename: string): Promise<void> {
  if (filename === ':memory:') throw new OpsError('Impossible de restaurer dans une base SQLite en mémoire (:memory:).');
  const targetExists = existsSync(filename) && statSync(filename).size > 0;
  if (targetExists) {
    const raw = await openRawDatabase({ kind: 'sqlite', url: `sqlite:${filename}`, filename }, { readonly: true });
    try {
      await assertEmptyForRestore(raw);
    } finally {
      await raw.close();
    }
  }
  mkdirSync(dirname(resolve(filename)), { recursive: true });
  const staging = `${filename}.restauration`;
  removeSqliteFiles(staging);
  try {
    copyFileSync(backup, staging);
    checkSqliteBackup(staging, backup);
    if (targetExists) assertNotInUse(filename);
    // The target is empty and unused: its journal files belong to it, not to the backup.
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
    renameSync(staging, filename);
  } finally {
    removeSqliteFiles(staging);
  }
}

function checkSqliteBackup(staging: string, backup: string): void {
  let copy: SQLite.Database;
  try {
    copy = new SQLite(staging, { fileMustExist: true });
  } catch (error) {
    throw new OpsError(`${backup} n’est pas une base SQLite lisible : ${(error as Error).message}. Rien n’a été restauré.`);
  }
  try {
    let problems: string[];
    try {
      problems = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).filter((line) => line !== 'ok');
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length > 0) throw new OpsError(`La sauvegarde ${backup} est endommagée (PRAGMA integrity_check : ${problems.slice(0, 5).join(' ; ')}). Rien n’a été restauré.`);
    const tables = copy.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('kysely_migration', 'funders')`).pluck().all();
    if (tables.length < 2) throw new OpsError(`${backup} est une base SQLite, mais pas une sauvegarde de Relais (tables kysely_migration et funders absentes). Rien n’a été restauré.`);
  } finally {
    copy.close();
  }
}

/**
 * Replacing the file under a running app would lose whatever it writes next (it keeps the old
 * file open). Leaving WAL mode needs the only connection to the database, so it fails at once
 * when another process has it open.
 */
function assertNotInUse(filename: string): void {
  const probe = new SQLite(filename, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    const mode = probe.pragma('journal_mode', { simple: true });
    if (mode === 'wal') probe.pragma('journal_mode = DELETE');
    else probe.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new OpsError(`La base cible ${filename} est ouverte par un autre processus (Relais tourne-t-il encore ?) : arrêtez-le avant de restaurer. Rien n’a été modifié.`);
    }
    throw error;
  } finally {
    probe.close();
  }
}

async function restorePostgres(backup: string, url: string): Promise<void> {
  const raw = await openRawDatabase({ kind: 'postgres', url });
  let hasTables: boolean;
  try {
    await assertEmptyForRestore(raw);
    hasTables = (await raw.tables()).length > 0;
  } finally {
    await raw.close();
  }
  const { dbname, env } = toolConnection(url);
  // A database the app already migrated (tables, no data) is cleaned of the archive's objects
  // first; in one transaction with the restore, so a failure leaves it as it was.
  await runPgTool('pg_restore', ['--no-owner', '--single-transaction', '--exit-on-error', ...(hasTables ? ['--clean', '--if-exists'] : []), `--dbname=${dbname}`, backup], env);
}
