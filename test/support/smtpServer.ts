/**
 * A real SMTP server on 127.0.0.1 for the tests: it records what it receives, can refuse
 * chosen recipients, and can be stopped and started again on the same port to play an outage.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  /** Decoded from the MIME encoding nodemailer applies to non-ASCII text. */
  subject: string;
  text: string;
  headers: Map<string, string>;
}

export interface TestSmtpServer {
  readonly url: URL;
  readonly received: ReceivedMail[];
  /** Recipients refused with a permanent 550. */
  readonly refused: Set<string>;
  /** The outage: connections are refused until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  let port = 0;
  let server: SMTPServer | null = null;

  const start = async () => {
    if (server) return;
    const instance = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A reverse DNS lookup per connection only slows the tests down.
      disableReverseLookup: true,
      closeTimeout: 200,
      onRcptTo(address, _session, callback) {
        if (!refused.has(address.address)) return callback();
        const error: SMTPServerError = new Error('Destinataire inconnu');
        error.responseCode = 550;
        callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw,
            ...parseMessage(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.listen(port, '127.0.0.1', () => resolve());
    });
    port = (instance.server.address() as AddressInfo).port;
    server = instance;
  };
  const stop = async () => {
    const instance = server;
    server = null;
    if (instance) await new Promise<void>((resolve) => instance.close(() => resolve()));
  };

  await start();
  return {
    url: new URL(`smtp://127.0.0.1:${port}`),
    received,
    refused,
    start,
    stop,
    close: stop,
  };
}

interface ParsedPart {
  headers: Map<string, string>;
  subject: string;
  text: string;
}

/** Just enough MIME to read back what nodemailer wrote: headers, and the text/plain part. */
export function parseMessage(raw: string): ParsedPart {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  const subject = decodeWords(headers.get('subject') ?? '');
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1).map((part) => parseMessage(part.replace(/^\r\n/, '')));
    const text = parts.find((part) => (part.headers.get('content-type') ?? '').startsWith('text/plain'))?.text ?? '';
    return { headers, subject, text };
  }
  return { headers, subject, text: decodeBody(body.replace(/\r\n$/, ''), headers.get('content-transfer-encoding')) };
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return quotedPrintable(body.replace(/=\r\n/g, '')).toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words; adjacent words are joined first, as a character may straddle two. */
export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/(?:=\?[^?]+\?[bq]\?[^?]*\?=)+/gi, (run) => {
    const bytes = [...run.matchAll(/=\?[^?]+\?([bq])\?([^?]*)\?=/gi)].map(([, encoding, data = '']) =>
      encoding?.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : quotedPrintable(data.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}
