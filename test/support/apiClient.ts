/**
 * A JSON client for the API of an app process (appProcess.ts) over real sockets, and a small
 * pool to keep many requests in flight. A request that gets no answer (refused, reset: the
 * instance died) resolves with status 0 instead of throwing, so a load test can count it.
 */
import { Agent, request } from 'node:http';

export interface ApiAnswer {
  /** 0: no HTTP answer at all; `error` says why. */
  status: number;
  body: unknown;
  error?: string;
}

export class ApiClient {
  private readonly agent: Agent;

  constructor(
    readonly origin: string,
    /** Sockets kept open to this instance: the requests beyond wait for one. */
    maxSockets = 100,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post(path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    return this.send('POST', path, token, headers, JSON.stringify(body));
  }

  get(path: string, token: string): Promise<ApiAnswer> {
    return this.send('GET', path, token, {}, undefined);
  }

  /** Drops the kept-alive sockets, e.g. before the instance stops or after it was killed. */
  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, token: string, headers: Record<string, string>, payload: string | undefined): Promise<ApiAnswer> {
    return new Promise<ApiAnswer>((resolve) => {
      const outgoing = request(
        new URL(path, this.origin),
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', (error) => resolve({ status: 0, body: null, error: error.message }));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text === '' ? null : JSON.parse(text);
            } catch {
              // Not JSON (an HTML error page, a proxy): kept as text for the failure message.
            }
            resolve({ status: incoming.statusCode ?? 0, body });
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, body: null, error: error.code ?? error.message }));
      outgoing.end(payload);
    });
  }
}

/** Runs `work` on every item with at most `concurrency` running at once; results in item order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
