/**
 * Benchmark "auth": what being signed in costs on a page. The catalogue page GET / served to
 * an anonymous visitor, then to a signed-in one (session cookie → session, user and
 * memberships SELECTs, a CSRF token for the header's logout form, a larger header).
 *
 * 1. A fresh, migrated SQLite database in a temporary folder receives the demo data
 *    (seedDemoIfEmpty: the demo funder, two trainings, one account per role).
 * 2. The real app (buildApp, logger off) listens on 127.0.0.1 in its own process, running
 *    transpiled JavaScript like production; autocannon runs here (see ../support/serverProcess.ts).
 * 3. One sign-in as admin@opco.example, as a browser does it: GET /connexion for the CSRF cookie
 *    and the `_csrf` field, POST /connexion (form-urlencoded), relais_session from Set-Cookie.
 *    The signed-in requests carry both cookies, relais_session and relais_csrf, like a browser
 *    (--without-csrf-cookie sends the session cookie alone: a new CSRF secret and a Set-Cookie
 *    on every response).
 * 4. Targets: GET / anonymous, GET / signed in, and (for information, no target) GET /mon-compte
 *    signed in. Each gets a warm-up, then the same measured time with the same connections, one
 *    target at a time. The measured time is cut into rounds (5 × 2 s by default) taken in turn,
 *    A B C then C B A and so on: on a shared machine the other processes' load changes from one
 *    ten seconds to the next, and a ratio of two runs taken 12 s apart measured that change as
 *    much as the app (runs of this very benchmark, one target after the other, gave 0.55 to 1.23).
 *    Interleaving spreads the drift over both targets; --rounds=1 gives plain consecutive runs.
 *    Besides autocannon's figures, the app process's CPU time per request (process.cpuUsage() reported by the app process).
 * 5. A table, then as the last line one JSON object with the metrics, ratio and target.
 *
 * Options: --connections=N --duration=S (measured seconds per target, all rounds together)
 * --warmup=S --rounds=N --no-account (skip /mon-compte) --without-csrf-cookie
 * --catalogue-cache=S (CATALOGUE_CACHE_SECONDS of the app; default 0: anonymous catalogue pages
 * are then rendered like signed-in ones, so the ratio measures what the session adds — the
 * target's point — and not the anonymous page cache, which signed-in pages never use)
 * --tsx (servers under tsx) --cpu-prof=DIR (V8 CPU profile of the app process) --keep (keep the
 * database). Exit code 0 when the target is met, 1 otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demoAccounts.js';
import { seedDemoIfEmpty } from '../../src/demo/seedDemo.js';
import { systemClock } from '../../src/domain/clock.js';
import { measure, percentile, type LoadOptions, type LoadTarget } from '../support/autocannon.js';
import { compileProject, type CompiledProject } from '../support/compile.js';
import { fixed, formatTable, megabytes, printJsonLine, round } from '../support/report.js';
import { startServerProcess, type ServerProcess, type StartOptions } from '../support/serverProcess.js';
import { signIn } from './signIn.js';

export const description = 'coût d’une session : catalogue GET / anonyme et connecté (admin démo), et /mon-compte';

const TARGETS = { authenticated_vs_anonymous_min: 0.8 } as const;
const ACCOUNT_EMAIL = 'admin@opco.example';
const ACCOUNT_NAME = DEMO_ACCOUNTS.find((account) => account.email === ACCOUNT_EMAIL)?.displayName ?? ACCOUNT_EMAIL;

interface Options extends LoadOptions {
  rounds: number;
  /** Passed to the app as CATALOGUE_CACHE_SECONDS; undefined: the app's default. */
  catalogueCache: string | undefined;
  account: boolean;
  withCsrfCookie: boolean;
  tsx: boolean;
  cpuProf: string | undefined;
  keep: boolean;
}

type TargetKey = 'anonymous' | 'authenticated' | 'account';

