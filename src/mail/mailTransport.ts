/**
 * Sending one mail over SMTP. The outbox worker only sees MailTransport and MailDeliveryError,
 * so it can tell "retry later" from "this mail will never go" without knowing nodemailer.
 */
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  /** Defaults to the sender given to createSmtpTransport. */
  from?: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** A stable Message-ID lets receiving systems drop the copy of a mail sent again after an ambiguous failure. */
  messageId?: string;
  attachments?: MailAttachment[];
}

/** A file attached to a mail, already rendered (see src/mail/attachments.ts). */
export interface MailAttachment {
  filename: string;
  /** Full header value, e.g. "application/pdf" or "text/calendar; charset=utf-8; method=PUBLISH". */
  contentType: string;
  content: Buffer | string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

export class MailDeliveryError extends Error {
  constructor(
    message: string,
    /** The server refused this very mail for good (5xx on its envelope or content). */
    readonly permanent: boolean,
    /** The server could not be used at all (connection, timeout, TLS, login): other mails would fail too. */
    readonly serverUnavailable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

const TIMEOUT_MS = 10_000;

export function createSmtpTransport(url: URL, from: string): MailTransport {
  const transporter = createTransport({
    url: url.toString(),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          from: mail.from ?? from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.attachments && mail.attachments.length > 0
            ? { attachments: mail.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, content: attachment.content })) }
            : {}),
          // RFC 3834: out-of-office robots must not answer a notification.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

interface SmtpErrorShape {
  message?: unknown;
  code?: unknown;
  response?: unknown;
  permanent?: unknown;
}

/** Only a refusal of the envelope or the content is about the mail itself; the rest is about the server. */
export function toDeliveryError(error: unknown): MailDeliveryError {
  const shape: SmtpErrorShape = typeof error === 'object' && error !== null ? error : {};
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const aboutThisMail = code === 'EENVELOPE' || code === 'EMESSAGE';
  const detail = typeof shape.response === 'string' ? shape.response : String(shape.message ?? error);
  return new MailDeliveryError(`${code ?? 'ERROR'}: ${detail}`, aboutThisMail && shape.permanent === true, !aboutThisMail, { cause: error });
}

/** "<outbox id@sender domain>": the same on every try of the same outbox row. */
export function outboxMessageId(outboxId: string, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'relais.localhost';
  return `<${outboxId}@${domain}>`;
}
