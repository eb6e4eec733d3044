/**
 * Benchmark "registration": taking a seat, end to end, against bare baselines measured in the
 * same run (DESIGN.md §5). Three parts, each in its own fresh database:
 *
 * (a) SQLite — `POST /api/v1/sessions/{id}/registrations` (bearer token, unique
 *     Idempotency-Key, one new person per request, groups large enough that every request is
 *     confirmed) against a bare Fastify route doing BEGIN IMMEDIATE / count / insert / COMMIT
 *     with better-sqlite3 on a copy of the same database (sqliteScenario.ts). Target ≥ 0.5.
 * (b) PostgreSQL — when RELAIS_BENCH_PG_URL or RELAIS_TEST_PG_URL is set: one hot group, the
 *     app (PG_POOL_SIZE = --pool) over HTTP against a raw `pg` loop of the seat recipe with
 *     the same concurrency and pool (postgresScenario.ts), in a database relais_bench_<pid>
 *     dropped afterwards. Target ≥ 0.6.
 * (c) The rush — 1,000 employers at once into 3 groups of 15 seats: time until every answer
 *     and every mail row is in, no overbooking, no failure (rushScenario.ts). Target < 1 s.
 *
 * The app runs as src/main.ts composes it (outbox worker without SMTP: mails kept; registration
 * jobs) in a child process running transpiled JavaScript; the baselines' HTTP server too. The
 * load (autocannon, the same per-request generator for both sides: requests.ts) runs here.
 * Before each load, --profile registrations (20) are traced statement by statement (queryProfile.ts).
 *
 * Options: --only=sqlite,postgres,rush --duration=S (measured seconds per side, default 10)
 * --rounds=N (alternating rounds, default 2) --warmup=S (default 2) --connections=N (default 10)
 * --pool=N (PostgreSQL pool of the app and of the baseline, default 10) --groups=N (SQLite
 * groups, default 20) --capacity=N (seats per group, default 1,000,000: every request confirmed)
 * --trainees=N (SQLite people, default 40,000) --pg-trainees=N (default 20,000)
 * --employers=N (rush, default 1,000) --profile=N (traced registrations, 0: none)
 * --no-workers (app without outbox worker and jobs, to compare) --cpu-prof=DIR (V8 profiles of
 * the app processes) --tsx --keep (keep the SQLite files) --strict (exit 1 when a target is
 * missed; by default a completed run exits 0 and the JSON line's "met" tells).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { postgresAdminUrl } from '../support/postgresDatabase.js';
import { printJsonLine, round } from '../support/report.js';
import { createLauncher } from './launcher.js';
import { parseOptions } from './options.js';
import { runPostgresScenario } from './postgresScenario.js';
import { metricsOf, printTables, ratiosOf, TARGETS, verdictsOf, type Results } from './report.js';
import { runRushScenario } from './rushScenario.js';
import { runSqliteScenario } from './sqliteScenario.js';

export const description = 'inscription par l’API (SQLite, PostgreSQL groupe chaud, ruée de 1 000 établissements) comparée à des transactions nues';

const DEFAULT_PG_URL_NOTE = 'définissez RELAIS_BENCH_PG_URL (ou RELAIS_TEST_PG_URL), par ex. postgres://postgres@127.0.0.1:5432/test';

export async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const log = (message: string) => process.stderr.write(`[registration] ${message}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-registration-'));
  const launcher = createLauncher(options, log);
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const results: Results = {};
  try {
    if (options.parts.includes('sqlite')) results.sqlite = await runSqliteScenario(options, launcher, dir, log);
    if (options.parts.includes('postgres')) {
      const adminUrl = postgresAdminUrl();
      if (adminUrl) results.postgres = await runPostgresScenario(options, adminUrl, launcher, log);
      else results.postgresSkipped = `aucune URL PostgreSQL : ${DEFAULT_PG_URL_NOTE}`;
    }
    if (options.parts.includes('rush')) results.rush = await runRushScenario(options, launcher, dir, log);
  } finally {
    await launcher.stopAll();
    launcher.cleanup();
    if (options.keep) log(`bases SQLite conservées dans ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0] ?? 0;
  const cores = availableParallelism();
  const seconds = (performance.now() - started) / 1000;
  const verdicts = verdictsOf(results);
  printTables(
    results,
    {
      header: [
        `Banc d’essai « registration » — ${seconds.toFixed(0)} s ; serveurs dans leurs propres processus (${launcher.runtime}) ; application avec worker d’outbox (sans SMTP : courriels gardés) et tâches d’inscription ${options.workers ? 'actifs, comme en production' : 'ARRÊTÉS (--no-workers)'}.`,
        `Charge : autocannon, ${options.connections} connexions, ${options.warmupSeconds} s de chauffe par côté puis ${options.durationSeconds} s mesurées par côté en ${options.rounds} manche(s) alternées ; chaque requête a sa clé d’idempotence et sa personne.`,
        `req/s = réponses 2xx ÷ secondes mesurées ; latences : percentiles exacts sur toutes les réponses 2xx ; CPU ms/req : temps CPU du processus serveur ÷ réponses 2xx (— : la boucle pg brut tourne dans le processus de mesure).`,
        `Machine : ${cores} cœurs, charge moyenne (1 min) ${loadBefore.toFixed(2)} avant, ${loadAfter.toFixed(2)} après${Math.max(loadBefore, loadAfter) > cores ? ' — plus que de cœurs : d’autres processus se partageaient le processeur, les débits en souffrent' : ''}.`,
      ],
    },
    verdicts,
  );
  printJsonLine({
    bench: 'registration',
    metrics: metricsOf(results, {
      connections: options.connections,
      pg_pool_size: options.poolSize,
      duration_s: options.durationSeconds,
      rounds: options.rounds,
      warmup_s: options.warmupSeconds,
      workers: options.workers,
      server_runtime: launcher.runtime,
      load_average_1m: { before: round(loadBefore, 2), after: round(loadAfter, 2), cores },
      total_s: round(seconds, 1),
    }),
    ratios: ratiosOf(results),
    targets: TARGETS,
    met: verdicts.met,
  });
  return verdicts.met || !options.strict ? 0 : 1;
}
