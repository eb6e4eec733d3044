import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import type { CatalogueFacetsCache } from '../use-cases/searchCatalogue.js';

/** What routes need to call use cases; built once by the composition root. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  catalogueFacets: CatalogueFacetsCache;
}
