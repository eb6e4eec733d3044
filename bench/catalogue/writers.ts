/**
 * Two ways to write the planned catalogue, giving the same rows:
 *
 * - repositoryWriter: TrainingRepository.save, setPrerequisites and
 *   SearchIndexRepository.reindexTraining, one transaction per batch — the importer's path.
 *   Slow at this size: reindexTraining deletes from the FTS5 table by its UNINDEXED
 *   training_id column, a scan of the whole index for each training (quadratic: about
 *   3 minutes for 10,000 trainings on a 2-core machine).
 * - bulkWriter (default): the same rows through prepared statements on one better-sqlite3
 *   connection, one transaction per batch, with the search document built as
 *   SearchIndexRepository builds it. verifySearchDocuments() then re-indexes a sample through
 *   the repository and fails the run if any document differs, so the shortcut cannot drift
 *   from the application's own write path. Ids are UUIDv7-shaped and deterministic.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { slugify } from '../../src/domain/text/slugify.js';
import { inTransaction, repositoriesOn } from '../../src/use-cases/repositories.js';
import { Prng } from '../support/prng.js';
import type { CatalogueWriter, PlannedTraining } from './generateCatalogue.js';

export function repositoryWriter(database: Database, nowIso: string): CatalogueWriter {
  const ids = new Map<string, string>();
  return {
    async writeBatch(batch) {
      await inTransaction(database, async (repos) => {
        for (const planned of batch) {
          const { id } = await repos.trainings.save(planned.write, nowIso);
          ids.set(planned.write.sourceKey, id);
          const required = planned.requiredSourceKey ? ids.get(planned.requiredSourceKey) : undefined;
          if (required) await repos.trainings.setPrerequisites(id, [required]);
          await repos.searchIndex.reindexTraining(id);
        }
      });
    },
  };
}

export interface BulkWriter extends CatalogueWriter {
  close(): void;
}

export function bulkWriter(filename: string, nowIso: string, seed: string): BulkWriter {
  const connection = new SQLite(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');
  const newId = deterministicIds(seed, Date.parse(nowIso));
  const ids = new Map<string, string>();
  const slugs = new Set<string>(connection.prepare('SELECT slug FROM trainings').pluck().all() as string[]);
  const insertTraining = connection.prepare(`INSERT INTO trainings (id, funder_id, source_key, slug, title, track_id, module_number,
    module_title, theme_id, region_id, provider_id, contact_id, public_text, duration_days, duration_minutes, context, prerequisites,
    capacity_max, status, source_text, published_at, created_at, updated_at)
    VALUES (@id, @funder_id, @source_key, @slug, @title, @track_id, @module_number, @module_title, @theme_id, @region_id, @provider_id,
    @contact_id, @public_text, @duration_days, @duration_minutes, @context, @prerequisites, @capacity_max, @status, @source_text,
    @published_at, @created_at, @updated_at)`);
  const insertList = {
    training_sectors: connection.prepare('INSERT INTO training_sectors (training_id, position, text) VALUES (?, ?, ?)'),
    training_objectives: connection.prepare('INSERT INTO training_objectives (training_id, position, text) VALUES (?, ?, ?)'),
    training_content_items: connection.prepare('INSERT INTO training_content_items (training_id, position, text) VALUES (?, ?, ?)'),
  };
  const insertExtra = connection.prepare('INSERT INTO training_extra_sections (training_id, position, heading, body) VALUES (?, ?, ?, ?)');
  const insertCofunder = connection.prepare('INSERT INTO training_cofunders (training_id, cofunder_id, position) VALUES (?, ?, ?)');
  const insertRequired = connection.prepare('INSERT INTO training_prerequisites (training_id, required_training_id) VALUES (?, ?)');
  const insertSession = connection.prepare(`INSERT INTO sessions (id, training_id, label, position, venue_name, address, postcode, city,
    min_trainees, max_trainees, registration_deadline, status, is_demo, created_at, updated_at)
    VALUES (@id, @training_id, @label, @position, @venue_name, @address, @postcode, @city, @min_trainees, @max_trainees,
    @registration_deadline, @status, @is_demo, @created_at, @updated_at)`);
  const insertDay = connection.prepare('INSERT INTO session_days (id, session_id, date, position) VALUES (?, ?, ?, ?)');
  const insertHalfDay = connection.prepare('INSERT INTO half_days (id, session_day_id, period, start_time, end_time) VALUES (?, ?, ?, ?, ?)');
  const insertDocument = connection.prepare('INSERT INTO training_search (training_id, body) VALUES (?, ?)');

  /** TrainingRepository.freeSlug, against the slugs already taken. */
  const freeSlug = (base: string) => {
    if (!slugs.has(base)) return base;
    let suffix = 2;
    while (slugs.has(`${base}-${suffix}`)) suffix += 1;
    return `${base}-${suffix}`;
  };

  const writeOne = (planned: PlannedTraining) => {
    const t = planned.write;
    const id = newId();
    ids.set(t.sourceKey, id);
    const slug = freeSlug(slugify(t.title, 90));
    slugs.add(slug);
    insertTraining.run({
      id,
      funder_id: t.funderId,
      source_key: t.sourceKey,
      slug,
      title: t.title,
      track_id: t.trackId,
      module_number: t.moduleNumber,
      module_title: t.moduleTitle,
      theme_id: t.themeId,
      region_id: t.regionId,
      provider_id: t.providerId,
      contact_id: t.contactId,
      public_text: t.publicText,
      duration_days: t.durationDays,
      duration_minutes: t.durationMinutes,
      context: t.context,
      prerequisites: t.prerequisites,
      capacity_max: t.capacityMax,
      status: t.status ?? 'draft',
      source_text: t.sourceText,
      published_at: t.status === 'published' ? nowIso : null,
      created_at: nowIso,
      updated_at: nowIso,
    });
    t.sectors.forEach((text, position) => insertList.training_sectors.run(id, position, text));
    t.objectives.forEach((text, position) => insertList.training_objectives.run(id, position, text));
    t.content.forEach((text, position) => insertList.training_content_items.run(id, position, text));
    t.extraSections.forEach((section, position) => insertExtra.run(id, position, section.heading, section.text));
    [...new Set(t.cofunderIds)].forEach((cofunderId, position) => insertCofunder.run(id, cofunderId, position));
    const required = planned.requiredSourceKey ? ids.get(planned.requiredSourceKey) : undefined;
    if (required) insertRequired.run(id, required);
    for (const session of t.sessions) {
      const sessionId = newId();
      insertSession.run({
        id: sessionId,
        training_id: id,
        label: session.label,
        position: session.position,
        venue_name: session.venueName,
        address: session.address,
        postcode: session.postcode,
        city: session.city,
        min_trainees: session.minTrainees,
        max_trainees: session.maxTrainees,
        registration_deadline: session.registrationDeadline,
        status: session.status,
        is_demo: session.isDemo ? 1 : 0,
        created_at: nowIso,
        updated_at: nowIso,
      });
      [...session.days]
        .sort((a, b) => a.date.localeCompare(b.date))
        .forEach((day, position) => {
          const dayId = newId();
          insertDay.run(dayId, sessionId, day.date, position);
          for (const halfDay of day.halfDays) insertHalfDay.run(newId(), dayId, halfDay.period, halfDay.startTime, halfDay.endTime);
        });
    }
    insertDocument.run(id, searchDocument(planned));
  };
  const writeBatch = connection.transaction((batch: PlannedTraining[]) => batch.forEach(writeOne));
  return {
    async writeBatch(batch) {
      writeBatch(batch);
    },
    close() {
      connection.close();
    },
  };
}

