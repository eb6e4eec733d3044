/**
 * A burst: every request sent at once, each on its own fresh connection, like as many
 * different clients hitting the server in the same instant (autocannon keeps a fixed number
 * of connections busy instead, which measures a sustained rate, not a rush).
 * Times are performance.now() milliseconds of this process.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface BurstRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface BurstAnswer {
  /** 0 when the request failed without an answer (see error). */
  statusCode: number;
  body: string;
  sentAtMs: number;
  answeredAtMs: number;
  latencyMs: number;
  error?: string;
}

export interface BurstResult {
  answers: BurstAnswer[];
  startedAtMs: number;
  /** When the last request was handed to the socket layer: the client's own dispatch time. */
  dispatchedAtMs: number;
  lastAnswerAtMs: number;
}

export async function burst(origin: string, requests: readonly BurstRequest[], onAnswer: (answer: BurstAnswer, index: number) => void = () => {}): Promise<BurstResult> {
  const url = new URL(origin);
  // No keep-alive and no socket limit: one connection per request, all opened at once.
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const answers: BurstAnswer[] = new Array<BurstAnswer>(requests.length);
  const startedAtMs = performance.now();
  let lastAnswerAtMs = startedAtMs;
  const pending = requests.map(
    (request, index) =>
      new Promise<void>((resolve) => {
        const sentAtMs = performance.now();
        const finish = (statusCode: number, body: string, error?: string) => {
          const answeredAtMs = performance.now();
          lastAnswerAtMs = Math.max(lastAnswerAtMs, answeredAtMs);
          const answer: BurstAnswer = { statusCode, body, sentAtMs, answeredAtMs, latencyMs: answeredAtMs - sentAtMs, ...(error === undefined ? {} : { error }) };
          answers[index] = answer;
          onAnswer(answer, index);
          resolve();
        };
        const outgoing = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: request.method,
            path: request.path,
            // A length rather than chunked encoding, as most clients send a JSON body.
            headers: request.body === undefined ? request.headers : { 'content-length': String(Buffer.byteLength(request.body)), ...request.headers },
            agent,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => finish(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
            response.on('error', (error) => finish(0, '', error.message));
          },
        );
        outgoing.on('error', (error) => finish(0, '', error.message));
        outgoing.end(request.body);
      }),
  );
  const dispatchedAtMs = performance.now();
  await Promise.all(pending);
  agent.destroy();
  return { answers, startedAtMs, dispatchedAtMs, lastAnswerAtMs };
}
