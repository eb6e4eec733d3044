/**
 * The mail outbox (DESIGN.md §3): a mail is a row written in the transaction of the change
 * that causes it, so it exists if and only if that change commits. Workers claim due rows
 * under a lease, send them after the claim committed, then record the outcome.
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { DialectName } from '../database.js';
import { newId } from '../ids.js';
import type { OutboxStatus, OutboxTable, Schema } from '../schema.js';
import { parseAttachments, serializeAttachments, type AttachmentSpec } from '../../mail/attachmentSpec.js';

export interface NewOutboxMail {
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Same key, same notification: a second enqueue is a no-op. */
  dedupeKey?: string | null;
  /** The funder whose admins may read it on « Courriels envoyés »; null: nobody but the recipient. */
  funderId?: string | null;
  /** Documents rendered when the mail is sent (convocation PDF, .ics). */
  attachments?: readonly AttachmentSpec[];
}

export interface OutboxMessage {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  claimedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  funderId: string | null;
  attachments: AttachmentSpec[];
}

/** After this many failed attempts (about 6 h of retries) the mail is left as 'failed'. */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
const MAX_ERROR_LENGTH = 1000;

/** Wait before the next try, `attempts` counting the one that just failed (1 → 30 s). */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export class OutboxRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
  ) {}

  /** Call it on the caller's transaction. Returns null when the dedupe key is already there. */
  async enqueue(mail: NewOutboxMail, now: Date): Promise<string | null> {
    const [id] = await this.enqueueMany([mail], now);
    return id ?? null;
  }

  /** Several mails in one statement (a convocation and its copy); returns the ids written. */
  async enqueueMany(mails: readonly NewOutboxMail[], now: Date): Promise<string[]> {
    if (mails.length === 0) return [];
    const at = now.toISOString();
    const rows = await this.db
      .insertInto('outbox')
      .values(
        mails.map((mail) => ({
          id: newId(),
          kind: mail.kind,
          dedupe_key: mail.dedupeKey ?? null,
          recipient: mail.recipient,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html ?? null,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: at,
          created_at: at,
          funder_id: mail.funderId ?? null,
          attachments: serializeAttachments(mail.attachments),
        })),
      )
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Takes up to `limit` due rows for `leaseMs`: no other worker takes them until the lease
   * ends, so a worker that dies mid-batch only delays its mails. Call it outside any transaction.
   */
  async claimDue(limit: number, now: Date, leaseMs: number): Promise<OutboxMessage[]> {
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const due = (db: Kysely<Schema>) =>
      db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', nowIso)
        .where(leaseFree(nowIso))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);

    let rows: Selectable<OutboxTable>[];
    if (this.dialect === 'postgres') {
      // SKIP LOCKED lets concurrent workers take disjoint batches instead of queueing on the
      // same rows; FOR UPDATE re-checks the lease on rows another worker just committed.
      rows = await this.db.transaction().execute(async (trx) => {
        const ids = (await due(trx).forUpdate().skipLocked().execute()).map((row) => row.id);
        if (ids.length === 0) return [];
        return trx.updateTable('outbox').set({ claimed_until: until }).where('id', 'in', ids).returningAll().execute();
      });
    } else {
      // One write statement: SQLite takes the write lock before it reads, so two connections
      // (or processes) cannot both see a row as free. A BEGIN…SELECT…UPDATE transaction would
      // read first and fail with SQLITE_BUSY_SNAPSHOT when another writer got in between.
      rows = await this.db
        .updateTable('outbox')
        .set({ claimed_until: until })
        .where('id', 'in', due(this.db))
        .where('status', '=', 'pending')
        .where(leaseFree(nowIso))
        .returningAll()
        .execute();
    }
    return rows.map(toMessage).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id.localeCompare(b.id));
  }

  /** Gives unsent claimed rows back at once, e.g. when the worker stops mid-batch. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('outbox').set({ claimed_until: null }).where('id', 'in', [...ids]).where('status', '=', 'pending').execute();
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.finish(id, { status: 'sent', sent_at: now.toISOString() });
  }

  /** No SMTP server configured: the mails stay readable in the database, for funder admins. */
  async markKept(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({ status: 'kept', claimed_until: null })
      .where('id', 'in', [...ids])
      .where('status', '=', 'pending')
      .execute();
  }

  /**
   * Records a failed try and schedules the next one with exponential backoff; a permanent
   * refusal, or the last allowed try, leaves the row 'failed'. Returns the row's new status.
   */
  async markFailed(id: string, error: string, now: Date, permanent = false): Promise<OutboxStatus | null> {
    const row = await this.db.selectFrom('outbox').select('attempts').where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (!row) return null;
    const attempts = row.attempts + 1;
    const status: OutboxStatus = permanent || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    const result = await this.db
      .updateTable('outbox')
      .set({
        status,
        attempts,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        claimed_until: null,
        last_error: error.slice(0, MAX_ERROR_LENGTH),
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      // Only the lease holder records a try; this guard keeps a stale one from counting twice.
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n ? status : null;
  }

  /** Newest first, for the « Courriels envoyés » page of one funder. */
  async listRecent(query: { funderId: string; limit: number; offset: number; recipient?: string }): Promise<{ items: OutboxMessage[]; total: number }> {
    const recipient = query.recipient?.trim().toLowerCase();
    const base = this.db
      .selectFrom('outbox')
      .where('funder_id', '=', query.funderId)
      .$if(recipient !== undefined && recipient !== '', (qb) => qb.where((eb) => eb(eb.fn('lower', ['recipient']), '=', recipient ?? '')));
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toMessage), total: Number(count.total) };
  }

  async findForFunder(id: string, funderId: string): Promise<OutboxMessage | undefined> {
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).where('funder_id', '=', funderId).executeTakeFirst();
    return row && toMessage(row);
  }

  /** For tests and operators: every mail to one address, oldest first. */
  async listForRecipient(recipient: string): Promise<OutboxMessage[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).orderBy('created_at').orderBy('id').execute();
    return rows.map(toMessage);
  }

  async countByStatus(funderId?: string): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .selectFrom('outbox')
      .$if(funderId !== undefined, (qb) => qb.where('funder_id', '=', funderId ?? ''))
      .select((eb) => ['status', eb.fn.countAll<number>().as('total')])
      .groupBy('status')
      .execute();
    const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, kept: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.total);
    return counts;
  }

  private async finish(id: string, values: { status: OutboxStatus; sent_at?: string }): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ ...values, claimed_until: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }
}

function leaseFree(nowIso: string) {
  return (eb: ExpressionBuilder<Schema, 'outbox'>) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]);
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    claimedUntil: row.claimed_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    funderId: row.funder_id,
    attachments: parseAttachments(row.attachments),
  };
}