/** What SearchIndexRepository.buildDocument assembles, in the same order. */
function searchDocument({ write: t, names }: PlannedTraining): string {
  const cities = [...new Set(t.sessions.map((session) => session.city).filter((city): city is string => city !== null))];
  return [
    t.title,
    t.moduleTitle,
    names.track,
    names.theme,
    names.region,
    names.provider,
    ...cities,
    ...t.sectors,
    t.publicText,
    ...t.objectives,
    ...t.content,
    t.prerequisites,
    t.context,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n');
}

/**
 * Re-indexes the given trainings through SearchIndexRepository and checks that the documents
 * are unchanged; returns how many were checked.
 */
export async function verifySearchDocuments(database: Database, funderId: string, sourceKeys: string[]): Promise<number> {
  const repos = repositoriesOn(database.db, database.dialect);
  const bodyOf = async (id: string) =>
    (await sql<{ body: string }>`SELECT body FROM training_search WHERE training_id = ${id}`.execute(database.db)).rows.map((row) => row.body);
  for (const key of sourceKeys) {
    const id = await repos.trainings.findIdBySourceKey(funderId, key);
    if (!id) throw new Error(`Formation ${key} introuvable après génération`);
    const written = await bodyOf(id);
    await repos.searchIndex.reindexTraining(id);
    const reindexed = await bodyOf(id);
    if (JSON.stringify(written) !== JSON.stringify(reindexed)) {
      throw new Error(`Le document de recherche de ${key} diffère de celui de SearchIndexRepository :\n${written.join('\n---\n')}\n≠\n${reindexed.join('\n---\n')}`);
    }
  }
  return sourceKeys.length;
}

/** UUIDv7-shaped ids: timestamp of the run, then a counter, then seeded random bits. Sortable in creation order. */
function deterministicIds(seed: string, nowMs: number): () => string {
  const random = new Prng(`${seed}:ids`);
  let counter = 0;
  const hex = (value: number, length: number) => Math.floor(value).toString(16).padStart(length, '0');
  return () => {
    const ms = nowMs + Math.floor(counter / 4096);
    const sequence = counter % 4096;
    counter += 1;
    const time = hex(ms, 12);
    const variant = hex(0x8000 + random.int(0, 0x3fff), 4);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(sequence, 3)}-${variant}-${hex(random.int(0, 0xffffff), 6)}${hex(random.int(0, 0xffffff), 6)}`;
  };
}
