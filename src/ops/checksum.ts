/**
 * Row counts and a checksum per table, comparable across SQLite and PostgreSQL: SHA-256 over
 * the rows in primary-key order (byte-wise, see rawDatabase.ts), each row written as a JSON
 * array of its values normalised to text the same way whatever the engine — so 7 read from an
 * SQLite INTEGER and 7 read from a PostgreSQL integer agree, and NULL never equals 'null'.
 */
import { createHash, type Hash } from 'node:crypto';
import type { RawDatabase, TableInfo } from './rawDatabase.js';
import { sortedColumns } from './tableOrder.js';

export interface TableFigures {
  table: string;
  rows: number;
  /** Hex SHA-256. */
  checksum: string;
}

/** One value as text; null stays null (JSON keeps it apart from the string "null"). */
export function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'bigint') return value.toString();
  // Booleans are stored as 0/1 by convention; a real boolean column reads the same way.
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Feeds rows one by one into the checksum of a table. */
export class TableHasher {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  constructor(readonly table: string) {}

  add(row: readonly unknown[]): void {
    this.hash.update(JSON.stringify(row.map(canonicalValue)));
    this.hash.update('\n');
    this.rows += 1;
  }

  figures(): TableFigures {
    return { table: this.table, rows: this.rows, checksum: this.hash.digest('hex') };
  }
}

/** Counts and checksums of the given tables, all read in one snapshot. */
export async function tableFigures(raw: RawDatabase, tables: readonly TableInfo[]): Promise<Map<string, TableFigures>> {
  return raw.snapshot(async () => {
    const figures = new Map<string, TableFigures>();
    for (const table of tables) {
      const hasher = new TableHasher(table.name);
      for await (const batch of raw.rows(table, sortedColumns(table))) for (const row of batch) hasher.add(row);
      figures.set(table.name, hasher.figures());
    }
    return figures;
  });
}

export interface FiguresComparison {
  table: string;
  source: TableFigures | null;
  target: TableFigures | null;
  same: boolean;
}

/** Every table of either side, with whether its count and checksum agree. */
export function compareFigures(source: ReadonlyMap<string, TableFigures>, target: ReadonlyMap<string, TableFigures>): { tables: FiguresComparison[]; ok: boolean } {
  const names = [...new Set([...source.keys(), ...target.keys()])].sort();
  const tables = names.map((table) => {
    const left = source.get(table) ?? null;
    const right = target.get(table) ?? null;
    return { table, source: left, target: right, same: left !== null && right !== null && left.rows === right.rows && left.checksum === right.checksum };
  });
  return { tables, ok: tables.every((table) => table.same) };
}

function verdict(comparison: FiguresComparison): string {
  if (comparison.same) return 'OK';
  if (comparison.source === null) return 'DIFFÉRENT : table absente de la source';
  if (comparison.target === null) return 'DIFFÉRENT : table absente de la cible';
  if (comparison.source.rows !== comparison.target.rows) return `DIFFÉRENT : ${comparison.target.rows - comparison.source.rows > 0 ? '+' : ''}${comparison.target.rows - comparison.source.rows} ligne(s)`;
  return 'DIFFÉRENT : même nombre de lignes, contenu différent (somme de contrôle)';
}

/** A table for the terminal: table, rows on each side, first characters of the checksum, verdict. */
export function formatComparison(tables: readonly FiguresComparison[], headings: { source: string; target: string }): string {
  const width = Math.max(5, ...tables.map((table) => table.table.length));
  const lines = [`${'Table'.padEnd(width)}  ${headings.source.padStart(9)}  ${headings.target.padStart(9)}  ${'SHA-256'.padEnd(12)}  Vérification`];
  for (const table of tables) {
    lines.push(
      `${table.table.padEnd(width)}  ${String(table.source?.rows ?? '—').padStart(9)}  ${String(table.target?.rows ?? '—').padStart(9)}  ${(table.target ?? table.source)?.checksum.slice(0, 12) ?? ''}  ${verdict(table)}`,
    );
  }
  return lines.join('\n');
}

/** Row counts per table, for the summary of a backup or a restore. */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  const width = Math.max(5, ...[...counts.keys()].map((name) => name.length));
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([table, rows]) => `  ${table.padEnd(width)}  ${String(rows).padStart(9)}`)
    .join('\n');
}

export function totalRows(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const rows of counts.values()) total += rows;
  return total;
}
