/**
 * Fault 3 — the SMTP server is down for 10 minutes. An in-process OutboxWorker with a clock
 * the test moves, and a real SMTP server on 127.0.0.1 that is stopped (connection refused) and
 * started again on the same port. While it is down, every try is recorded and pushed back
 * with a growing delay, nothing is sent and nothing is given up; once it is back, every mail
 * arrives exactly once (counted by Message-ID, stable across tries) and ends 'sent'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, OutboxRepository, retryDelayMs } from '../../src/db/repositories/outboxRepository.js';
import { OutboxWorker, type OutboxLogger } from '../../src/jobs/outboxWorker.js';
import { createSmtpTransport, outboxMessageId } from '../../src/mail/mailTransport.js';
import { fixedClock } from '../support/clock.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtpServer.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const START = '2026-11-25T08:00:00.000Z';
const FROM = 'Relais <ne-pas-repondre@relais.test>';
const MAILS = 25;
const BATCH = 10;
const OUTAGE_MS = 10 * 60_000;
/** The clock moves by this much between two runs of the worker, as its poll loop would. */
const STEP_MS = 15_000;
/** After the outage, how far the test lets the clock run for the backoff to bring every mail back. */
const AFTER_LIMIT_MS = 2 * 3_600_000;

describe.each(TEST_DIALECTS)('SMTP down for 10 minutes on %s', { timeout: 60_000 }, (dialect) => {
  const clock = fixedClock(START);
  let test: TestDatabase;
  let smtp: TestSmtpServer;
  const logged: Array<{ level: 'warn' | 'error'; message: string; details: object }> = [];
  const logger: OutboxLogger = {
    warn: (details, message) => logged.push({ level: 'warn', message, details }),
    error: (details, message) => logged.push({ level: 'error', message, details }),
  };

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await test?.cleanup();
  });

  it('retries with a growing delay while SMTP is down, then delivers every mail exactly once', async () => {
    const outbox = new OutboxRepository(test.database.db, dialect);
    const worker = new OutboxWorker({ database: test.database, clock, transport: createSmtpTransport(smtp.url, FROM), from: FROM, logger, batchSize: BATCH });
    const ids: string[] = [];
    for (let n = 1; n <= MAILS; n += 1) {
      const id = await outbox.enqueue(
        {
          kind: 'registration.confirmed',
          recipient: `stagiaire${n}@exemple.fr`,
          subject: `Inscription confirmée : Stagiaire n° ${n} — La pratique de l’Aller Vers les publics`,
          text: `Bonjour,\nl’inscription n° ${n} est confirmée. Convocation à suivre.`,
        },
        clock.now(),
      );
      ids.push(id ?? '');
    }
    const rows = () => test.database.db.selectFrom('outbox').select(['id', 'status', 'attempts', 'next_attempt_at', 'claimed_until', 'last_error', 'sent_at']).orderBy('id').execute();
    /** Runs the worker until it finds nothing due at the current instant, as its loop does. */
    const drainDue = async () => {
      const totals = { sent: 0, failed: 0 };
      for (;;) {
        const result = await worker.drainOnce();
        totals.sent += result.sent;
        totals.failed += result.failed;
        if (result.sent + result.failed + result.kept === 0) return totals;
      }
    };

    // The outage: connections refused on the SMTP port.
    await smtp.stop();
    const outageStart = clock.now().getTime();
    // Each row's tries: when, and the next attempt the worker scheduled.
    const tries = new Map<string, Array<{ at: number; next: number }>>(ids.map((id) => [id, []]));
    const recordTries = async () => {
      for (const row of await rows()) {
        const history = tries.get(row.id) ?? [];
        if (row.attempts > history.length) history.push({ at: clock.now().getTime(), next: Date.parse(row.next_attempt_at) });
        tries.set(row.id, history);
      }
    };
    const first = await drainDue();
    expect(first).toEqual({ sent: 0, failed: MAILS });
    await recordTries();
    while (clock.now().getTime() - outageStart < OUTAGE_MS) {
      clock.set(new Date(clock.now().getTime() + STEP_MS).toISOString());
      const during = await drainDue();
      expect(during.sent).toBe(0);
      await recordTries();
    }

    // Nothing went out, nothing was given up, every try is on record, none is claimed any more.
    expect(smtp.received).toEqual([]);
    const afterOutage = await rows();
    expect(afterOutage.filter((row) => row.status !== 'pending' || row.claimed_until !== null)).toEqual([]);
    expect(afterOutage.filter((row) => !/ECONNREFUSED/.test(row.last_error ?? ''))).toEqual([]);
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
    // Tried at 0, 30 s, 1 min 30, 3 min 30 and 7 min 30 (backoff 30 s doubling): 5 tries in 10 min.
    for (const id of ids) {
      const history = tries.get(id) ?? [];
      const row = afterOutage.find((candidate) => candidate.id === id);
      expect(history.length).toBe(row?.attempts);
      expect(history.length).toBe(5);
      expect(history.length).toBeLessThan(MAX_ATTEMPTS);
      const delays = history.map((entry) => entry.next - entry.at);
      expect(delays).toEqual(history.map((_, index) => retryDelayMs(index + 1)));
      expect(delays.every((delay, index) => index === 0 || delay > (delays[index - 1] ?? 0))).toBe(true);
      // Each try happened when the previous one said, not before (the clock moves in steps that land on them).
      expect(history.slice(1).map((entry) => entry.at)).toEqual(history.slice(0, -1).map((entry) => entry.next));
    }
    expect(logged.filter((entry) => entry.level === 'warn')).toHaveLength(5 * MAILS);

    // SMTP is back on the same port; the worker keeps running with the clock.
    await smtp.start();
    const restartedAt = clock.now().getTime();
    let sent = 0;
    while (sent < MAILS && clock.now().getTime() - restartedAt < AFTER_LIMIT_MS) {
      clock.set(new Date(clock.now().getTime() + STEP_MS).toISOString());
      sent += (await drainDue()).sent;
    }
    const deliveredAfterMs = clock.now().getTime() - restartedAt;
    // A few more rounds: nothing is sent twice.
    for (let round = 0; round < 4; round += 1) {
      clock.set(new Date(clock.now().getTime() + 10 * STEP_MS).toISOString());
      expect(await drainDue()).toEqual({ sent: 0, failed: 0 });
    }

    const final = await rows();
    expect(final.map((row) => row.status)).toEqual(final.map(() => 'sent'));
    expect(final.filter((row) => row.sent_at === null || Date.parse(row.sent_at) < restartedAt)).toEqual([]);
    const receipts = new Map<string, number>();
    for (const mail of smtp.received) {
      const messageId = mail.headers.get('message-id') ?? '';
      receipts.set(messageId, (receipts.get(messageId) ?? 0) + 1);
    }
    const expected = ids.map((id) => outboxMessageId(id, FROM));
    expect([...receipts.keys()].sort()).toEqual([...expected].sort());
    expect([...receipts.values()].filter((count) => count !== 1)).toEqual([]);
    expect(smtp.received).toHaveLength(MAILS);
    expect(new Set(smtp.received.map((mail) => mail.rcptTo.join(',')))).toEqual(new Set(Array.from({ length: MAILS }, (_, index) => `stagiaire${index + 1}@exemple.fr`)));
    console.info(`[${dialect}] SMTP coupé 10 min : ${5 * MAILS} essais refusés, ${MAILS} courriels remis ${deliveredAfterMs / 1000} s (horloge de test) après le retour du serveur, au prochain essai prévu`);
  });
});
