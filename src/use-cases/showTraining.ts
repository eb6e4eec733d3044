/**
 * One published training with every field of its fiche and its groups.
 */
import type { Database } from '../db/database.js';
import type { TrainingDetailRow } from '../db/repositories/catalogueRepository.js';
import type { Clock } from '../domain/clock.js';
import { notFound } from '../domain/errors.js';
import { withAvailability, type CatalogueSession } from './catalogueSessions.js';
import { repositoriesOn } from './repositories.js';

export interface TrainingDetail extends Omit<TrainingDetailRow, 'sessions'> {
  sessions: CatalogueSession[];
}

export async function showTraining(database: Database, clock: Clock, key: { slug: string } | { id: string }): Promise<TrainingDetail> {
  const { catalogue } = repositoriesOn(database.db, database.dialect);
  const row = 'slug' in key ? await catalogue.findPublishedBySlug(key.slug) : await catalogue.findPublishedById(key.id);
  if (!row) throw notFound('Formation');
  return { ...row, sessions: withAvailability(row.sessions, clock.now()) };
}
