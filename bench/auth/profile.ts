/**
 * What a signed-in GET / adds, piece by piece: a micro-benchmark of the authenticated path, in
 * one process, one call at a time (no concurrency, so each figure is CPU time per call plus
 * the event loop's own hops). Not a benchmark of its own (no index.ts): run it directly,
 *
 *   node --import tsx bench/auth/profile.ts [--iterations=2000] [--batches=7] [--diff]
 *
 * It builds the same demo database as bench/auth/index.ts, the real app (buildApp), signs in
 * through app.inject, then times each step; figures are medians over the batches of the CPU
 * time per call (and wall time, for comparison), in µs. With --diff, V8 CPU profiles of the same
 * number of anonymous and signed-in GET / (app.inject) are compared function by function: the
 * functions whose self time grows the most per request are what a session adds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type Profiler } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import CSRF from '@fastify/csrf';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { spacesOf } from '../../src/domain/accounts/policy.js';
import { DEMO_PASSWORD } from '../../src/demo/demoAccounts.js';
import { seedDemoIfEmpty } from '../../src/demo/seedDemo.js';
import { systemClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { hashToken } from '../../src/security/secrets.js';
import { resolveSession } from '../../src/use-cases/accounts/resolveSession.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { CatalogueFacetsCache, searchCatalogue } from '../../src/use-cases/searchCatalogue.js';
import { CatalogueListPage } from '../../src/views/catalogue/CatalogueListPage.js';
import type { PageContext } from '../../src/views/pageContext.js';
import { renderPage } from '../../src/views/render.js';
import { fixed, formatTable } from '../support/report.js';

const args = new Map(process.argv.slice(2).map((arg) => [arg.replace(/^--/, '').split('=')[0] ?? '', arg.split('=')[1] ?? '']));
const ITERATIONS = Number(args.get('iterations') || 2000);
const DIFF = args.has('diff');
const BATCHES = Number(args.get('batches') || 7);

const rows: Array<[string, string, string, string]> = [];

/**
 * Median over BATCHES of the CPU time (user + system, process.cpuUsage) per call of `fn`,
 * after one warm-up batch; CPU time rather than wall time because a busy machine (other
 * processes on the same cores) stretches wall time, not the work done. Wall time is shown
 * next to it.
 */
async function time(name: string, fn: () => unknown, note = '', iterations = ITERATIONS): Promise<number> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let batch = -1; batch < BATCHES; batch += 1) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < iterations; i += 1) await fn();
    const used = process.cpuUsage(startedCpu);
    if (batch >= 0) {
      wall.push(((performance.now() - started) * 1000) / iterations);
      cpu.push((used.user + used.system) / iterations);
    }
  }
  const result = median(cpu);
  rows.push([name, fixed(result, 1), fixed(median(wall), 1), note]);
  process.stderr.write(`  ${name}: ${fixed(result, 1)} µs CPU\n`);
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * time() for several variants of one thing, interleaved batch by batch (A, B, C, A, B, C…), so
 * that a change of the machine's load during the measurement hits every variant alike.
 */
async function compare(entries: Array<{ name: string; fn: () => unknown; note?: string }>, iterations = ITERATIONS): Promise<number[]> {
  const cpu = entries.map(() => [] as number[]);
  const wall = entries.map(() => [] as number[]);
  for (let batch = -1; batch < BATCHES; batch += 1) {
    for (const [index, entry] of entries.entries()) {
      const startedCpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < iterations; i += 1) await entry.fn();
      const used = process.cpuUsage(startedCpu);
      if (batch >= 0) {
        wall[index]?.push(((performance.now() - started) * 1000) / iterations);
        cpu[index]?.push((used.user + used.system) / iterations);
      }
    }
  }
  return entries.map((entry, index) => {
    const result = median(cpu[index] ?? []);
    rows.push([entry.name, fixed(result, 1), fixed(median(wall[index] ?? []), 1), entry.note ?? '']);
    process.stderr.write(`  ${entry.name}: ${fixed(result, 1)} µs CPU\n`);
    return result;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'relais-bench-auth-profile-'));
