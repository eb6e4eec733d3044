/**
 * `relais backup FILE`: a consistent copy of the database while the app keeps running.
 *
 * - SQLite: the online backup API (better-sqlite3 `db.backup`), which copies the pages of one
 *   read snapshot; writers in other processes are not blocked (WAL), and a write between two
 *   steps makes SQLite start over, so the result is always one committed state.
 * - PostgreSQL: pg_dump --format=custom --no-owner. The counts printed come from the very
 *   snapshot pg_dump saves (an exported snapshot), so they describe the file exactly.
 *
 * The file is written under a temporary name and renamed once complete and checked: a crash
 * never leaves a half-written file under the expected name, and no backup overwrites another.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseConfig } from '../config.js';
import type { DialectName } from '../db/database.js';
import { formatCounts, totalRows } from './checksum.js';
import { OpsError } from './opsError.js';
import { isPostgresRaw, openRawDatabase, type RawDatabase } from './rawDatabase.js';
import { runPgTool, toolConnection } from './pgTools.js';
import { dataTables } from './tableOrder.js';

export interface BackupReport {
  file: string;
  dialect: DialectName;
  /** Rows per table in the backup. */
  counts: Map<string, number>;
  text: string;
}

export async function backupDatabase(config: DatabaseConfig, file: string): Promise<BackupReport> {
  const destination = resolve(file);
  if (existsSync(destination)) throw new OpsError(`Le fichier ${destination} existe déjà : choisissez un autre nom (une sauvegarde n’en écrase jamais une autre).`);
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partiel`;
  const removePartial = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  };
  removePartial();
  try {
    const counts = config.kind === 'sqlite' ? await backupSqlite(config.filename, partial) : await backupPostgres(config.url, partial);
    renameSync(partial, destination);
    const size = statSync(destination).size;
    const kind = config.kind === 'sqlite' ? 'base SQLite' : 'archive pg_dump au format custom';
    const text = [
      `Sauvegarde écrite : ${destination} (${kind}, ${formatSize(size)})`,
      `${counts.size} tables, ${totalRows(counts)} lignes :`,
      formatCounts(counts),
      `Restauration : DATABASE_URL=… npx relais restore ${destination} (dans une base vide).`,
    ].join('\n');
    return { file: destination, dialect: config.kind, counts, text };
  } finally {
    removePartial();
  }
}

async function backupSqlite(filename: string, partial: string): Promise<Map<string, number>> {
  if (filename === ':memory:') throw new OpsError('Une base SQLite en mémoire (:memory:) ne peut pas être sauvegardée.');
  if (!existsSync(filename)) throw new OpsError(`La base SQLite ${filename} n’existe pas : rien à sauvegarder.`);
  const connection = new SQLite(filename, { fileMustExist: true });
  try {
    connection.pragma('busy_timeout = 5000');
    // After the first step (100 pages), ask for every remaining page at once: one step reads
    // one snapshot, so a busy app cannot make the backup start over again and again.
    await connection.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    connection.close();
  }
  // Check what was written, not what was meant to be.
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    const problems = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) throw new OpsError(`La sauvegarde écrite ne passe pas PRAGMA integrity_check : ${problems.slice(0, 5).join(' ; ')}.`);
    // A backup of a WAL database is a WAL database: leave it self-contained in one file.
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return countRows({ kind: 'sqlite', url: `sqlite:${partial}`, filename: partial });
}

async function backupPostgres(url: string, partial: string): Promise<Map<string, number>> {
  const raw = await openRawDatabase({ kind: 'postgres', url });
  try {
    if (!isPostgresRaw(raw)) throw new Error('unreachable');
    const { dbname, env } = toolConnection(url);
    return await raw.snapshot(async () => {
      const exported = await raw.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      const snapshot = exported.rows[0]?.snapshot;
      if (!snapshot) throw new OpsError('PostgreSQL n’a pas exporté d’instantané : sauvegarde impossible.');
      const counts = await countTables(raw);
      // pg_dump reads the snapshot this transaction holds open: what it saves is what was counted.
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${dbname}`], env);
      return counts;
    });
  } finally {
    await raw.close();
  }
}

export async function countRows(config: DatabaseConfig): Promise<Map<string, number>> {
  const raw = await openRawDatabase(config, { readonly: config.kind === 'sqlite' });
  try {
    return await raw.snapshot(() => countTables(raw));
  } finally {
    await raw.close();
  }
}

async function countTables(raw: RawDatabase): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of dataTables(await raw.tables())) counts.set(table.name, await raw.count(table.name));
  return counts;
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} Mo`;
}
