/**
 * One load measurement with autocannon: a warm-up whose figures are thrown away, then the
 * measured run with the same connections. Latency percentiles are computed exactly from every
 * 2xx response of the measured run (autocannon's 'response' event gives each response time
 * from process.hrtime, in fractional milliseconds): autocannon's own histogram rounds to whole
 * milliseconds and offers p97.5 but no p95.
 */
import autocannon from 'autocannon';

export interface LoadTarget {
  name: string;
  /** Origin and path of the first request, e.g. http://127.0.0.1:1234/?q=x */
  url: string;
  /** Paths the connections cycle through instead of the url's path. */
  paths?: string[];
  /** Sent with every request, e.g. { cookie: 'relais_session=…' }. */
  headers?: Record<string, string>;
}

export interface MeasureHooks {
  /** Receives every 2xx response time (ms) of the measured run too, to pool several runs. */
  samples?: number[];
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  name: string;
  url: string;
  /** autocannon's requests/s (mean of the per-second samples). */
  requestsPerSecond: number;
  requests: number;
  durationSeconds: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** autocannon's own histogram percentiles (whole ms), kept for cross-checking. */
  autocannonLatencyMs: { p50: number; p90: number; p97_5: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
}

export async function measure(target: LoadTarget, options: LoadOptions, hooks: MeasureHooks = {}): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(target, options.connections, options.warmupSeconds, undefined);
  const samples: number[] = [];
  const result = await run(target, options.connections, options.durationSeconds, samples);
  // A loop, not push(...samples): a fast target yields more samples than a call may take arguments.
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

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

function run(target: LoadTarget, connections: number, seconds: number, samples: number[] | undefined): Promise<autocannon.Result> {
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
