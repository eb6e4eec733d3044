/**
 * The baseline of the outbox part, in its own process like the app: nodemailer alone sending
 * bench mails one after the other (concurrency 1, as the worker), configured like the app's
 * transport (src/mail/mailTransport.ts: same timeouts, same header). Not pooled by default,
 * like the app: nodemailer then opens one SMTP connection per mail. With `pooled`, one
 * connection is kept and reused, to show what connection reuse would be worth.
 *
 * POST /send { smtpUrl, first, count, pooled, prefix } → { sent, failed, firstError, ms }.
 */
import Fastify from 'fastify';
import { createTransport } from 'nodemailer';
import { serveInChild } from '../support/serveInChild.js';
import { BENCH_MAIL_FROM, benchMail, directMessageId } from './mails.js';

const TIMEOUT_MS = 10_000;

interface SendBody {
  smtpUrl: string;
  first: number;
  count: number;
  pooled: boolean;
  prefix: string;
}

const app = Fastify({ logger: false });
app.post<{ Body: SendBody }>('/send', async (request) => {
  const { smtpUrl, first, count, pooled, prefix } = request.body;
  const transporter = createTransport({
    url: smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    ...(pooled ? { pool: true, maxConnections: 1, maxMessages: Number.POSITIVE_INFINITY } : {}),
  });
  let sent = 0;
  let failed = 0;
  let firstError: string | null = null;
  const started = performance.now();
  for (let index = first; index < first + count; index += 1) {
    const mail = benchMail(index);
    try {
      await transporter.sendMail({ from: BENCH_MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, messageId: directMessageId(prefix, index), headers: { 'Auto-Submitted': 'auto-generated' } });
      sent += 1;
    } catch (error) {
      failed += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  const ms = performance.now() - started;
  transporter.close();
  return { sent, failed, firstError, ms };
});
await serveInChild(app);
