/**
 * Sends the outbox (DESIGN.md §3). Each batch is claimed under a lease in a short transaction,
 * then sent outside of it: a slow SMTP server never holds a database lock. Every instance of
 * the app may run a worker; the lease keeps them from taking the same mail.
 */
import type { Database } from '../db/database.js';
import { OutboxRepository, type OutboxMessage } from '../db/repositories/outboxRepository.js';
import type { Clock } from '../domain/clock.js';
import type { AttachmentRenderer } from '../mail/attachments.js';
import { MailDeliveryError, outboxMessageId, type MailAttachment, type MailTransport } from '../mail/mailTransport.js';

/** Pino-compatible, so the app's logger fits as is. */
export interface OutboxLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxWorkerOptions {
  database: Database;
  clock: Clock;
  /** null: no SMTP configured, mails are kept in the database. */
  transport: MailTransport | null;
  from: string;
  /** Mails claimed at once (default 10). */
  batchSize?: number;
  /** How long a claim holds (default 5 min, at least 2 min so that a send fits in it). */
  leaseMs?: number;
  /** Pause between polls when the queue is empty (default 1 s). */
  pollMs?: number;
  logger?: OutboxLogger;
  /**
   * Renders the documents a mail carries (convocation PDF, .ics). Without it, a mail that
   * has attachments is not sent incomplete: each try fails until a worker that has it runs.
   */
  renderAttachment?: AttachmentRenderer;
}

export interface DrainResult {
  sent: number;
  kept: number;
  failed: number;
}

/**
 * Longest a single send may take (connection, greeting and socket timeouts of the transport):
 * a mail is not started unless the lease outlives it, or another worker could send it too.
 */
const SEND_BUDGET_MS = 60_000;

const consoleLogger: OutboxLogger = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

export class OutboxWorker {
  private readonly outbox: OutboxRepository;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly logger: OutboxLogger;
  private inFlight: Promise<DrainResult> | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.outbox = new OutboxRepository(options.database.db, options.database.dialect);
    this.batchSize = options.batchSize ?? 10;
    this.leaseMs = Math.max(options.leaseMs ?? 5 * 60_000, 2 * SEND_BUDGET_MS);
    this.pollMs = options.pollMs ?? 1000;
    this.logger = options.logger ?? consoleLogger;
  }

  /** One batch. A call while a batch is running joins it rather than starting a second one. */
  drainOnce(): Promise<DrainResult> {
    this.inFlight ??= this.drain().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Resolves once the running batch is over; mails it had not started are released at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        const result = await this.drainOnce();
        full = result.sent + result.kept + result.failed >= this.batchSize;
      } catch (error) {
        this.logger.error({ err: error }, 'Outbox : lecture de la file impossible');
      }
      // A full batch suggests more is waiting: go on without pausing.
      if (!full && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      // The HTTP server keeps the process alive; a forgotten worker alone must not.
      timer.unref();
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wake = null;
    });
  }

  private async drain(): Promise<DrainResult> {
    const { clock, transport } = this.options;
    const claimedAt = clock.now();
    const batch = await this.outbox.claimDue(this.batchSize, claimedAt, this.leaseMs);
    const sendBefore = claimedAt.getTime() + this.leaseMs - SEND_BUDGET_MS;
    const result: DrainResult = { sent: 0, kept: 0, failed: 0 };

    if (!transport) {
      // One write for the batch: without SMTP, keeping a mail is all there is to do.
      await this.outbox.markKept(batch.map((message) => message.id));
      return { ...result, kept: batch.length };
    }
    for (const [index, message] of batch.entries()) {
      if (this.stopping || clock.now().getTime() > sendBefore) {
        await this.outbox.release(batch.slice(index).map((rest) => rest.id));
        break;
      }
      const error = await this.send(transport, message);
      if (!error) {
        // Right after the send, before anything else can fail: the row must not go out twice.
        await this.outbox.markSent(message.id, clock.now());
        result.sent += 1;
        continue;
      }
      await this.recordFailure(message, error);
      result.failed += 1;
      if (error.serverUnavailable) {
        // The rest would wait for the same timeouts; they take their turn at the next retry.
        for (const rest of batch.slice(index + 1)) await this.recordFailure(rest, error);
        result.failed += batch.length - index - 1;
        break;
      }
    }
    return result;
  }

  private async send(transport: MailTransport, message: OutboxMessage): Promise<MailDeliveryError | null> {
    let attachments: MailAttachment[];
    try {
      attachments = await this.renderAttachments(message);
    } catch (error) {
      // A document that cannot be rendered is a failed try of this mail, never a crash of the batch.
      return error instanceof MailDeliveryError ? error : new MailDeliveryError(`ATTACHMENT: ${errorMessage(error)}`, false, false, { cause: error });
    }
    try {
      await transport.send({
        from: this.options.from,
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: outboxMessageId(message.id, this.options.from),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      return null;
    } catch (error) {
      return error instanceof MailDeliveryError ? error : new MailDeliveryError(String(error), false, false, { cause: error });
    }
  }

  /** Rendered at each try, so a retried mail shows the group as it is when it finally goes. */
  private async renderAttachments(message: OutboxMessage): Promise<MailAttachment[]> {
    if (message.attachments.length === 0) return [];
    const render = this.options.renderAttachment;
    if (!render) throw new Error('aucun moteur de rendu des pièces jointes n’est configuré');
    const rendered: MailAttachment[] = [];
    for (const spec of message.attachments) rendered.push(await render(spec));
    return rendered;
  }

  private async recordFailure(message: OutboxMessage, error: MailDeliveryError): Promise<void> {
    const status = await this.outbox.markFailed(message.id, error.message, this.options.clock.now(), error.permanent);
    const details = { outboxId: message.id, kind: message.kind, attempts: message.attempts + 1, error: error.message };
    if (status === 'failed') this.logger.error(details, 'Outbox : courriel abandonné');
    else this.logger.warn(details, 'Outbox : envoi échoué, nouvel essai plus tard');
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
