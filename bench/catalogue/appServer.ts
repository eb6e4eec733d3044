/**
 * The real Relais app on the benchmark database, as src/main.ts composes it (system clock,
 * 30 s facets cache), logger off. Run in its own process by the catalogue benchmark.
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { systemClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { serveInChild } from '../support/serveInChild.js';

const filename = process.argv[2];
if (!filename) throw new Error('usage : appServer.ts FICHIER_SQLITE');
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: `sqlite:${filename}`,
  BASE_URL: 'http://127.0.0.1',
  HOST: '127.0.0.1',
  DEMO_DATA: '0',
});
const database = openDatabase(config.database);
const app = await buildApp({ config, database, clock: systemClock, catalogueFacets: new CatalogueFacetsCache(database, systemClock) });
await serveInChild(app, () => database.close());