const filename = join(dir, 'relais.db');
try {
  const setup = openDatabase({ kind: 'sqlite', url: `sqlite:${filename}`, filename });
  await migrateToLatest(setup);
  await seedDemoIfEmpty(setup, systemClock);
  await setup.close();

  // No page cache for anonymous visitors: both kinds of GET / do the same catalogue work, so the
  // difference is what the session adds.
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `sqlite:${filename}`,
    BASE_URL: 'http://127.0.0.1',
    DEMO_DATA: '0',
    CATALOGUE_CACHE_SECONDS: '0',
  });
  const database = openDatabase(config.database);
  const catalogueFacets = new CatalogueFacetsCache(database, systemClock);
  const app = await buildApp({ config, database, clock: systemClock, catalogueFacets });
  await app.ready();

  // Sign in through the form, as bench/auth/index.ts does over HTTP.
  const form = await app.inject({ method: 'GET', url: '/connexion' });
  const csrfSecret = form.cookies.find((c) => c.name === 'relais_csrf')?.value ?? '';
  const csrfField = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const login = await app.inject({
    method: 'POST',
    url: '/connexion',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `relais_csrf=${csrfSecret}` },
    payload: new URLSearchParams({ _csrf: csrfField, email: 'admin@opco.example', password: DEMO_PASSWORD, suivant: '/' }).toString(),
  });
  const session = login.cookies.find((c) => c.name === 'relais_session')?.value;
  if (login.statusCode !== 303 || !session) throw new Error(`connexion impossible : ${login.statusCode}`);
  const bothCookies = `relais_session=${session}; relais_csrf=${csrfSecret}`;

  process.stderr.write(`[auth/profile] ${ITERATIONS} appels × ${BATCHES} lots par mesure\n`);
  // Whole requests through Fastify (app.inject: no socket).
  const get = (cookie?: string) => () => app.inject({ method: 'GET', url: '/', ...(cookie ? { headers: { cookie } } : {}) });
  const [anonymous = 0, authenticated = 0] = await compare([
    { name: 'inject GET / anonyme', fn: get(), note: 'page entière, sans socket' },
    { name: 'inject GET / connecté·e (2 cookies)', fn: get(bothCookies), note: 'page entière, comme un navigateur' },
    { name: 'inject GET / connecté·e (session seule)', fn: get(`relais_session=${session}`), note: '+ nouveau secret CSRF et Set-Cookie' },
    { name: 'inject GET / anonyme + cookie relais_csrf', fn: get(`relais_csrf=${csrfSecret}`), note: 'analyse des cookies, sans session' },
    { name: 'inject GET / session inconnue', fn: get(`relais_session=${'x'.repeat(43)}`), note: 'SHA-256 + findLive sans résultat' },
  ]);

  // resolveSession and its parts.
  const resolve = await time('resolveSession (complet)', () => resolveSession(database, systemClock, session));
  await time('  hashToken (SHA-256)', () => hashToken(session));
  await time('  repositoriesOn (13 objets)', () => repositoriesOn(database.db, database.dialect));
  const repos = repositoriesOn(database.db, database.dialect);
  const sessionId = hashToken(session);
  const now = new Date().toISOString();
  const found = await repos.sessions.findLive(sessionId, now);
  if (!found) throw new Error('session introuvable');
  const userId = found.userId;
  await time('  sessions.findLive (Kysely)', () => repos.sessions.findLive(sessionId, now), 'SELECT … JOIN users');
  await time('  users.findById (Kysely)', () => repos.users.findById(userId), 'SELECT * FROM users');
  await time('  users.membershipsOf (Kysely)', () => repos.users.membershipsOf(userId), 'SELECT … ORDER BY created_at');
  await time('  Promise.all(findById, membershipsOf)', () => Promise.all([repos.users.findById(userId), repos.users.membershipsOf(userId)]));

  // Where the time of one Kysely SELECT goes: building + compiling, SQLite prepare, execution.
  const findLiveQuery = () =>
    database.db
      .selectFrom('user_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.user_id', 's.created_at', 's.last_seen_at', 's.idle_expires_at', 's.absolute_expires_at', 's.ip', 's.user_agent'])
      .where('s.id', '=', sessionId)
      .where('s.revoked_at', 'is', null)
      .where('s.idle_expires_at', '>', now)
      .where('s.absolute_expires_at', '>', now)
      .where('u.status', '=', 'active');
  await time('    findLive : construire + compiler le SQL (Kysely)', () => findLiveQuery().compile());
  const compiled = findLiveQuery().compile();
  const raw = new SQLite(filename, { readonly: true });
  await time('    findLive : better-sqlite3 prepare()', () => raw.prepare(compiled.sql), 'Kysely prépare à chaque requête');
  const prepared = raw.prepare(compiled.sql);
  await time('    findLive : statement préparé .all()', () => prepared.all(...compiled.parameters), 'exécution seule');
  const threeRaw = [
    prepared,
    raw.prepare('SELECT * FROM users WHERE id = ?'),
    raw.prepare('SELECT organisation_kind, organisation_id, role FROM memberships WHERE user_id = ? ORDER BY created_at'),
  ] as const;
  await time('    les 3 SELECT en statements préparés (cache)', () => {
    threeRaw[0].get(...compiled.parameters);
    threeRaw[1].get(userId);
    threeRaw[2].all(userId);
  }, 'ce que coûterait un cache de statements');
  // What resolveSession could do instead: one SELECT, session ⋈ user ⟕ memberships (one row per membership).
  const joinedQuery = () =>
    database.db
      .selectFrom('user_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('memberships as m', 'm.user_id', 'u.id')
      .select(['s.id', 's.user_id', 's.last_seen_at', 'u.display_name', 'u.email', 'm.organisation_kind', 'm.organisation_id', 'm.role'])
      .where('s.id', '=', sessionId)
      .where('s.revoked_at', 'is', null)
      .where('s.idle_expires_at', '>', now)
      .where('s.absolute_expires_at', '>', now)
      .where('u.status', '=', 'active')
      .orderBy('m.created_at');
  if ((await joinedQuery().execute()).length === 0) throw new Error('la jointure ne trouve pas la session');
  await time('  variante : 1 SELECT session ⋈ user ⟕ memberships (Kysely)', () => joinedQuery().execute(), 'au lieu des 3 SELECT');
  const joinedSql = joinedQuery().compile();
  const joinedStatement = raw.prepare(joinedSql.sql);
  await time('  variante : la même jointure en statement préparé (cache)', () => joinedStatement.all(...joinedSql.parameters), 'jointure + cache de statements');
  await time('    1 SELECT Kysely trivial (select 1)', () => database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute(), 'coût fixe Kysely + mutex + prepare');
  raw.close();

  // The page: CSRF token, spaces, markup.
  const tokens = CSRF();
  await time('generateCsrf : tokens.create(secret)', () => tokens.create(csrfSecret), 'sel aléatoire + SHA-256');
  await time('generateCsrf sans cookie : secretSync + create', () => tokens.create(tokens.secretSync()), '+ Set-Cookie (non compté)');
  const signedIn = await resolveSession(database, systemClock, session);
  if (!signedIn) throw new Error('session introuvable');
  await time('spacesOf(acteur admin)', () => spacesOf(signedIn.actor));
  const page = await searchCatalogue(database, systemClock, { page: 1 });
  const facets = await catalogueFacets.get();
  const search = { page: 1 };
  const anonymousContext: PageContext = { user: null, spaces: ['catalogue'], csrfToken: null, path: '/' };
  const signedInContext: PageContext = {
    user: { displayName: signedIn.displayName, email: signedIn.email },
    spaces: spacesOf(signedIn.actor),
    csrfToken: tokens.create(csrfSecret),
    path: '/',
  };
  const renderAnonymous = await time('rendu CatalogueListPage anonyme', () => renderPage(CatalogueListPage({ page, search, facets, context: anonymousContext })));
  const renderSignedIn = await time('rendu CatalogueListPage connecté·e', () => renderPage(CatalogueListPage({ page, search, facets, context: signedInContext })));
  await time('searchCatalogue (données de la page)', () => searchCatalogue(database, systemClock, { page: 1 }), 'même coût anonyme/connecté·e');
  await time('catalogue.facets (hors cache, 1 fois / 30 s)', () => repos.catalogue.facets(new Date().toISOString().slice(0, 10)), 'pour mémoire', Math.ceil(ITERATIONS / 10));

  process.stdout.write(
    [
      '',
      `Profil du chemin connecté — médianes sur ${BATCHES} lots de ${ITERATIONS} appels, temps CPU du processus (user+system) et temps mur par appel, un appel à la fois`,
      '',
      formatTable([{ header: 'Étape', align: 'left' }, { header: 'µs CPU/appel' }, { header: 'µs mur/appel' }, { header: 'Note', align: 'left' }], rows),
      '',
      `Surcoût d’une page connectée (inject) : ${fixed(authenticated - anonymous, 1)} µs sur ${fixed(anonymous, 1)} µs, ratio de débit attendu ≈ ${fixed(anonymous / authenticated, 3)}`,
      `dont resolveSession ${fixed(resolve, 1)} µs, rendu en plus ${fixed(renderSignedIn - renderAnonymous, 1)} µs.`,
      '',
    ].join('\n'),
  );
  if (DIFF) process.stdout.write(`${await profileDiff(get(), get(bothCookies), ITERATIONS * 3)}\n`);
  await app.close();
  await database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Self time (µs per request) of each function: signed-in profile minus anonymous profile. */
async function profileDiff(anonymous: () => unknown, signedIn: () => unknown, requests: number): Promise<string> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  const selfTimes = async (fn: () => unknown) => {
    for (let i = 0; i < 200; i += 1) await fn();
    await session.post('Profiler.start');
    for (let i = 0; i < requests; i += 1) await fn();
    const { profile } = await session.post('Profiler.stop');
    return selfTimeByFunction(profile);
  };
  // Twice each, interleaved, summed: less sensitive to a change of the machine's load.
  const a1 = await selfTimes(anonymous);
  const s1 = await selfTimes(signedIn);
  const a2 = await selfTimes(anonymous);
  const s2 = await selfTimes(signedIn);
  session.disconnect();
  const sum = (x: Map<string, number>, y: Map<string, number>) => {
    const total = new Map(x);
    for (const [key, value] of y) total.set(key, (total.get(key) ?? 0) + value);
    return total;
  };
  const anon = sum(a1, a2);
  const signed = sum(s1, s2);
  const perRequest = (value: number) => value / (2 * requests);
  const names = new Set([...anon.keys(), ...signed.keys()]);
  const diffs = [...names].map((name) => ({ name, anon: perRequest(anon.get(name) ?? 0), signed: perRequest(signed.get(name) ?? 0) }));
  diffs.sort((x, y) => y.signed - y.anon - (x.signed - x.anon));
  const totalAnon = perRequest([...anon.values()].reduce((t, v) => t + v, 0));
  const totalSigned = perRequest([...signed.values()].reduce((t, v) => t + v, 0));
  return [
    `Profils V8 (échantillon 50 µs), ${2 * requests} GET / de chaque sorte par app.inject : temps propre par requête, connecté·e − anonyme`,
    `total échantillonné : ${fixed(totalSigned, 1)} µs connecté·e contre ${fixed(totalAnon, 1)} µs anonyme (+${fixed(totalSigned - totalAnon, 1)} µs)`,
    'Le profileur ralentit tout (plusieurs fois le temps sans profileur) : lire le classement et les proportions, pas les valeurs absolues.',
    '',
    formatTable(
      [{ header: 'Fonction', align: 'left' }, { header: 'anonyme µs' }, { header: 'connecté·e µs' }, { header: 'écart µs' }],
      diffs.slice(0, 25).map((d) => [d.name, fixed(d.anon, 1), fixed(d.signed, 1), fixed(d.signed - d.anon, 1)]),
    ),
  ].join('\n');
}

function selfTimeByFunction(profile: Profiler.Profile): Map<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byName = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    const node = nodes.get(samples[i] ?? -1);
    if (!node) continue;
    const frame = node.callFrame;
    const file = frame.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/main\//, '');
    const name = `${frame.functionName || '(anonyme)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + (deltas[i] ?? 0));
  }
  return byName;
}
