/**
 * Part 2: how fast the outbox drains, in mails per second, against nodemailer alone.
 *
 * - Worker: --mails rows are written to the outbox of a fresh PostgreSQL database in one
 *   transaction (OutboxRepository.enqueue, as the use cases do); an app instance
 *   (appServer.ts, SMTP_URL set: the app's own createSmtpTransport) sends them with its
 *   OutboxWorker — claim a batch of 10 under a lease, send one mail at a time, mark it sent.
 * - Direct (the baseline): nodemailer, configured like the app's transport, sends the same
 *   mails in a loop, one at a time, from its own process (directSender.ts).
 *
 * Both write to the same SMTP server in this process (smtpSink.ts), which notes when each
 * mail arrived: the rate is (mails − 1) ÷ (last arrival − first arrival), the same reading for
 * both. The time from the commit (or the request to the loop) to the last arrival is given too:
 * for the worker it includes the wait for its next poll (≤ 1 s when the queue was empty).
 * Alternating rounds (D W, W D…), after a warm-up of each side. For information, once each:
 * nodemailer with one pooled connection, and two app instances draining together.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { outboxMessageId } from '../../src/mail/mailTransport.js';
import { inTransaction } from '../../src/use-cases/repositories.js';
import { createBenchPostgres } from '../support/postgresDatabase.js';
import type { ServerProcess } from '../support/serverProcess.js';
import type { Launcher } from '../registration/launcher.js';
import { BENCH_MAIL_FROM, benchMail, directMessageId } from './mails.js';
import type { Options } from './options.js';
import { startSmtpSink, type SmtpSink } from './smtpSink.js';

const APP_SERVER = new URL('./appServer.ts', import.meta.url);
const DIRECT_SENDER = new URL('./directSender.ts', import.meta.url);
const WARMUP_MAILS = 200;

export interface DrainRound {
  mails: number;
  /** First to last arrival at the SMTP server. */
  spanSeconds: number;
  /** Commit (worker) or start of the loop (direct) to the last arrival. */
  wallSeconds: number;
  /** CPU time of the sending process(es). */
  cpuMs: number;
  /** Mails received more than once, or not the ones expected. */
  anomalies: number;
}

export interface DrainMeasure {
  name: string;
  rounds: DrainRound[];
  mails: number;
  /** Σ(mails − 1) ÷ Σ span: the sustained rate. */
  mailsPerSecond: number;
  /** Σ mails ÷ Σ wall. */
  mailsPerSecondWall: number;
  cpuMsPerMail: number;
  anomalies: number;
}

export interface OutboxResult {
  database: string;
  mailsPerRound: number;
  direct: DrainMeasure;
  worker: DrainMeasure;
  directPooled: DrainMeasure;
  workerTwo: DrainMeasure;
  /** worker ÷ direct (mails/s). */
  ratio: number;
  /** Rows the worker did not mark sent at the end (should be none). */
  rowsNotSent: number;
}

export async function runOutboxDrain(options: Options, adminUrl: string, launcher: Launcher, log: (message: string) => void): Promise<OutboxResult> {
  const bench = await createBenchPostgres(adminUrl, '_outbox');
  log(`base PostgreSQL ${bench.name} créée.`);
  const database = openDatabase({ kind: 'postgres', url: bench.url }, { poolSize: 2 });
  const sink = await startSmtpSink();
  const started: ServerProcess[] = [];
  try {
    await migrateToLatest(database);
    const args = [bench.url, String(options.poolSize), sink.url];
    const worker = await launcher.start('instance avec worker d’outbox', APP_SERVER, args);
    started.push(worker);
    const direct = await launcher.start('nodemailer seul', DIRECT_SENDER, []);
    started.push(direct);
    const timeoutMs = Math.max(60_000, options.mails * 200);
    let nextMail = 0;
    const take = (count: number) => {
      const first = nextMail;
      nextMail += count;
      return first;
    };
    const viaWorker = (servers: ServerProcess[], count: number) => drainWithWorker(database, sink, servers, take(count), count, timeoutMs);
    const viaDirect = (pooled: boolean, count: number) => sendDirect(direct, sink, pooled, take(count), count, timeoutMs);

    log(`chauffe : ${WARMUP_MAILS} courriels par chaque côté`);
    await viaDirect(false, WARMUP_MAILS);
    await viaWorker([worker], WARMUP_MAILS);
    const rounds = { direct: [] as DrainRound[], worker: [] as DrainRound[] };
    for (let round = 0; round < options.mailRounds; round += 1) {
      const order = round % 2 === 0 ? (['direct', 'worker'] as const) : (['worker', 'direct'] as const);
      for (const side of order) {
        log(`manche ${round + 1}/${options.mailRounds} : ${side === 'direct' ? 'nodemailer seul' : 'worker d’outbox'} (${options.mails} courriels)`);
        rounds[side].push(side === 'direct' ? await viaDirect(false, options.mails) : await viaWorker([worker], options.mails));
      }
    }
    log(`pour information : nodemailer avec une connexion réutilisée (${options.mails} courriels)`);
    await viaDirect(true, WARMUP_MAILS);
    const pooledRound = await viaDirect(true, options.mails);
    log(`pour information : deux instances vident l’outbox ensemble (${options.mails} courriels)`);
    const second = await launcher.start('seconde instance avec worker d’outbox', APP_SERVER, args);
    started.push(second);
    await viaWorker([worker, second], 2 * WARMUP_MAILS);
    const twoRound = await viaWorker([worker, second], options.mails);

    // The server has a mail before its sender records it sent: stop the instances (each ends
    // its batch) before counting what is left.
    for (const server of started.splice(0).reverse()) await launcher.stop(server);
    const rowsNotSent = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('status', '<>', 'sent')
      .executeTakeFirstOrThrow();
    const measures = {
      direct: measureOf('nodemailer seul, une connexion par courriel (référence)', rounds.direct),
      worker: measureOf('Worker d’outbox de l’application (1 instance)', rounds.worker),
      directPooled: measureOf('nodemailer, une connexion réutilisée (pool)', [pooledRound]),
      workerTwo: measureOf('Worker d’outbox, 2 instances ensemble', [twoRound]),
    };
    return {
      database: bench.name,
      mailsPerRound: options.mails,
      ...measures,
      ratio: measures.direct.mailsPerSecond > 0 ? measures.worker.mailsPerSecond / measures.direct.mailsPerSecond : 0,
      rowsNotSent: Number(rowsNotSent.total),
    };
  } finally {
    for (const server of started.reverse()) await launcher.stop(server).catch(() => undefined);
    await sink.close();
    await database.close();
    await bench.drop();
    log(`base PostgreSQL ${bench.name} supprimée.`);
  }
}