/** One target's figures, pooled over its rounds. */
interface Pooled {
  name: string;
  requests: number;
  seconds: number;
  /** requests ÷ measured seconds, all rounds together. */
  rps: number;
  rpsByRound: number[];
  latencyMs: { p50: number; p95: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
  /** CPU time (user + system) of the app process during the measured runs ÷ requests. */
  cpuUsPerRequest: number | null;
}

export async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const log = (message: string) => process.stderr.write(`[auth] ${message}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-auth-'));
  const filename = join(dir, 'relais.db');
  let server: ServerProcess | undefined;
  let compiled: CompiledProject | undefined;
  try {
    // 1. Database with the demo data and accounts.
    const database = openDatabase({ kind: 'sqlite', url: `sqlite:${filename}`, filename });
    await migrateToLatest(database);
    const seed = await seedDemoIfEmpty(database, systemClock);
    if (!seed.accounts.some((account) => account.email === ACCOUNT_EMAIL)) throw new Error(`Le compte de démonstration ${ACCOUNT_EMAIL} n’a pas été créé`);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
    await database.close();
    log(`démo prête dans ${filename} : ${seed.trainings.length} formations, ${seed.accounts.length} comptes.`);

    // 2. The app in its own process, plain JavaScript (see ../support/compile.ts).
    compiled = options.tsx ? undefined : compileProject();
    const entry = new URL('./appServer.ts', import.meta.url);
    const startOptions: StartOptions = compiled ? { execArgv: [] } : {};
    const execArgv = options.cpuProf ? [...(startOptions.execArgv ?? process.execArgv), '--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : startOptions.execArgv;
    server = await startServerProcess('application', compiled ? compiled.urlOf(entry) : entry, options.catalogueCache === undefined ? [filename] : [filename, options.catalogueCache], execArgv ? { execArgv } : {});
    const app = server;

    // 3. Sign in once.
    const cookies = await signIn(app.origin, ACCOUNT_EMAIL, DEMO_PASSWORD);
    const cookieHeader = options.withCsrfCookie ? `relais_session=${cookies.session}; relais_csrf=${cookies.csrfSecret}` : `relais_session=${cookies.session}`;
    log(`connecté·e en tant que ${ACCOUNT_EMAIL} (${ACCOUNT_NAME}).`);

    const targets: Record<TargetKey, LoadTarget> = {
      anonymous: { name: 'GET / anonyme', url: `${app.origin}/` },
      authenticated: { name: 'GET / connecté·e', url: `${app.origin}/`, headers: { cookie: cookieHeader } },
      account: { name: 'GET /mon-compte connecté·e (info)', url: `${app.origin}/mon-compte`, headers: { cookie: cookieHeader } },
    };
    const keys: TargetKey[] = options.account ? ['anonymous', 'authenticated', 'account'] : ['anonymous', 'authenticated'];
    const checks = await checkTargets(targets, keys, options.withCsrfCookie);

    // 4. Warm-up of every target, then the measured rounds.
    for (const key of keys) {
      log(`chauffe : ${targets[key].name} (${options.warmupSeconds} s, ${options.connections} connexions)`);
      await measure(targets[key], { ...options, durationSeconds: options.warmupSeconds, warmupSeconds: 0 });
    }
    const slice = options.durationSeconds / options.rounds;
    const raw = Object.fromEntries(
      keys.map((key) => [key, { samples: [] as number[], requests: 0, seconds: 0, errors: 0, timeouts: 0, non2xx: 0, bytes: 0, cpuMs: 0 as number | null, rpsByRound: [] as number[] }]),
    ) as Record<TargetKey, { samples: number[]; requests: number; seconds: number; errors: number; timeouts: number; non2xx: number; bytes: number; cpuMs: number | null; rpsByRound: number[] }>;
    const loadBefore = loadavg()[0] ?? 0;
    log(`mesure : ${options.rounds} manche(s) de ${fixed(slice, 1)} s par cible, ${options.connections} connexions`);
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      // A B C, then C B A: a steady drift of the machine's load weighs on every target alike.
      const order = roundIndex % 2 === 0 ? keys : [...keys].reverse();
      for (const key of order) {
        const cpuAtStart = (await app.memory()).cpuMicros / 1000;
        const sink = raw[key];
        const result = await measure(targets[key], { connections: options.connections, durationSeconds: slice, warmupSeconds: 0 }, { samples: sink.samples });
        const cpuAtEnd = (await app.memory()).cpuMicros / 1000;
        sink.cpuMs = (sink.cpuMs ?? 0) + (cpuAtEnd - cpuAtStart);
        sink.requests += result.requests;
        sink.seconds += result.durationSeconds;
        sink.errors += result.errors;
        sink.timeouts += result.timeouts;
        sink.non2xx += result.non2xx;
        sink.bytes += result.bytesPerResponse * result.requests;
        sink.rpsByRound.push(result.durationSeconds > 0 ? result.requests / result.durationSeconds : 0);
      }
    }
    const loadAfter = loadavg()[0] ?? 0;
    const cores = availableParallelism();
    const memory = await app.memory();

    const results = {} as Record<TargetKey, Pooled>;
    for (const key of keys) {
      const r = raw[key];
      const sorted = r.samples.sort((a, b) => a - b);
      results[key] = {
        name: targets[key].name,
        requests: r.requests,
        seconds: r.seconds,
        rps: r.seconds > 0 ? r.requests / r.seconds : 0,
        rpsByRound: r.rpsByRound,
        latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p97_5: percentile(sorted, 97.5), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 },
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        bytesPerResponse: r.requests > 0 ? Math.round(r.bytes / r.requests) : 0,
        cpuUsPerRequest: r.cpuMs !== null && r.requests > 0 ? (r.cpuMs * 1000) / r.requests : null,
      };
    }

    // 5. Report.
    const ratioOf = (key: TargetKey) => results[key].rps / results.anonymous.rps;
    const ratio = ratioOf('authenticated');
    const ratioByRound = results.authenticated.rpsByRound.map((rps, index) => rps / (results.anonymous.rpsByRound[index] ?? Number.NaN));
    const cpuAnonymous = results.anonymous.cpuUsPerRequest;
    const cpuAuthenticated = results.authenticated.cpuUsPerRequest;
    const cpuRatio = cpuAnonymous !== null && cpuAuthenticated !== null && cpuAuthenticated > 0 ? cpuAnonymous / cpuAuthenticated : null;
    const busy = Math.max(loadBefore, loadAfter) > cores;
    const failures = keys.reduce((sum, key) => sum + results[key].errors + results[key].timeouts + results[key].non2xx, 0);
    const met = ratio >= TARGETS.authenticated_vs_anonymous_min && failures === 0;
    const rows = keys.map((key) => {
      const r = results[key];
      return [
        r.name,
        fixed(r.rps, 0),
        fixed(ratioOf(key), 3),
        fixed(r.latencyMs.p50, 2),
        fixed(r.latencyMs.p95, 2),
        fixed(r.latencyMs.p97_5, 2),
        fixed(r.latencyMs.p99, 2),
        `${r.errors}/${r.timeouts}/${r.non2xx}`,
        fixed(r.bytesPerResponse / 1024, 1),
        r.cpuUsPerRequest === null ? '—' : fixed(r.cpuUsPerRequest, 0),
      ];
    });
    const lines = [
      '',
      `Banc d’essai « auth » — base de démonstration (${seed.trainings.length} formations), session de ${ACCOUNT_EMAIL}`,
      `autocannon : ${options.connections} connexions ; ${options.warmupSeconds} s de chauffe par cible, puis ${options.durationSeconds} s mesurées par cible en ${options.rounds} manche(s) de ${fixed(slice, 1)} s, une cible à la fois, ordre alterné (A B C, C B A…) ; application dans son propre processus (${options.tsx ? 'node --import tsx' : 'JavaScript transpilé, node sans tsx'}).`,
      `Cache des pages anonymes du catalogue : CATALOGUE_CACHE_SECONDS=${options.catalogueCache ?? '(défaut de l’application)'}.`,
      `Cookies des requêtes connectées : ${options.withCsrfCookie ? 'relais_session + relais_csrf (comme un navigateur)' : 'relais_session seul (nouveau secret CSRF et Set-Cookie à chaque réponse)'}.`,
      `req/s = requêtes ÷ secondes mesurées, toutes manches ; ratio = req/s ÷ req/s de GET / anonyme. Latences en ms : p50, p95, p97,5 et p99 exacts (rang le plus proche) sur toutes les réponses 2xx mesurées.`,
      `µs CPU/req : temps CPU (user+system, process.cpuUsage()) du processus de l’application pendant les mesures ÷ requêtes servies.`,
      '',
      formatTable(
        [
          { header: 'Cible', align: 'left' },
          { header: 'req/s' },
          { header: 'ratio' },
          { header: 'p50 ms' },
          { header: 'p95 ms' },
          { header: 'p97,5 ms' },
          { header: 'p99 ms' },
          { header: 'err/timeout/non-2xx' },
          { header: 'Kio/rép.' },
          { header: 'µs CPU/req' },
        ],
        rows,
      ),
      '',
      `Ratio connecté·e / anonyme par manche : ${ratioByRound.map((value) => fixed(value, 2)).join(' · ')}.`,
      `Coût CPU : GET / connecté·e ${cpuRatio === null ? '—' : `${fixed(cpuAuthenticated ?? 0, 0)} µs contre ${fixed(cpuAnonymous ?? 0, 0)} µs anonyme par requête, soit un ratio de débit attendu de ${fixed(cpuRatio, 3)} quand le serveur sature son cœur`}.`,
      `Machine : ${cores} cœurs, charge moyenne (1 min) ${fixed(loadBefore, 2)} avant et ${fixed(loadAfter, 2)} après les mesures${busy ? ' — plus que de cœurs : d’autres processus se partageaient le processeur ; req/s et latences en souffrent, le coût CPU par requête moins' : ''}.`,
      `Application : RSS finale ${fixed(megabytes(memory.rssBytes))} Mo, pic ${fixed(megabytes(memory.peakRssBytes))} Mo. Réponse connectée : ${checks.authenticatedSetsCookie ? 'avec' : 'sans'} Set-Cookie.`,
      `Objectif : GET / connecté·e ≥ ${TARGETS.authenticated_vs_anonymous_min} × GET / anonyme (req/s), 0 erreur → ${met ? 'ATTEINT' : 'NON ATTEINT'} (ratio ${fixed(ratio, 3)}, ${failures} échec(s))`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');

    const metricsOf = (r: Pooled) => ({
      rps: round(r.rps, 1),
      p50_ms: round(r.latencyMs.p50, 3),
      p95_ms: round(r.latencyMs.p95, 3),
      p97_5_ms: round(r.latencyMs.p97_5, 3),
      p99_ms: round(r.latencyMs.p99, 3),
      max_ms: round(r.latencyMs.max, 3),
      requests: r.requests,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      bytes_per_response: r.bytesPerResponse,
      cpu_us_per_request: r.cpuUsPerRequest === null ? null : round(r.cpuUsPerRequest, 1),
      rps_by_round: r.rpsByRound.map((value) => round(value, 1)),
    });
    printJsonLine({
      bench: 'auth',
      metrics: {
        anonymous: metricsOf(results.anonymous),
        authenticated: metricsOf(results.authenticated),
        ...(options.account ? { account: { ...metricsOf(results.account), vs_anonymous: round(ratioOf('account'), 3) } } : {}),
        authenticated_vs_anonymous_by_round: ratioByRound.map((value) => round(value, 3)),
        authenticated_vs_anonymous_by_cpu: cpuRatio === null ? null : round(cpuRatio, 3),
        authenticated_sets_cookie: checks.authenticatedSetsCookie,
        cookies: options.withCsrfCookie ? 'relais_session+relais_csrf' : 'relais_session',
        catalogue_cache_seconds: options.catalogueCache ?? 'app default',
        load_average_1m: { before: round(loadBefore, 2), after: round(loadAfter, 2), cores },
        app_rss_peak_mb: round(megabytes(memory.peakRssBytes), 1),
        server_runtime: options.tsx ? 'node --import tsx' : 'node (sources transpiled to JavaScript)',
        connections: options.connections,
        duration_s: options.durationSeconds,
        rounds: options.rounds,
        warmup_s: options.warmupSeconds,
        latency_method: 'exact nearest-rank percentiles over every 2xx response time of the measured rounds (autocannon response event, hrtime)',
        cpu_method: 'process.cpuUsage() (user+system) reported by the app process around each measured round, divided by the requests served',
      },
      ratios: { authenticated_vs_anonymous: round(ratio, 3) },
      targets: TARGETS,
      met,
    });
    return met ? 0 : 1;
  } finally {
    await server?.stop().catch(() => undefined);
    compiled?.cleanup();
    if (options.keep) log(`base conservée : ${filename}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One request per target before measuring: status 200, the anonymous page shows the login
 * link, the signed-in pages show the person and the logout form with its CSRF token.
 */
async function checkTargets(targets: Record<TargetKey, LoadTarget>, keys: TargetKey[], withCsrfCookie: boolean): Promise<{ authenticatedSetsCookie: boolean }> {
  let authenticatedSetsCookie = false;
  for (const key of keys) {
    const target = targets[key];
    const response = await fetch(target.url, { headers: target.headers ?? {}, redirect: 'manual' });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${target.name} : ${target.url} répond ${response.status}`);
    const signedIn = body.includes('action="/deconnexion"') && body.includes(ACCOUNT_NAME);
    if (key === 'anonymous' && (signedIn || !body.includes('href="/connexion"'))) throw new Error(`${target.name} : la page devrait être celle d’un visiteur anonyme`);
    if (key !== 'anonymous') {
      if (!signedIn || !/name="_csrf"/.test(body)) throw new Error(`${target.name} : la page devrait montrer la personne connectée et le formulaire de déconnexion`);
      const setsCookie = response.headers.getSetCookie().length > 0;
      if (key === 'authenticated') authenticatedSetsCookie = setsCookie;
      // With the CSRF cookie, the secret is reused: a Set-Cookie here would mean it is regenerated.
      if (withCsrfCookie && setsCookie) throw new Error(`${target.name} : Set-Cookie inattendu (${response.headers.getSetCookie().join(' ; ')})`);
    }
  }
  return { authenticatedSetsCookie };
}

function parseOptions(args: string[]): Options {
  const values = new Map<string, string>();
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`Option inconnue : ${arg}`);
    values.set(match[1], match[2] ?? 'true');
  }
  for (const name of values.keys()) {
    if (!['connections', 'duration', 'warmup', 'rounds', 'catalogue-cache', 'no-account', 'without-csrf-cookie', 'tsx', 'cpu-prof', 'keep'].includes(name)) throw new Error(`Option inconnue : --${name}`);
  }
  const number = (name: string, fallback: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} doit être un nombre positif (reçu « ${raw} »)`);
    return value;
  };
  const durationSeconds = number('duration', 10);
  const rounds = Math.max(1, Math.trunc(number('rounds', 5)));
  if (durationSeconds / rounds < 1) throw new Error('--duration ÷ --rounds doit laisser au moins 1 s par manche');
  return {
    connections: Math.max(1, Math.trunc(number('connections', 10))),
    durationSeconds,
    warmupSeconds: number('warmup', 2),
    rounds,
    catalogueCache: values.has('catalogue-cache') ? String(Math.trunc(number('catalogue-cache', 0))) : '0',
    account: !values.has('no-account'),
    withCsrfCookie: !values.has('without-csrf-cookie'),
    tsx: values.has('tsx'),
    cpuProf: values.get('cpu-prof'),
    keep: values.has('keep'),
  };
}
