/**
 * Direct driver connections for the operator tools (backup, restore, copy, checksums).
 *
 * They work on the tables a database actually holds, discovered from its catalogue rather than
 * listed by hand, so a table added by a later migration is copied and verified without anyone
 * remembering to add it here. App code goes through Kysely and the repositories; these tools
 * need catalogue queries, server-side cursors and rows streamed in primary-key order, which is
 * why they speak to the drivers.
 *
 * Rows are read in primary-key order compared byte by byte (SQLite's BINARY collation,
 * PostgreSQL's "C" collation): both are UTF-8 code-point order, so the same rows come out in
 * the same order from either engine and a checksum over them can be compared.
 */
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { DialectName } from '../db/database.js';
import { OpsError } from './opsError.js';

export interface ColumnInfo {
  name: string;
  /** As declared (SQLite) or as information_schema names it (PostgreSQL), lower-cased. */
  type: string;
  /** Compared as text when ordering: gets the byte-wise collation. */
  textual: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** Tables this one points to with a foreign key (itself excluded). */
  references: string[];
}

export interface RawDatabase {
  readonly dialect: DialectName;
  /** Where it is, for messages (never with a password). */
  readonly label: string;
  /** Every ordinary table (SQLite's virtual and shadow tables excluded), by name. */
  tables(): Promise<TableInfo[]>;
  count(table: string): Promise<number>;
  /** The rows of a table as arrays in `columns` order, in primary-key order, a batch at a time. */
  rows(table: TableInfo, columns: readonly string[], batchSize?: number): AsyncGenerator<unknown[][]>;
  /** Runs `work` in one read-only snapshot: every read inside sees the same committed state. */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The URL without its password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function orderColumns(table: TableInfo): ColumnInfo[] {
  if (table.primaryKey.length === 0) return [...table.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return table.primaryKey.map((name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (!column) throw new OpsError(`Clé primaire incohérente dans la table ${table.name} (colonne ${name}).`);
    return column;
  });
}

export async function openRawDatabase(config: DatabaseConfig, options: { readonly?: boolean } = {}): Promise<RawDatabase> {
  if (config.kind === 'sqlite') {
    if (config.filename === ':memory:') throw new OpsError('Une base SQLite en mémoire (:memory:) ne peut être ni sauvegardée, ni copiée, ni restaurée.');
    if (!existsSync(config.filename)) throw new OpsError(`La base SQLite ${config.filename} n’existe pas.`);
    let connection: SQLite.Database;
    try {
      connection = new SQLite(config.filename, { fileMustExist: true });
      connection.pragma('busy_timeout = 5000');
      // query_only rather than a read-only connection: the same guarantee that nothing is
      // written, but the connection may still tidy up at close, where a read-only one would
      // leave empty -wal and -shm files next to the database.
      if (options.readonly) connection.pragma('query_only = ON');
      // Reading the schema fails here, with a clear message, when the file is not a database.
      connection.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      throw new OpsError(`${config.filename} n’est pas une base SQLite lisible : ${(error as Error).message}`);
    }
    return new SqliteRawDatabase(connection, `sqlite:${config.filename}`);
  }
  const client = new pg.Client({ connectionString: config.url, types: { getTypeParser: postgresTypeParser } });
  // A dropped connection must fail the running command, not crash it with an unhandled event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw postgresConnectionError(error, config.url);
  }
  return new PostgresRawDatabase(client, redactUrl(config.url));
}

const CONNECTION_FAILURES = new Set(['3D000', '28P01', '28000', 'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** A failure to reach or enter the database (as opposed to a failing statement). */
export function isPostgresConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_FAILURES.has(code);
}

export function postgresConnectionError(error: unknown, url: string): OpsError {
  const code = (error as { code?: unknown }).code;
  const where = redactUrl(url);
  if (code === '3D000') {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return new OpsError(`La base PostgreSQL « ${name} » n’existe pas (${where}) : créez-la d’abord, par exemple avec createdb ${name}.`);
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') return new OpsError(`PostgreSQL ne répond pas à ${where} (${String(code)}).`);
  return new OpsError(`Connexion à PostgreSQL impossible (${where}) : ${(error as Error).message}`);
}

// Values are kept as the driver's plain types; dates, JSON and numerics stay text so that no
// time zone or float conversion changes them between reading and writing.
const KEEP_AS_TEXT = new Set<number>([
  pg.types.builtins.DATE,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.JSON,
  pg.types.builtins.JSONB,
  pg.types.builtins.NUMERIC,
]);

function postgresTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === pg.types.builtins.INT8) return (value: string) => BigInt(value);
  if (KEEP_AS_TEXT.has(oid)) return (value: string) => value;
  return pg.types.getTypeParser(oid, (format ?? 'text') as 'text') as (value: string) => unknown;
}

class SqliteRawDatabase implements RawDatabase {
  readonly dialect = 'sqlite' as const;
  private snapshotDepth = 0;

  constructor(
    private readonly connection: SQLite.Database,
    readonly label: string,
  ) {}

