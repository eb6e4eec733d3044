/**
 * The SMTP server both senders of the outbox part write to, in the benchmark's own process,
 * noting when each mail's DATA ended and its Message-ID: the drain rate is read here, at the
 * receiving end, the same way for both senders.
 *
 * A minimal server written for the benchmark rather than smtp-server (the tests' choice):
 * smtp-server waits 100 ms before its 220 greeting on every connection, to catch clients that
 * talk too soon. With nodemailer opening one connection per mail, that pause alone would cap
 * both senders at about 10 mails per second and hide every other cost. This one greets at
 * once and understands what nodemailer sends to a server that offers no extension: EHLO/HELO,
 * MAIL, RCPT, DATA (dot-stuffed, ended by « . »), RSET, NOOP, QUIT.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SinkWindow {
  /** performance.now() of the first and last mail received since reset(). */
  firstMs: number;
  lastMs: number;
  messageIds: string[];
}

export interface SmtpSink {
  readonly url: string;
  /** Starts counting afresh. */
  reset(): void;
  /** Resolves once `count` mails arrived since reset(), or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<SinkWindow>;
  close(): Promise<void>;
}

const END_OF_DATA = '\r\n.\r\n';

export async function startSmtpSink(): Promise<SmtpSink> {
  let window: SinkWindow = { firstMs: 0, lastMs: 0, messageIds: [] };
  let waiter: { count: number; resolve: (window: SinkWindow) => void } | null = null;
  const sockets = new Set<Socket>();

  const received = (message: string) => {
    const at = performance.now();
    const end = message.indexOf('\r\n\r\n');
    const messageId = /^message-id:\s*(\S+)/im.exec(end === -1 ? message : message.slice(0, end))?.[1] ?? '';
    if (window.messageIds.length === 0) window.firstMs = at;
    window.lastMs = at;
    window.messageIds.push(messageId);
    if (waiter && window.messageIds.length >= waiter.count) {
      const done = waiter;
      waiter = null;
      done.resolve(window);
    }
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    // latin1 keeps one character per byte: the protocol is ASCII, the message is only scanned.
    socket.setEncoding('latin1');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          // A message that is empty but for the final dot starts with it.
          const end = buffer.startsWith('.\r\n') ? 0 : buffer.indexOf(END_OF_DATA);
          if (end === -1) return;
          const message = end === 0 ? '' : buffer.slice(0, end);
          buffer = buffer.slice(end === 0 ? 3 : end + END_OF_DATA.length);
          inData = false;
          received(message.replace(/\r\n\.\./g, '\r\n.').replace(/^\.\./, '.'));
          socket.write('250 2.0.0 Ok: queued\r\n');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 relais-bench\r\n');
        else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') socket.write('250 2.0.0 Ok\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 Bye\r\n');
          return;
        } else socket.write('502 5.5.2 Command not implemented\r\n');
      }
    });
    socket.write('220 relais-bench ESMTP\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    reset() {
      window = { firstMs: 0, lastMs: 0, messageIds: [] };
    },
    waitFor(count, timeoutMs) {
      if (window.messageIds.length >= count) return Promise.resolve(window);
      return new Promise<SinkWindow>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = null;
          reject(new Error(`serveur SMTP : ${window.messageIds.length} courriels reçus sur ${count} attendus après ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiter = {
          count,
          resolve: (done) => {
            clearTimeout(timer);
            resolve(done);
          },
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
