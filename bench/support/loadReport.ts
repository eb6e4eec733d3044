/**
 * The load part of a benchmark report (registration, scale): one table row and one JSON
 * object per measured target, and the verdict wording.
 */
import type { Pooled } from '../registration/rounds.js';
import { fixed, round, type Cell } from './report.js';

export const failuresOf = (pooled: Pooled) => pooled.errors + pooled.answers - pooled.successes;

export const pass = (verdict: boolean | undefined) => (verdict === undefined ? '—' : verdict ? 'ATTEINT' : 'NON ATTEINT');

export const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ') || '—';

export const LOAD_COLUMNS = [
  { header: 'Cible', align: 'left' as const },
  { header: 'req/s' },
  { header: 'ratio' },
  { header: 'p50 ms' },
  { header: 'p95 ms' },
  { header: 'p99 ms' },
  { header: 'req/s par manche' },
  { header: 'CPU ms/req' },
  { header: 'err/non-2xx' },
  { header: 'réponses', align: 'left' as const },
];

export function loadRow(name: string, pooled: Pooled, ratio: string): Cell[] {
  return [
    name,
    fixed(pooled.rps, 0),
    ratio,
    fixed(pooled.latencyMs.p50, 2),
    fixed(pooled.latencyMs.p95, 2),
    fixed(pooled.latencyMs.p99, 2),
    pooled.rpsByRound.map((value) => fixed(value, 0)).join(' · '),
    pooled.cpuMsPerRequest === null ? '—' : fixed(pooled.cpuMsPerRequest, 3),
    `${pooled.errors}/${pooled.answers - pooled.successes}`,
    tally(pooled.statuses),
  ];
}

export const loadMetrics = (pooled: Pooled) => ({
  rps: round(pooled.rps, 1),
  p50_ms: round(pooled.latencyMs.p50, 3),
  p95_ms: round(pooled.latencyMs.p95, 3),
  p99_ms: round(pooled.latencyMs.p99, 3),
  max_ms: round(pooled.latencyMs.max, 3),
  requests: pooled.successes,
  failed: failuresOf(pooled),
  statuses: pooled.statuses,
  rps_by_round: pooled.rpsByRound.map((value) => round(value, 1)),
  cpu_ms_per_request: pooled.cpuMsPerRequest === null ? null : round(pooled.cpuMsPerRequest, 3),
});
