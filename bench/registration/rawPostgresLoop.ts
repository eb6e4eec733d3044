/**
 * The PostgreSQL baseline: the seat recipe with nothing around it. `concurrency` loops share a
 * pg.Pool of `poolSize` clients (the app's PG_POOL_SIZE) and each runs, again and again:
 *   BEGIN; SELECT … FROM sessions WHERE id = $1 FOR UPDATE; SELECT count(*) … (recount);
 *   INSERT INTO registrations …; COMMIT
 * on one hot group, each time for the next person. No HTTP, no authentication, no mail.
 * It runs in this (the parent) process: it is the load and the "server" at once.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { RoundOutcome, Side } from './rounds.js';

export interface RawLoopInput {
  url: string;
  sessionId: string;
  trainingId: string;
  funderId: string;
  employerId: string;
  traineeIds: readonly string[];
  concurrency: number;
  poolSize: number;
}

export interface RawLoop extends Side {
  /** The first error met, for the report (errors are counted by round). */
  readonly firstError: string | null;
  /** True when the loops stopped early because every person was registered. */
  readonly ranOutOfPeople: boolean;
  /** confirmed / waitlisted, like the app's outcomes, warm-up included. */
  readonly outcomes: Record<string, number>;
  close(): Promise<void>;
}

/** The loops as one side of a comparison; people are taken in turn across rounds. */
export function rawPostgresLoop(key: string, name: string, input: RawLoopInput): RawLoop {
  const pool = new pg.Pool({ connectionString: input.url, max: input.poolSize });
  // The bench drops its database WITH (FORCE) at the end: idle clients then emit 'error'.
  pool.on('error', () => undefined);
  let next = 0;
  let firstError: string | null = null;
  let ranOut = false;
  const outcomes: Record<string, number> = {};
  return {
    key,
    outcomes,
    name,
    get firstError() {
      return firstError;
    },
    get ranOutOfPeople() {
      return ranOut;
    },
    async round(seconds: number, samples: number[]): Promise<RoundOutcome> {
      let successes = 0;
      let errors = 0;
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const worker = async () => {
        while (performance.now() < deadline) {
          const traineeId = input.traineeIds[next];
          if (traineeId === undefined) {
            ranOut = true;
            return;
          }
          next += 1;
          const begin = performance.now();
          try {
            const status = await registerOne(pool, input, traineeId);
            samples.push(performance.now() - begin);
            outcomes[status] = (outcomes[status] ?? 0) + 1;
            successes += 1;
          } catch (error) {
            errors += 1;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      };
      await Promise.all(Array.from({ length: input.concurrency }, worker));
      const statuses = { COMMIT: successes, ...(errors > 0 ? { ROLLBACK: errors } : {}) };
      return { successes, answers: successes + errors, seconds: (performance.now() - started) / 1000, statuses, errors };
    },
    close: () => pool.end(),
  };
}

async function registerOne(pool: pg.Pool, input: RawLoopInput, traineeId: string): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const group = await client.query<{ max_trainees: number }>('SELECT max_trainees FROM sessions WHERE id = $1 FOR UPDATE', [input.sessionId]);
    const capacity = group.rows[0]?.max_trainees ?? 0;
    const counted = await client.query<{ held: number; max_seq: number }>(
      "SELECT count(*) FILTER (WHERE status IN ('confirmed', 'pending', 'offered'))::int AS held, coalesce(max(seq), 0)::int AS max_seq FROM registrations WHERE session_id = $1",
      [input.sessionId],
    );
    const held = counted.rows[0]?.held ?? 0;
    const seq = (counted.rows[0]?.max_seq ?? 0) + 1;
    const status = held < capacity ? 'confirmed' : 'waitlisted';
    const at = new Date().toISOString();
    await client.query(
      `INSERT INTO registrations (id, session_id, training_id, trainee_id, employer_id, funder_id, status, seq, requested_at, requested_by, declaration,
         status_changed_at, offer_expires_at, offer_token_hash, decided_by, decision_reason, cancel_reason, is_late_cancellation, moved_from_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, $9, NULL, NULL, NULL, NULL, NULL, 0, NULL, $9, $9)`,
      [uuidv7(), input.sessionId, input.trainingId, traineeId, input.employerId, input.funderId, status, seq, at],
    );
    await client.query('COMMIT');
    return status;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
