/**
 * The repositories bound to one connection or one transaction. A use case opens its
 * transaction and builds them on it, so everything it writes commits or rolls back together.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '../db/database.js';
import { CatalogueRepository } from '../db/repositories/catalogueRepository.js';
import { OrganisationRepository } from '../db/repositories/organisationRepository.js';
import { SearchIndexRepository } from '../db/repositories/searchIndexRepository.js';
import { TrainingRepository } from '../db/repositories/trainingRepository.js';
import type { Schema } from '../db/schema.js';

export interface Repositories {
  organisations: OrganisationRepository;
  trainings: TrainingRepository;
  searchIndex: SearchIndexRepository;
  catalogue: CatalogueRepository;
}

export function repositoriesOn(db: Kysely<Schema>, dialect: DialectName): Repositories {
  return {
    organisations: new OrganisationRepository(db),
    trainings: new TrainingRepository(db),
    searchIndex: new SearchIndexRepository(db, dialect),
    catalogue: new CatalogueRepository(db, dialect),
  };
}

/** Runs `work` in one transaction with repositories bound to it. */
export function inTransaction<T>(database: Database, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return database.db.transaction().execute((trx) => work(repositoriesOn(trx, database.dialect)));
}
