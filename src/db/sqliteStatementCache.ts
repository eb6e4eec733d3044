/**
 * better-sqlite3 compiles a statement on every `prepare()`, and Kysely prepares each query it
 * runs: about 30–40 µs per query here, more than executing it. This wrapper keeps the compiled
 * statements by SQL text (bounded), which is safe because Kysely's SQLite driver runs one
 * query at a time on its single connection.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LRUCache } from 'lru-cache';

export function withStatementCache(connection: BetterSqlite3.Database, maxStatements = 500): SqliteDatabase {
  const statements = new LRUCache<string, SqliteStatement>({ max: maxStatements });
  return {
    close: () => connection.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql) as unknown as SqliteStatement;
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
