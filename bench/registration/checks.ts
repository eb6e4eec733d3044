/**
 * Checks around the load: one request answered as expected before measuring, and what the
 * database holds afterwards (read by this process from the app's own SQLite file).
 */
import SQLite from 'better-sqlite3';
import type { DynamicRequest } from '../support/dynamicLoad.js';

/** One registration before measuring: a 201 with one outcome, or the run stops here. */
export async function checkOneRegistration(origin: string, request: DynamicRequest, name: string): Promise<string> {
  const response = await fetch(origin + request.path, { method: request.method, headers: request.headers, body: request.body ?? null });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`${name} : ${request.method} ${request.path} répond ${response.status} au lieu de 201 : ${body.slice(0, 400)}`);
  const outcome = (JSON.parse(body) as { outcomes?: Array<{ status?: string }> }).outcomes?.[0]?.status;
  if (!outcome) throw new Error(`${name} : réponse sans « outcomes » : ${body.slice(0, 400)}`);
  return outcome;
}

/** Opens an SQLite file read-only: WAL lets this reader in while the app writes. */
export function readOnlySqlite(filename: string): SQLite.Database {
  const connection = new SQLite(filename, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/** Outbox rows by status: « pending » ones are still waiting for the worker. */
export function outboxByStatus(filename: string): Record<string, number> {
  const connection = readOnlySqlite(filename);
  try {
    const rows = connection.prepare('SELECT status, count(*) AS total FROM outbox GROUP BY status').all() as Array<{ status: string; total: number }>;
    return Object.fromEntries(rows.map((row) => [row.status, row.total]));
  } finally {
    connection.close();
  }
}
