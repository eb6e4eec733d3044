/**
 * measure() of ./autocannon.ts, plus request headers (a Cookie for a signed-in visitor) and,
 * optionally, the raw response times (to pool several short runs). Same warm-up, same measured
 * run, same exact nearest-rank percentiles over the 2xx responses, same LoadResult, so results
 * of both helpers sit in one table.
 *
 * Kept apart from ./autocannon.ts only because that file had another owner when this one was
 * written: once LoadTarget there takes an optional `headers` and measure() a samples sink,
 * this file can go.
 */
import autocannon from 'autocannon';
import { percentile, type LoadOptions, type LoadResult, type LoadTarget } from './autocannon.js';

export interface HeaderLoadTarget extends LoadTarget {
  /** Sent with every request, e.g. { cookie: 'relais_session=…' }. */
  headers?: Record<string, string>;
}

export interface MeasureHooks {
  /** Receives every 2xx response time (ms) of the measured run too, to pool several runs. */
  samples?: number[];
}

export async function measureWithHeaders(target: HeaderLoadTarget, options: LoadOptions, hooks: MeasureHooks = {}): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(target, options.connections, options.warmupSeconds, undefined);
  const samples: number[] = [];
  const result = await run(target, options.connections, options.durationSeconds, samples);
  if (hooks.samples) for (const sample of samples) hooks.samples.push(sample);
  samples.sort((a, b) => a - b);
  return {
    name: target.name,
    url: target.url,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: {
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      max: samples[samples.length - 1] ?? 0,
      mean: samples.length === 0 ? 0 : samples.reduce((sum, value) => sum + value, 0) / samples.length,
    },
    autocannonLatencyMs: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

function run(target: HeaderLoadTarget, connections: number, seconds: number, samples: number[] | undefined): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: seconds,
        pipelining: 1,
        ...(target.headers ? { headers: target.headers } : {}),
        ...(target.paths ? { requests: target.paths.map((path) => ({ method: 'GET' as const, path })) } : {}),
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    if (samples) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
      });
    }
  });
}
