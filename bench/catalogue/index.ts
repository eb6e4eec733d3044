/**
 * Benchmark "catalogue": how fast the public catalogue pages are on a realistic offer, compared
 * with a bare Fastify route on the same machine in the same run.
 *
 * 1. A fresh, migrated SQLite database in a temporary folder receives a deterministic
 *    catalogue (10,000 published trainings, 30,000 groups); see writers.ts for how it is written.
 * 2. Two child processes listen on 127.0.0.1: the real app (buildApp, logger off) and a bare
 *    Fastify with one JSON route. autocannon runs here, in the parent: see
 *    ../support/serverProcess.ts for why the servers have their own processes.
 * 3. Each target, one after the other, gets a warm-up then a measured run with the same
 *    connections and duration: bare route, list page, search page, training pages.
 * 4. A table, then as the last line one JSON object with the metrics, ratios and targets.
 *
 * Options: --trainings=N --connections=N --duration=S --warmup=S --keep (keep the database)
 * --writer=repositories (write through the repositories instead of bulk statements, see writers.ts)
 * --tsx (run the servers under tsx instead of transpiled JavaScript, see ../support/compile.ts)
 * --cpu-prof=DIR (write a V8 CPU profile of the app process into DIR)
 * --strict (exit code 1 when a target is missed; by default a completed run exits 0 and the
 * JSON line's "met" tells, so that nothing — npm's error banner included — follows that line).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TrainingRepository } from '../../src/db/repositories/trainingRepository.js';
import { compileProject, type CompiledProject } from '../support/compile.js';
import { measure, type LoadOptions, type LoadResult, type LoadTarget } from '../support/autocannon.js';
import { fixed, formatTable, megabytes, printJsonLine, round } from '../support/report.js';
import { startServerProcess, type MemoryReport, type ServerProcess, type StartOptions } from '../support/serverProcess.js';
import { generateCatalogue } from './generateCatalogue.js';
import { bulkWriter, repositoryWriter, verifySearchDocuments } from './writers.js';

export const description = 'pages du catalogue (liste, recherche, fiche) comparées à une route Fastify nue';

const TARGETS = { each_page_ratio_min: 0.25, search_p95_ms_max: 20, rss_mb_max: 200 } as const;
const SEARCH_QUERY = 'aller vers';
const SEED = 'relais-bench-catalogue-v1';

interface Options extends LoadOptions {
  trainings: number;
  writer: 'bulk' | 'repositories';
  /** Run the servers under tsx instead of compiled JavaScript. */
  tsx: boolean;
  /** Folder for a V8 CPU profile of the app process (node --cpu-prof). */
  cpuProf: string | undefined;
  /** Exit 1 when a target is missed. */
  strict: boolean;
  keep: boolean;
}

