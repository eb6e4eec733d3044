import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { MAX_ATTEMPTS, OutboxRepository, retryDelayMs, type NewOutboxMail } from '../../src/db/repositories/outboxRepository.js';
import { OutboxWorker, type OutboxLogger } from '../../src/jobs/outboxWorker.js';
import { createSmtpTransport, type MailTransport } from '../../src/mail/mailTransport.js';
import { fixedClock } from '../support/clock.js';
import { buildFunder } from '../support/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtpServer.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const START = '2026-11-25T10:00:00.000Z';
const FROM = 'Relais <ne-pas-repondre@relais.test>';
const silent: OutboxLogger = { warn: () => {}, error: () => {} };

function mail(n: number, extra: Partial<NewOutboxMail> = {}): NewOutboxMail {
  return {
    kind: 'registration_confirmed',
    recipient: `stagiaire${n}@exemple.fr`,
    subject: `Inscription n° ${n} confirmée à « Aller vers » — séance du 3 décembre`,
    text: `Bonjour Hélène,\nvotre inscription n° ${n} est confirmée. À bientôt !`,
    ...extra,
  };
}

describe.each(TEST_DIALECTS)('mail outbox on %s', (dialect) => {
  const clock = fixedClock(START);
  let test: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let outbox: OutboxRepository;
  const worker = (overrides: { database?: Database; transport?: MailTransport | null; batchSize?: number; pollMs?: number } = {}) =>
    new OutboxWorker({ database: test.database, clock, transport, from: FROM, logger: silent, ...overrides });
  const enqueueAll = async (mails: NewOutboxMail[]) => {
    for (const each of mails) await outbox.enqueue(each, clock.now());
  };
  const rows = () => test.database.db.selectFrom('outbox').selectAll().orderBy('recipient').execute();

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    transport = createSmtpTransport(smtp.url, FROM);
    outbox = new OutboxRepository(test.database.db, dialect);
  });
  afterEach(async () => {
    await smtp.start();
    smtp.received.length = 0;
    smtp.refused.clear();
    clock.set(START);
    await test.database.db.deleteFrom('outbox').execute();
  });
  afterAll(async () => {
    await smtp?.close();
    await test?.cleanup();
  });

  it('writes a mail only if the transaction that enqueues it commits', async () => {
    const rollback = test.database.db.transaction().execute(async (trx) => {
      await new OutboxRepository(trx, dialect).enqueue(mail(1), clock.now());
      throw new Error('the change fails');
    });
    await expect(rollback).rejects.toThrow('the change fails');
    expect(await rows()).toEqual([]);

    const id = await test.database.db.transaction().execute((trx) => new OutboxRepository(trx, dialect).enqueue(mail(2, { html: '<p>Bonjour</p>' }), clock.now()));
    expect(await rows()).toEqual([
      expect.objectContaining({ id, status: 'pending', attempts: 0, next_attempt_at: START, claimed_until: null, html_body: '<p>Bonjour</p>', sent_at: null }),
    ]);
  });

  it('enqueues a mail with a dedupe key once', async () => {
    const first = await outbox.enqueue(mail(1, { dedupeKey: 'reminder:session-1:trainee-1' }), clock.now());
    const again = await test.database.db.transaction().execute((trx) => new OutboxRepository(trx, dialect).enqueue(mail(1, { dedupeKey: 'reminder:session-1:trainee-1' }), clock.now()));
    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
    await outbox.enqueue(mail(2), clock.now());
    await outbox.enqueue(mail(3), clock.now());
    expect((await rows()).map((row) => row.dedupe_key)).toEqual(['reminder:session-1:trainee-1', null, null]);
  });

  it('delivers pending mails over SMTP, in UTF-8, and marks them sent', async () => {
    await enqueueAll([mail(1), mail(2, { html: '<p>Votre inscription est <strong>confirmée</strong>.</p>' })]);
    expect(await worker().drainOnce()).toEqual({ sent: 2, kept: 0, failed: 0 });

    const byRecipient = new Map(smtp.received.map((received) => [received.rcptTo.join(','), received]));
    expect(byRecipient.size).toBe(2);
    for (const n of [1, 2]) {
      const received = byRecipient.get(`stagiaire${n}@exemple.fr`);
      expect(received?.mailFrom).toBe('ne-pas-repondre@relais.test');
      expect(received?.subject).toBe(mail(n).subject);
      expect(received?.text.trim()).toBe(mail(n).text.replace(/\n/g, '\r\n'));
      expect(received?.headers.get('auto-submitted')).toBe('auto-generated');
    }
    const sent = await rows();
    expect(sent.map((row) => [row.status, row.sent_at, row.claimed_until])).toEqual([
      ['sent', START, null],
      ['sent', START, null],
    ]);
    expect(byRecipient.get('stagiaire1@exemple.fr')?.headers.get('message-id')).toBe(`<${sent[0]?.id}@relais.test>`);
    expect(await worker().drainOnce()).toEqual({ sent: 0, kept: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('lets concurrent claims take disjoint rows, and retakes a row only when its lease ended', async () => {
    await enqueueAll(Array.from({ length: 6 }, (_, n) => mail(n)));
    const other = openDatabase(parseDatabaseUrl(test.url), { poolSize: 2 });
    try {
      const otherOutbox = new OutboxRepository(other.db, dialect);
      const claims = await Promise.all([outbox.claimDue(4, clock.now(), 60_000), otherOutbox.claimDue(4, clock.now(), 60_000), outbox.claimDue(4, clock.now(), 60_000)]);
      const ids = claims.flat().map((row) => row.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);

      clock.set('2026-11-25T10:00:59.000Z');
      expect(await otherOutbox.claimDue(10, clock.now(), 60_000)).toEqual([]);
      clock.set('2026-11-25T10:01:01.000Z');
      expect(await otherOutbox.claimDue(10, clock.now(), 60_000)).toHaveLength(6);
    } finally {
      await other.close();
    }
  });

  it('sends each mail exactly once when several workers drain together', async () => {
    const total = 24;
    await enqueueAll(Array.from({ length: total }, (_, n) => mail(n)));
    // A second handle is what another app instance (or process) would have.
    const other = openDatabase(parseDatabaseUrl(test.url), { poolSize: 3 });
    try {
      const workers = [worker({ batchSize: 3 }), worker({ batchSize: 3 }), worker({ database: other, batchSize: 3 }), worker({ database: other, batchSize: 3 })];
      const sentBy = await Promise.all(
        workers.map(async (each) => {
          let sent = 0;
          for (;;) {
            const result = await each.drainOnce();
            expect(result.failed).toBe(0);
            if (result.sent === 0) return sent;
            sent += result.sent;
          }
        }),
      );
      expect(sentBy.reduce((sum, sent) => sum + sent, 0)).toBe(total);
      expect(sentBy.filter((sent) => sent > 0).length).toBeGreaterThan(1);
    } finally {
      await other.close();
    }
    const receipts = smtp.received.map((received) => received.rcptTo.join(','));
    expect(receipts).toHaveLength(total);
    expect(new Set(receipts).size).toBe(total);
    expect((await rows()).every((row) => row.status === 'sent')).toBe(true);
  });

  it('keeps mails pending through an SMTP outage and sends them once the server is back', async () => {
    await enqueueAll([mail(1), mail(2), mail(3)]);
    await smtp.stop();
    expect(await worker().drainOnce()).toEqual({ sent: 0, kept: 0, failed: 3 });
    const retryAt = new Date(Date.parse(START) + retryDelayMs(1)).toISOString();
    expect(retryAt).toBe('2026-11-25T10:00:30.000Z');
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: retryAt, claimed_until: null, sent_at: null });
      expect(row.last_error).toMatch(/ESOCKET|ECONNECTION/);
    }

    await smtp.start();
    expect(await worker().drainOnce()).toEqual({ sent: 0, kept: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);

    clock.set('2026-11-25T10:00:31.000Z');
    const workers = [worker(), worker()];
    const results = await Promise.all(workers.map((each) => each.drainOnce()));
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(3);
    expect(await worker().drainOnce()).toEqual({ sent: 0, kept: 0, failed: 0 });
    expect(smtp.received.map((received) => received.rcptTo.join(',')).sort()).toEqual(['stagiaire1@exemple.fr', 'stagiaire2@exemple.fr', 'stagiaire3@exemple.fr']);
    expect((await rows()).map((row) => [row.status, row.attempts, row.sent_at])).toEqual([
      ['sent', 1, '2026-11-25T10:00:31.000Z'],
      ['sent', 1, '2026-11-25T10:00:31.000Z'],
      ['sent', 1, '2026-11-25T10:00:31.000Z'],
    ]);
  });

  it('gives up at once on a recipient the server refuses for good, and still sends the others', async () => {
    smtp.refused.add('stagiaire2@exemple.fr');
    await enqueueAll([mail(1), mail(2), mail(3)]);
    expect(await worker().drainOnce()).toEqual({ sent: 2, kept: 0, failed: 1 });
    const refused = (await rows()).find((row) => row.recipient === 'stagiaire2@exemple.fr');
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, claimed_until: null });
    expect(refused?.last_error).toMatch(/550/);
    expect(smtp.received).toHaveLength(2);
  });

  it('backs off exponentially and marks the mail failed after the last attempt', async () => {
    const id = (await outbox.enqueue(mail(1), clock.now())) ?? '';
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const [claimed] = await outbox.claimDue(1, clock.now(), 60_000);
      expect(claimed?.id).toBe(id);
      const status = await outbox.markFailed(id, 'ETIMEDOUT: délai dépassé', clock.now());
      expect(status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
      const row = await test.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      delays.push(Date.parse(row.next_attempt_at) - clock.now().getTime());
      clock.set(row.next_attempt_at);
    }
    expect(delays.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...delays)).toBe(3_600_000);
    expect(await outbox.claimDue(1, new Date('2027-01-01T00:00:00Z'), 60_000)).toEqual([]);
    expect(await outbox.markFailed(id, 'again', clock.now())).toBeNull();
  });

  it('keeps mails in the database when no SMTP server is configured', async () => {
    await enqueueAll([mail(1), mail(2)]);
    expect(await worker({ transport: null }).drainOnce()).toEqual({ sent: 0, kept: 2, failed: 0 });
    expect((await rows()).map((row) => row.status)).toEqual(['kept', 'kept']);
    expect(smtp.received).toHaveLength(0);
  });

  it('polls in the background and stops gracefully', async () => {
    const background = worker({ pollMs: 20 });
    background.start();
    await enqueueAll([mail(1), mail(2)]);
    await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBe(2);
    await background.stop();
    await outbox.enqueue(mail(3), clock.now());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smtp.received).toHaveLength(2);
    expect((await rows()).map((row) => row.status)).toEqual(['sent', 'sent', 'pending']);
  });

  it('lists recent mails of one funder for the admin page and counts them by status', async () => {
    const { id: funderId } = await buildFunder(test.database);
    const { id: otherFunderId } = await buildFunder(test.database);
    await enqueueAll([mail(1, { funderId }), mail(2, { funderId }), mail(9, { funderId: otherFunderId })]);
    clock.set('2026-11-25T11:00:00.000Z');
    await outbox.enqueue(mail(3, { funderId }), clock.now());
    await worker({ transport: null, batchSize: 1 }).drainOnce();

    const page = await outbox.listRecent({ funderId, limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.recipient)).toEqual(['stagiaire3@exemple.fr', 'stagiaire2@exemple.fr']);
    const filtered = await outbox.listRecent({ funderId, limit: 10, offset: 0, recipient: 'Stagiaire1@Exemple.fr' });
    expect(filtered).toMatchObject({ total: 1, items: [{ recipient: 'stagiaire1@exemple.fr', subject: mail(1).subject }] });
    expect((await outbox.listRecent({ funderId: otherFunderId, limit: 10, offset: 0 })).items.map((item) => item.recipient)).toEqual(['stagiaire9@exemple.fr']);
    expect(await outbox.countByStatus(funderId)).toEqual({ pending: 2, sent: 0, kept: 1, failed: 0 });
    const first = page.items[0];
    expect(first && (await outbox.findForFunder(first.id, funderId))?.recipient).toBe('stagiaire3@exemple.fr');
    expect(first && (await outbox.findForFunder(first.id, otherFunderId))).toBeUndefined();
  });
});
