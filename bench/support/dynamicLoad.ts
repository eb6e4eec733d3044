/**
 * autocannon with a different request each time: every request asks `next()` for its method,
 * path, headers and body (a unique Idempotency-Key, another person to register…). The same
 * generator drives the app and its baseline, so that both sides pay the same client costs.
 *
 * autocannon's own request rate is the mean of its per-second samples; here req/s is the
 * number of 2xx answers of the measured run divided by its duration, and latencies are exact
 * nearest-rank percentiles over every 2xx answer (autocannon's `response` event, hrtime ms).
 * Answers are tallied by status code, and `onBody` sees every body (autocannon keeps the
 * bodies only when asked), e.g. to count confirmed and waitlisted outcomes.
 */
import autocannon from 'autocannon';
import { percentile } from './autocannon.js';

export interface DynamicRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface DynamicTarget {
  name: string;
  /** e.g. http://127.0.0.1:1234 */
  origin: string;
  next(): DynamicRequest;
  onBody?(statusCode: number, body: string): void;
}

export interface DynamicLoadResult {
  name: string;
  requestsPerSecond: number;
  /** Answers received during the measured run, whatever their status. */
  answers: number;
  /** 2xx answers: the ones req/s counts. */
  successes: number;
  durationSeconds: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** `samples`, when given, receives every 2xx response time (ms) too, to pool several runs. */
export async function measureDynamic(target: DynamicTarget, options: { connections: number; durationSeconds: number }, hooks: { samples?: number[] } = {}): Promise<DynamicLoadResult> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.origin,
        connections: options.connections,
        duration: options.durationSeconds,
        pipelining: 1,
        requests: [
          {
            setupRequest: (request) => {
              const next = target.next();
              return { ...request, method: next.method, path: next.path, headers: next.headers, ...(next.body === undefined ? {} : { body: next.body }) };
            },
            ...(target.onBody ? { onResponse: (status: number, body: string) => target.onBody?.(status, body) } : {}),
          },
        ],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
    });
  });
  // A loop, not push(...samples): a fast target yields more samples than a call may take arguments.
  if (hooks.samples) for (const sample of samples) hooks.samples.push(sample);
  samples.sort((a, b) => a - b);
  const answers = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    name: target.name,
    requestsPerSecond: result.duration > 0 ? samples.length / result.duration : 0,
    answers,
    successes: samples.length,
    durationSeconds: result.duration,
    latencyMs: {
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      max: samples[samples.length - 1] ?? 0,
      mean: samples.length === 0 ? 0 : samples.reduce((sum, value) => sum + value, 0) / samples.length,
    },
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
