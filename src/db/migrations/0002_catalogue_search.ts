/**
 * Accent-insensitive French full-text search over the catalogue. The two engines differ here
 * and only here: SQLite gets an FTS5 table (unicode61 remove_diacritics 2), PostgreSQL a
 * tsvector built with unaccent and the french configuration, behind a GIN index.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE training_search USING fts5(
      training_id UNINDEXED,
      body,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    return;
  }
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  // unaccent() is only STABLE, so an index expression needs an IMMUTABLE wrapper that pins
  // the dictionary; the french configuration then stems ("formations" finds "formation").
  await sql`CREATE OR REPLACE FUNCTION relais_search_vector(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('french'::regconfig, public.unaccent('public.unaccent'::regdictionary, body)) $$`.execute(db);
  // The query text is built by the catalogue repository from letters and digits only
  // ("aller:* & vers:*"), so no user input reaches the tsquery syntax.
  await sql`CREATE OR REPLACE FUNCTION relais_search_query(q text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsquery('french'::regconfig, public.unaccent('public.unaccent'::regdictionary, q)) $$`.execute(db);
  await db.schema
    .createTable('training_search')
    .addColumn('training_id', 'text', (c) => c.primaryKey().references('trainings.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX training_search_vector_idx ON training_search USING gin (relais_search_vector(body))`.execute(db);
}
