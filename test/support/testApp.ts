import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';

/** The real app on a test database, for requests through Fastify's inject. */
export async function buildTestApp(database: Database, clock: Clock): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://relais.test' });
  const app = await buildApp({ config, database, clock, catalogueFacets: new CatalogueFacetsCache(database, clock, 0) });
  await app.ready();
  return app;
}