  async tables(): Promise<TableInfo[]> {
    const names = this.connection
      .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
      .pluck()
      .all() as string[];
    return names.map((name) => {
      const columns = this.connection.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as Array<{ name: string; type: string; pk: number }>;
      const references = this.connection.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[];
      return {
        name,
        columns: columns.map((column) => ({ name: column.name, type: column.type.toLowerCase(), textual: /char|clob|text/i.test(column.type) })),
        primaryKey: columns
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => column.name),
        references: references.filter((referenced) => referenced !== name).sort(),
      };
    });
  }

  async count(table: string): Promise<number> {
    return Number(this.connection.prepare(`SELECT count(*) FROM ${quoteIdentifier(table)}`).pluck().get());
  }

  async *rows(table: TableInfo, columns: readonly string[], batchSize = 1000): AsyncGenerator<unknown[][]> {
    const order = orderColumns(table)
      .map((column) => `${quoteIdentifier(column.name)} COLLATE BINARY`)
      .join(', ');
    const statement = this.connection.prepare(`SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(table.name)} ORDER BY ${order}`).raw(true);
    const iterator = statement.iterate() as IterableIterator<unknown[]>;
    try {
      let batch: unknown[][] = [];
      for (const row of iterator) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      iterator.return?.();
    }
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    if (this.snapshotDepth > 0) return work();
    this.connection.exec('BEGIN');
    this.snapshotDepth += 1;
    try {
      // A deferred transaction takes its snapshot at the first read: take it now.
      this.connection.prepare('SELECT count(*) FROM sqlite_schema').get();
      return await work();
    } finally {
      this.snapshotDepth -= 1;
      this.connection.exec('COMMIT');
    }
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}

export class PostgresRawDatabase implements RawDatabase {
  readonly dialect = 'postgres' as const;
  private snapshotDepth = 0;
  private cursorSequence = 0;

  constructor(
    private readonly client: pg.Client,
    readonly label: string,
  ) {}

  async tables(): Promise<TableInfo[]> {
    const tables = await this.client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE "C"`,
    );
    const columns = await this.client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const keys = await this.client.query<{ table_name: string; column_name: string }>(
      `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE con.contype = 'p' AND n.nspname = current_schema()
       ORDER BY c.relname, k.ord`,
    );
    const foreignKeys = await this.client.query<{ table_name: string; referenced: string }>(
      `SELECT DISTINCT c.relname AS table_name, r.relname AS referenced
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE con.contype = 'f' AND n.nspname = current_schema()`,
    );
    return tables.rows.map(({ name }) => ({
      name,
      columns: columns.rows
        .filter((column) => column.table_name === name)
        .map((column) => ({ name: column.column_name, type: column.data_type.toLowerCase(), textual: ['text', 'character varying', 'character'].includes(column.data_type) })),
      primaryKey: keys.rows.filter((key) => key.table_name === name).map((key) => key.column_name),
      references: foreignKeys.rows
        .filter((key) => key.table_name === name && key.referenced !== name)
        .map((key) => key.referenced)
        .sort(),
    }));
  }

  async count(table: string): Promise<number> {
    const result = await this.client.query<{ count: bigint }>(`SELECT count(*) AS count FROM ${quoteIdentifier(table)}`);
    return Number(result.rows[0]?.count ?? 0);
  }

  async *rows(table: TableInfo, columns: readonly string[], batchSize = 1000): AsyncGenerator<unknown[][]> {
    const order = orderColumns(table)
      .map((column) => (column.textual ? `${quoteIdentifier(column.name)} COLLATE "C"` : quoteIdentifier(column.name)))
      .join(', ');
    const ownTransaction = this.snapshotDepth === 0;
    if (ownTransaction) await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    this.cursorSequence += 1;
    const cursor = `relais_rows_${this.cursorSequence}`;
    try {
      // One sort on the server, then the rows come a batch at a time: a large table is never
      // held in memory whole.
      await this.client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(table.name)} ORDER BY ${order}`);
      for (;;) {
        const result = await this.client.query<unknown[]>({ text: `FETCH ${batchSize} FROM ${cursor}`, rowMode: 'array' });
        if (result.rows.length === 0) break;
        yield result.rows;
      }
      await this.client.query(`CLOSE ${cursor}`);
    } finally {
      if (ownTransaction) await this.client.query('COMMIT');
    }
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    if (this.snapshotDepth > 0) return work();
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    this.snapshotDepth += 1;
    try {
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.snapshotDepth -= 1;
    }
  }

  /** Runs a statement on this connection (used to export a snapshot to pg_dump). */
  query<R extends pg.QueryResultRow>(text: string): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(text);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export function isPostgresRaw(raw: RawDatabase): raw is PostgresRawDatabase {
  return raw instanceof PostgresRawDatabase;
}

/** The names of the migrations applied to a database (Kysely's bookkeeping table). */
export async function appliedMigrations(raw: RawDatabase, tables: readonly TableInfo[]): Promise<string[]> {
  const table = tables.find((candidate) => candidate.name === 'kysely_migration');
  if (!table) return [];
  const names: string[] = [];
  for await (const batch of raw.rows(table, ['name'])) for (const [name] of batch) names.push(String(name));
  return names.sort();
}
