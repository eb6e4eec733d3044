/**
 * The ordered list of migrations. Forward-only: a released migration is never edited, a
 * change is a new file. Names sort in the order they run.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.js';
import * as offer from './0001_offer.js';
import * as catalogueSearch from './0002_catalogue_search.js';
import * as referenceRegions from './0003_reference_regions.js';
import * as accounts from './0005_accounts.js';
import * as catalogueIndexes from './0006_catalogue_indexes.js';
import * as changeCounters from './0007_change_counters.js';
import * as registrations from './0008_registrations.js';

export function allMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_offer': { up: offer.up },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    '0002_catalogue_search': { up: (db: Kysely<any>) => catalogueSearch.up(db, dialect) },
    '0003_reference_regions': { up: referenceRegions.up },
    '0005_accounts': { up: accounts.up },
    '0006_catalogue_indexes': { up: catalogueIndexes.up },
    '0007_change_counters': { up: changeCounters.up },
    '0008_registrations': { up: registrations.up },
  };
}
