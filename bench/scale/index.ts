/**
 * Benchmark "scale": does a second app instance on the same PostgreSQL database keep the data
 * right and the throughput up, and how fast does the outbox drain? Two parts, each in its own
 * database relais_bench_<pid>… created from RELAIS_BENCH_PG_URL (else RELAIS_TEST_PG_URL) and
 * dropped afterwards; without either, nothing is measured and the JSON line says why.
 *
 * (1) Registration throughput with 1 instance and with 2 (registrationScale.ts): the same
 *     total number of autocannon connections, split across both; many groups; alternating
 *     rounds; the database checked afterwards. Target: 2 instances ≥ 0.9 × 1 instance (on a
 *     2-core machine the point is that the second instance costs neither correctness nor
 *     throughput), 0 overbooking, 0 duplicate, 0 failed request.
 * (2) Outbox drain rate (outboxDrain.ts): the app's OutboxWorker against nodemailer sending
 *     the same mails in a loop, both to a local SMTP server, concurrency 1. Reported, no target
 *     but correctness (each mail received once, every row sent).
 *
 * App instances run as src/main.ts composes them (appServer.ts), in child processes running
 * transpiled JavaScript (../registration/launcher.ts); the load and the SMTP server run here.
 *
 * Options: --only=registration,outbox --duration=S (measured seconds per side, default 14)
 * --rounds=N (default 4: short alternating rounds weigh a drift of the machine's load on both
 * sides alike) --warmup=S (default 2) --connections=N (total, default 10) --pool=N
 * (PG_POOL_SIZE of each instance, default 10) --groups=N (default 40) --capacity=N (seats per
 * group, default 15) --trainees=N (default 15,000) --mails=N (mails per measured round,
 * default 1,000) --mail-rounds=N (default 3) --tsx --strict (exit 1 when a target is missed;
 * by default a completed run exits 0 and the JSON line's "met" tells).
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { postgresAdminUrl } from '../support/postgresDatabase.js';
import { printJsonLine, round } from '../support/report.js';
import { createLauncher } from '../registration/launcher.js';
import { parseOptions } from './options.js';
import { runOutboxDrain } from './outboxDrain.js';
import { runRegistrationScale } from './registrationScale.js';
import { metricsOf, printTables, ratiosOf, TARGETS, verdictsOf, type Results } from './report.js';

export const description = 'inscriptions avec 1 puis 2 instances sur la même base PostgreSQL, et vidage de l’outbox comparé à nodemailer seul';

export async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const log = (message: string) => process.stderr.write(`[scale] ${message}\n`);
  const launcher = createLauncher({ tsx: options.tsx, cpuProf: undefined }, log);
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const results: Results = {};
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) {
    results.skipped = 'aucune URL PostgreSQL : définissez RELAIS_BENCH_PG_URL (ou RELAIS_TEST_PG_URL), par ex. postgres://postgres@127.0.0.1:5432/test';
    log(results.skipped);
  } else {
    try {
      if (options.parts.includes('registration')) results.registration = await runRegistrationScale(options, adminUrl, launcher, log);
      if (options.parts.includes('outbox')) results.outbox = await runOutboxDrain(options, adminUrl, launcher, log);
    } finally {
      await launcher.stopAll();
      launcher.cleanup();
    }
  }
  const loadAfter = loadavg()[0] ?? 0;
  const cores = availableParallelism();
  const seconds = (performance.now() - started) / 1000;
  const verdicts = verdictsOf(results);
  printTables(
    results,
    [
      `Banc d’essai « scale » — ${seconds.toFixed(0)} s ; instances de l’application dans leurs propres processus (${launcher.runtime}), chacune avec son worker d’outbox et ses tâches d’inscription, PG_POOL_SIZE=${options.poolSize} chacune.`,
      `Inscriptions : autocannon, ${options.connections} connexions au total, ${options.warmupSeconds} s de chauffe par côté puis ${options.durationSeconds} s mesurées par côté en ${options.rounds} manche(s) alternées ; req/s = réponses 2xx ÷ secondes mesurées ; latences : percentiles exacts sur toutes les réponses 2xx ; CPU ms/req : temps CPU des instances ÷ réponses 2xx.`,
      `Machine : ${cores} cœurs, charge moyenne (1 min) ${loadBefore.toFixed(2)} avant, ${loadAfter.toFixed(2)} après${Math.max(loadBefore, loadAfter) > cores ? ' — plus que de cœurs : d’autres processus se partageaient le processeur, les débits en souffrent' : ''}.`,
    ],
    verdicts,
    options.connections,
  );
  printJsonLine({
    bench: 'scale',
    metrics: metricsOf(results, {
      connections: options.connections,
      pg_pool_size_per_instance: options.poolSize,
      duration_s: options.durationSeconds,
      rounds: options.rounds,
      warmup_s: options.warmupSeconds,
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
