/**
 * The real Relais app on the auth benchmark's database, as src/main.ts composes it (system
 * clock, 30 s facets cache), logger off, no demo seeding (the parent seeded the database).
 * Run in its own process by bench/auth/index.ts.
 *
 * Arguments: FICHIER_SQLITE [CATALOGUE_CACHE_SECONDS]; without the second, the app's own default.
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { systemClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { serveInChild } from '../support/serveInChild.js';

const [filename, catalogueCacheSeconds] = process.argv.slice(2);
if (!filename) throw new Error('usage : appServer.ts FICHIER_SQLITE [CATALOGUE_CACHE_SECONDS]');
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: `sqlite:${filename}`,
  BASE_URL: 'http://127.0.0.1',
  HOST: '127.0.0.1',
  DEMO_DATA: '0',
  ...(catalogueCacheSeconds === undefined ? {} : { CATALOGUE_CACHE_SECONDS: catalogueCacheSeconds }),
});
const database = openDatabase(config.database);
const app = await buildApp({ config, database, clock: systemClock, catalogueFacets: new CatalogueFacetsCache(database, systemClock) });
await serveInChild(app, () => database.close());
