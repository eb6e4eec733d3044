/**
 * A fair comparison on a shared machine: each side gets a warm-up, then the measured time is
 * cut into rounds taken in turn, A B then B A and so on, so that a drift of the machine's load
 * (other processes, a checkpoint) weighs on both sides alike (see bench/auth for the story).
 * Figures are pooled over the rounds: req/s = 2xx answers ÷ measured seconds, latencies are
 * exact nearest-rank percentiles over every 2xx answer.
 */
import { percentile } from '../support/autocannon.js';
import { measureDynamic, type DynamicTarget } from '../support/dynamicLoad.js';
import type { ServerProcess } from '../support/serverProcess.js';

export interface RoundOutcome {
  successes: number;
  answers: number;
  seconds: number;
  statuses: Record<string, number>;
  /** Connection errors and timeouts (HTTP), failed transactions (baseline loop). */
  errors: number;
}

export interface Side {
  key: string;
  name: string;
  round(seconds: number, samples: number[]): Promise<RoundOutcome>;
  /** CPU time of the serving process so far, µs (undefined: not measured). */
  cpuMicros?(): Promise<number>;
}

export interface Pooled {
  name: string;
  successes: number;
  answers: number;
  seconds: number;
  rps: number;
  rpsByRound: number[];
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  statuses: Record<string, number>;
  errors: number;
  /** CPU ms of the serving process per 2xx answer; null when not measured. */
  cpuMsPerRequest: number | null;
}

export async function compareInRounds(sides: Side[], options: { rounds: number; durationSeconds: number; warmupSeconds: number }, log: (message: string) => void): Promise<Map<string, Pooled>> {
  for (const side of sides) {
    if (options.warmupSeconds <= 0) break;
    log(`chauffe : ${side.name} (${options.warmupSeconds} s)`);
    await side.round(options.warmupSeconds, []);
  }
  const slice = options.durationSeconds / options.rounds;
  const sinks = new Map(sides.map((side) => [side.key, { samples: [] as number[], outcomes: [] as RoundOutcome[], cpuMs: 0, cpuKnown: side.cpuMicros !== undefined }]));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const sink = sinks.get(side.key);
      if (!sink) continue;
      log(`manche ${round + 1}/${options.rounds} : ${side.name} (${slice.toFixed(1)} s)`);
      const cpuBefore = (await side.cpuMicros?.()) ?? 0;
      sink.outcomes.push(await side.round(slice, sink.samples));
      const cpuAfter = (await side.cpuMicros?.()) ?? 0;
      sink.cpuMs += (cpuAfter - cpuBefore) / 1000;
    }
  }
  const pooled = new Map<string, Pooled>();
  for (const side of sides) {
    const sink = sinks.get(side.key);
    if (!sink) continue;
    const sorted = sink.samples.sort((a, b) => a - b);
    const successes = sink.outcomes.reduce((sum, outcome) => sum + outcome.successes, 0);
    const seconds = sink.outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
    const statuses: Record<string, number> = {};
    for (const outcome of sink.outcomes) for (const [status, count] of Object.entries(outcome.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    pooled.set(side.key, {
      name: side.name,
      successes,
      answers: sink.outcomes.reduce((sum, outcome) => sum + outcome.answers, 0),
      seconds,
      rps: seconds > 0 ? successes / seconds : 0,
      rpsByRound: sink.outcomes.map((outcome) => (outcome.seconds > 0 ? outcome.successes / outcome.seconds : 0)),
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 },
      statuses,
      errors: sink.outcomes.reduce((sum, outcome) => sum + outcome.errors, 0),
      cpuMsPerRequest: sink.cpuKnown && successes > 0 ? sink.cpuMs / successes : null,
    });
  }
  return pooled;
}

/** A side served over HTTP by a child process, loaded by autocannon with `connections`. */
export function httpSide(key: string, name: string, server: ServerProcess, target: Omit<DynamicTarget, 'name' | 'origin'>, connections: number): Side {
  return {
    key,
    name,
    async round(seconds, samples) {
      const result = await measureDynamic({ name, origin: server.origin, ...target }, { connections, durationSeconds: seconds }, { samples });
      return { successes: result.successes, answers: result.answers, seconds: result.durationSeconds, statuses: result.statuses, errors: result.errors + result.timeouts };
    },
    cpuMicros: async () => (await server.memory()).cpuMicros,
  };
}