async function cpuMicrosOf(servers: ServerProcess[]): Promise<number> {
  let total = 0;
  for (const server of servers) total += (await server.memory()).cpuMicros;
  return total;
}

/** Writes `count` bench mails to the outbox in one transaction, then waits until the server got them all. */
async function drainWithWorker(database: Database, sink: SmtpSink, servers: ServerProcess[], first: number, count: number, timeoutMs: number): Promise<DrainRound> {
  sink.reset();
  const cpuBefore = await cpuMicrosOf(servers);
  const now = systemClock.now();
  const ids = await inTransaction(database, async (repos) => {
    const written: string[] = [];
    for (let index = first; index < first + count; index += 1) {
      const mail = benchMail(index);
      const id = await repos.outbox.enqueue({ kind: 'bench.scale', recipient: mail.to, subject: mail.subject, text: mail.text }, now);
      if (id) written.push(id);
    }
    return written;
  });
  const committedAt = performance.now();
  const window = await sink.waitFor(count, timeoutMs).catch(async (error: unknown) => {
    // What the rows say explains a shortfall better than the count alone.
    const rows = await database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('id', 'in', ids).where('status', '<>', 'sent').execute();
    throw new Error(`${error instanceof Error ? error.message : String(error)} ; lignes non envoyées : ${JSON.stringify(rows.slice(0, 5))}`);
  });
  const cpuAfter = await cpuMicrosOf(servers);
  const expected = new Set(ids.map((id) => outboxMessageId(id, BENCH_MAIL_FROM)));
  return roundOf(window, committedAt, count, (cpuAfter - cpuBefore) / 1000, expected);
}

async function sendDirect(direct: ServerProcess, sink: SmtpSink, pooled: boolean, first: number, count: number, timeoutMs: number): Promise<DrainRound> {
  sink.reset();
  const prefix = `direct-${process.pid}-${first}`;
  const cpuBefore = await cpuMicrosOf([direct]);
  const startedAt = performance.now();
  const response = await fetch(`${direct.origin}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ smtpUrl: sink.url, first, count, pooled, prefix }),
  });
  const answer = (await response.json()) as { sent: number; failed: number; firstError: string | null };
  if (answer.failed > 0) throw new Error(`nodemailer : ${answer.failed} envoi(s) en échec, dont : ${answer.firstError}`);
  const window = await sink.waitFor(count, timeoutMs);
  const cpuAfter = await cpuMicrosOf([direct]);
  const expected = new Set(Array.from({ length: count }, (_, index) => directMessageId(prefix, first + index)));
  return roundOf(window, startedAt, count, (cpuAfter - cpuBefore) / 1000, expected);
}

function roundOf(window: { firstMs: number; lastMs: number; messageIds: string[] }, startedAt: number, count: number, cpuMs: number, expected: Set<string>): DrainRound {
  const seen = new Set(window.messageIds);
  const anomalies = window.messageIds.length - seen.size + [...expected].filter((id) => !seen.has(id)).length + [...seen].filter((id) => !expected.has(id)).length;
  return { mails: count, spanSeconds: (window.lastMs - window.firstMs) / 1000, wallSeconds: (window.lastMs - startedAt) / 1000, cpuMs, anomalies };
}

function measureOf(name: string, rounds: DrainRound[]): DrainMeasure {
  const sum = (pick: (round: DrainRound) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const mails = sum((round) => round.mails);
  return {
    name,
    rounds,
    mails,
    mailsPerSecond: sum((round) => round.spanSeconds) > 0 ? sum((round) => round.mails - 1) / sum((round) => round.spanSeconds) : 0,
    mailsPerSecondWall: sum((round) => round.wallSeconds) > 0 ? mails / sum((round) => round.wallSeconds) : 0,
    cpuMsPerMail: mails > 0 ? sum((round) => round.cpuMs) / mails : 0,
    anomalies: sum((round) => round.anomalies),
  };
}