export async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const log = (message: string) => process.stderr.write(`[catalogue] ${message}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-'));
  const filename = join(dir, 'relais.db');
  const servers: ServerProcess[] = [];
  let compiled: CompiledProject | undefined;
  try {
    // 1. Database and catalogue.
    const database = openDatabase({ kind: 'sqlite', url: `sqlite:${filename}`, filename });
    await migrateToLatest(database);
    log(`génération de ${options.trainings} formations (écriture : ${options.writer}) dans ${filename}…`);
    const started = performance.now();
    const now = new Date();
    const bulk = options.writer === 'bulk' ? bulkWriter(filename, now.toISOString(), SEED) : undefined;
    const generated = await generateCatalogue(
      database,
      bulk ?? repositoryWriter(database, now.toISOString()),
      { trainings: options.trainings, groupsPerTraining: 3, batchSize: 500, seed: SEED, now },
      (done) => {
        if (done % 2000 === 0 || done === options.trainings) log(`  ${done} / ${options.trainings} (${fixed((performance.now() - started) / 1000)} s)`);
      },
    );
    bulk?.close();
    // The bulk writer's search documents must be those the application would write.
    if (bulk) await verifySearchDocuments(database, generated.funderId, generated.sampleSourceKeys);
    const generationSeconds = (performance.now() - started) / 1000;
    const trainings = new TrainingRepository(database.db);
    const slugs: string[] = [];
    for (const key of generated.sampleSourceKeys) {
      const id = await trainings.findIdBySourceKey(generated.funderId, key);
      if (id) slugs.push(await trainings.slugOf(id));
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
    await database.close();
    log(`catalogue prêt en ${fixed(generationSeconds)} s : ${generated.trainings} formations, ${generated.groups} groupes.`);

    // 2. Servers, each in its own process, running plain JavaScript like production (see compile.ts).
    compiled = options.tsx ? undefined : compileProject();
    const entry = (source: URL) => (compiled ? compiled.urlOf(source) : source);
    const startOptions: StartOptions = compiled ? { execArgv: [] } : {};
    if (compiled) log(`${compiled.files} modules transpilés en JavaScript dans ${compiled.root}`);
    const bare = await startServerProcess('route nue', entry(new URL('../support/bareServer.ts', import.meta.url)), [], startOptions);
    servers.push(bare);
    const appOptions = options.cpuProf ? { execArgv: [...(startOptions.execArgv ?? process.execArgv), '--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] } : startOptions;
    const app = await startServerProcess('application', entry(new URL('./appServer.ts', import.meta.url)), [filename], appOptions);
    servers.push(app);
    const searchPath = `/?q=${encodeURIComponent(SEARCH_QUERY).replace(/%20/g, '+')}`;
    const targets: Record<'bare' | 'list' | 'search' | 'training', LoadTarget> = {
      bare: { name: 'Route nue (JSON)', url: `${bare.origin}/` },
      list: { name: 'Liste GET /', url: `${app.origin}/` },
      search: { name: `Recherche GET ${searchPath}`, url: `${app.origin}${searchPath}` },
      training: {
        name: `Fiche GET /formations/… (${slugs.length} fiches)`,
        url: `${app.origin}/formations/${slugs[0] ?? ''}`,
        paths: slugs.map((slug) => `/formations/${slug}`),
      },
    };
    const appAtStart = await app.memory();
    const searchResults = await checkTargets(targets);
    log(`recherche « ${SEARCH_QUERY} » : ${searchResults} formations trouvées (${generated.allerVersTrainings} contiennent « aller vers »).`);

    // 3. Measurements, one target at a time.
    const results = {} as Record<keyof typeof targets, LoadResult>;
    const serverMemory = {} as Record<keyof typeof targets, MemoryReport>;
    /** Server CPU time per request (user + system of the server process): unlike requests/s, not skewed by other processes on the machine. */
    const cpuMsPerRequest = {} as Record<keyof typeof targets, number>;
    const loadBefore = loadavg()[0] ?? 0;
    for (const key of Object.keys(targets) as Array<keyof typeof targets>) {
      const server = key === 'bare' ? bare : app;
      log(`mesure : ${targets[key].name} (${options.warmupSeconds} s de chauffe + ${options.durationSeconds} s, ${options.connections} connexions)`);
      if (options.warmupSeconds > 0) await measure(targets[key], { ...options, durationSeconds: options.warmupSeconds, warmupSeconds: 0 });
      const before = await server.memory(true);
      results[key] = await measure(targets[key], { ...options, warmupSeconds: 0 });
      serverMemory[key] = await server.memory(true);
      cpuMsPerRequest[key] = (serverMemory[key].cpuMicros - before.cpuMicros) / 1000 / Math.max(1, results[key].requests);
    }
    const loadAfter = loadavg()[0] ?? 0;
    const appFinal = await app.memory();
    const bareFinal = await bare.memory();

    // 4. Report.
    const ratio = (key: 'list' | 'search' | 'training') => results[key].requestsPerSecond / results.bare.requestsPerSecond;
    const ratios = { list_vs_bare: round(ratio('list'), 3), search_vs_bare: round(ratio('search'), 3), training_vs_bare: round(ratio('training'), 3) };
    const appPeakMb = megabytes(appFinal.peakRssBytes);
    const failures = Object.values(results).reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
    const met =
      Object.values(ratios).every((value) => value >= TARGETS.each_page_ratio_min) &&
      results.search.latencyMs.p95 < TARGETS.search_p95_ms_max &&
      appPeakMb < TARGETS.rss_mb_max &&
      failures === 0;

    const rows = (Object.keys(targets) as Array<keyof typeof targets>).map((key) => {
      const r = results[key];
      const memory = serverMemory[key].windowPeakRssBytes;
      return [
        r.name,
        fixed(r.requestsPerSecond, 0),
        key === 'bare' ? '1.000' : fixed(ratio(key), 3),
        fixed(r.latencyMs.p50, 2),
        fixed(r.latencyMs.p95, 2),
        fixed(r.latencyMs.p99, 2),
        fixed(r.autocannonLatencyMs.p97_5, 0),
        `${r.errors}/${r.timeouts}/${r.non2xx}`,
        fixed(cpuMsPerRequest[key], 3),
        fixed(r.bytesPerResponse / 1024, 1),
        fixed(megabytes(memory), 1),
      ];
    });
    const lines = [
      '',
      `Banc d’essai « catalogue » — ${generated.trainings} formations publiées, ${generated.groups} groupes, générés en ${fixed(generationSeconds)} s (écriture : ${options.writer})`,
      `autocannon : ${options.connections} connexions, ${options.warmupSeconds} s de chauffe puis ${options.durationSeconds} s par cible, cibles mesurées l’une après l’autre ; serveurs dans leurs propres processus (${options.tsx ? 'node --import tsx' : 'JavaScript transpilé, node sans tsx'}).`,
      `Latences : percentiles exacts (rang le plus proche) sur toutes les réponses 2xx de la mesure (temps hrtime d’autocannon) ; « ac p97,5 » = histogramme d’autocannon.`,
      `Recherche « ${SEARCH_QUERY} » : ${searchResults} résultats. RSS : échantillonné toutes les 100 ms dans le processus serveur (pic pendant la mesure de la cible). CPU ms/rép. : temps CPU du processus serveur pendant la mesure ÷ réponses.`,
      `Charge de la machine (loadavg 1 min, ${cpus().length} cœurs) : ${fixed(loadBefore, 2)} avant les mesures, ${fixed(loadAfter, 2)} après — au-delà de ~1, d’autres processus ont pris du CPU et les req/s en souffrent.`,
      '',
      formatTable(
        [
          { header: 'Cible', align: 'left' },
          { header: 'req/s' },
          { header: 'ratio' },
          { header: 'p50 ms' },
          { header: 'p95 ms' },
          { header: 'p99 ms' },
          { header: 'ac p97,5' },
          { header: 'err/timeout/non-2xx' },
          { header: 'CPU ms/rép.' },
          { header: 'Kio/rép.' },
          { header: 'RSS pic Mo' },
        ],
        rows,
      ),
      '',
      `Application : RSS au démarrage ${fixed(megabytes(appAtStart.rssBytes))} Mo, pic ${fixed(appPeakMb)} Mo sur toute la durée (ru_maxrss ${fixed(megabytes(appFinal.maxRssBytes))} Mo), finale ${fixed(megabytes(appFinal.rssBytes))} Mo, tas V8 ${fixed(megabytes(appFinal.heapUsedBytes))} / ${fixed(megabytes(appFinal.heapTotalBytes))} Mo, external ${fixed(megabytes(appFinal.externalBytes))} Mo.`,
      `Objectifs : chaque page ≥ ${TARGETS.each_page_ratio_min} × route nue, p95 recherche < ${TARGETS.search_p95_ms_max} ms, RSS < ${TARGETS.rss_mb_max} Mo, 0 erreur → ${met ? 'ATTEINTS' : 'NON ATTEINTS'}`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');

    const metricsOf = (r: LoadResult) => ({
      rps: round(r.requestsPerSecond, 1),
      p50_ms: round(r.latencyMs.p50, 3),
      p95_ms: round(r.latencyMs.p95, 3),
      p99_ms: round(r.latencyMs.p99, 3),
      requests: r.requests,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      bytes_per_response: r.bytesPerResponse,
    });
    const withCpu = (key: keyof typeof targets) => ({ ...metricsOf(results[key]), server_cpu_ms_per_request: round(cpuMsPerRequest[key], 3) });
    printJsonLine({
      bench: 'catalogue',
      metrics: {
        bare: withCpu('bare'),
        list: withCpu('list'),
        search: { ...withCpu('search'), results: searchResults },
        training: { ...withCpu('training'), slugs: slugs.length },
        app_rss_start_mb: round(megabytes(appAtStart.rssBytes), 1),
        app_rss_peak_mb: round(appPeakMb, 1),
        app_maxrss_mb: round(megabytes(appFinal.maxRssBytes), 1),
        bare_rss_peak_mb: round(megabytes(bareFinal.peakRssBytes), 1),
        trainings: generated.trainings,
        groups: generated.groups,
        generation_s: round(generationSeconds, 1),
        writer: options.writer,
        server_runtime: options.tsx ? 'node --import tsx' : 'node (sources transpiled to JavaScript)',
        load_avg_1m: [round(loadBefore, 2), round(loadAfter, 2)],
        cpus: cpus().length,
        connections: options.connections,
        duration_s: options.durationSeconds,
        warmup_s: options.warmupSeconds,
        latency_method: 'exact nearest-rank percentiles over every 2xx response time of the measured run (autocannon response event, hrtime)',
        rss_method: 'process.memoryUsage.rss() sampled every 100 ms in the app child process, peak over its lifetime',
      },
      ratios,
      targets: TARGETS,
      met,
    });
    return met || !options.strict ? 0 : 1;
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    compiled?.cleanup();
    if (options.keep) log(`base conservée : ${filename}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** One request per target before measuring: status 200 everywhere, and the search count. */
async function checkTargets(targets: Record<string, LoadTarget>): Promise<number> {
  let searchResults = -1;
  for (const [key, target] of Object.entries(targets)) {
    const origin = new URL(target.url).origin;
    for (const url of target.paths ? target.paths.map((path) => origin + path) : [target.url]) {
      const response = await fetch(url);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${target.name} : ${url} répond ${response.status}`);
      if (key === 'search') {
        const match = /(\d+) formations?\b/.exec(body);
        searchResults = match ? Number(match[1]) : 0;
      }
    }
  }
  return searchResults;
}

function writerOf(raw: string): Options['writer'] {
  if (raw === 'bulk' || raw === 'repositories') return raw;
  throw new Error(`--writer doit valoir bulk ou repositories (reçu « ${raw} »)`);
}

function parseOptions(args: string[]): Options {
  const values = new Map<string, string>();
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`Option inconnue : ${arg}`);
    values.set(match[1], match[2] ?? 'true');
  }
  const number = (name: string, fallback: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} doit être un nombre positif (reçu « ${raw} »)`);
    return value;
  };
  for (const name of values.keys()) {
    if (!['trainings', 'connections', 'duration', 'warmup', 'keep', 'writer', 'tsx', 'cpu-prof', 'strict'].includes(name)) throw new Error(`Option inconnue : --${name}`);
  }
  return {
    trainings: Math.trunc(number('trainings', 10_000)),
    connections: Math.trunc(number('connections', 10)),
    durationSeconds: number('duration', 10),
    warmupSeconds: number('warmup', 2),
    writer: writerOf(values.get('writer') ?? 'bulk'),
    tsx: values.has('tsx'),
    cpuProf: values.get('cpu-prof'),
    strict: values.has('strict'),
    keep: values.has('keep'),
  };
}
