/**
 * One group of a published training, with its availability.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { notFound } from '../domain/errors.js';
import { withAvailability, type CatalogueSession } from './catalogueSessions.js';
import { repositoriesOn } from './repositories.js';

export interface SessionDetail {
  session: CatalogueSession;
  training: { id: string; slug: string; title: string };
}

export async function showSession(database: Database, clock: Clock, id: string): Promise<SessionDetail> {
  const found = await repositoriesOn(database.db, database.dialect).catalogue.findPublishedSession(id);
  if (!found) throw notFound('Groupe');
  const [session] = withAvailability([found.session], clock.now());
  return { session: session as CatalogueSession, training: { id: found.trainingId, slug: found.trainingSlug, title: found.trainingTitle } };
}
