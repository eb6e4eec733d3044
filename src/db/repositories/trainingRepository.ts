/**
 * Writes a training with everything a fiche carries: ordered lists, co-funders and its
 * groups with days and half-days. A training is recognised by (funder, source key), so that
 * re-importing a fiche updates it instead of duplicating it.
 */
import { sql, type Kysely } from 'kysely';
import { slugify } from '../../domain/text/slugify.js';
import { newId } from '../ids.js';
import { bumpChangeCounter } from './changeCounterRepository.js';
import type { HalfDayPeriod, Schema, SessionStatus, TrainingStatus } from '../schema.js';

export interface HalfDayWrite {
  period: HalfDayPeriod;
  startTime: string;
  endTime: string;
}

export interface SessionWrite {
  label: string;
  position: number;
  venueName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  minTrainees: number;
  maxTrainees: number;
  registrationDeadline: string | null;
  status: SessionStatus;
  isDemo: boolean;
  days: Array<{ date: string; halfDays: HalfDayWrite[] }>;
}

export interface TrainingWrite {
  funderId: string;
  sourceKey: string;
  title: string;
  trackId: string | null;
  moduleNumber: number | null;
  moduleTitle: string | null;
  themeId: string | null;
  regionId: string | null;
  providerId: string | null;
  contactId: string | null;
  publicText: string | null;
  durationDays: number | null;
  durationMinutes: number | null;
  context: string | null;
  prerequisites: string | null;
  capacityMax: number | null;
  /** Undefined keeps the current status of an existing training (new ones need one). */
  status: TrainingStatus | undefined;
  sourceText: string | null;
  sectors: string[];
  objectives: string[];
  content: string[];
  extraSections: Array<{ heading: string; text: string }>;
  cofunderIds: string[];
  /** Matched by label: listed groups are created or updated, others are left untouched. */
  sessions: SessionWrite[];
}

export class TrainingRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async findIdBySourceKey(funderId: string, sourceKey: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('trainings')
      .select('id')
      .where('funder_id', '=', funderId)
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
    return row?.id;
  }

  /** Creates or updates; returns the training id and whether it was created. */
  async save(training: TrainingWrite, now: string): Promise<{ id: string; created: boolean }> {
    const existingId = await this.findIdBySourceKey(training.funderId, training.sourceKey);
    const id = existingId ?? newId();
    const columns = {
      title: training.title,
      track_id: training.trackId,
      module_number: training.moduleNumber,
      module_title: training.moduleTitle,
      theme_id: training.themeId,
      region_id: training.regionId,
      provider_id: training.providerId,
      contact_id: training.contactId,
      public_text: training.publicText,
      duration_days: training.durationDays,
      duration_minutes: training.durationMinutes,
      context: training.context,
      prerequisites: training.prerequisites,
      capacity_max: training.capacityMax,
      ...(training.status ? { status: training.status } : {}),
      source_text: training.sourceText,
      updated_at: now,
    };
    if (existingId) {
      // A training already published keeps its first publication date.
      const publishedAt =
        training.status === undefined ? {} : { published_at: training.status === 'published' ? sql<string>`coalesce(published_at, ${now})` : null };
      await this.db.updateTable('trainings').set({ ...columns, ...publishedAt }).where('id', '=', id).execute();
    } else {
      await this.db
        .insertInto('trainings')
        .values({
          id,
          funder_id: training.funderId,
          source_key: training.sourceKey,
          slug: await this.freeSlug(slugify(training.title, 90)),
          ...columns,
          status: training.status ?? 'draft',
          published_at: training.status === 'published' ? now : null,
          created_at: now,
        })
        .execute();
    }
    await this.replaceLists(id, training);
    await this.upsertSessions(id, training.sessions, now);
    await bumpChangeCounter(this.db, 'catalogue');
    return { id, created: existingId === undefined };
  }

  async setPrerequisites(trainingId: string, requiredTrainingIds: string[]): Promise<void> {
    await bumpChangeCounter(this.db, 'catalogue');
    await this.db.deleteFrom('training_prerequisites').where('training_id', '=', trainingId).execute();
    if (requiredTrainingIds.length === 0) return;
    await this.db
      .insertInto('training_prerequisites')
      .values(requiredTrainingIds.map((required) => ({ training_id: trainingId, required_training_id: required })))
      .execute();
  }

  /** The other modules of a track, by module number. */
  async listTrackModules(trackId: string): Promise<Array<{ id: string; module_number: number | null }>> {
    return this.db
      .selectFrom('trainings')
      .select(['id', 'module_number'])
      .where('track_id', '=', trackId)
      .orderBy('module_number')
      .execute();
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = await this.db
      .selectFrom('trainings')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    const slugs = new Set(taken.map((row) => row.slug));
    if (!slugs.has(base)) return base;
    let suffix = 2;
    while (slugs.has(`${base}-${suffix}`)) suffix += 1;
    return `${base}-${suffix}`;
  }

  private async replaceLists(trainingId: string, training: TrainingWrite): Promise<void> {
    const lists = [
      ['training_sectors', training.sectors],
      ['training_objectives', training.objectives],
      ['training_content_items', training.content],
    ] as const;
    for (const [table, items] of lists) {
      await this.db.deleteFrom(table).where('training_id', '=', trainingId).execute();
      if (items.length > 0) {
        await this.db
          .insertInto(table)
          .values(items.map((text, position) => ({ training_id: trainingId, position, text })))
          .execute();
      }
    }
    await this.db.deleteFrom('training_extra_sections').where('training_id', '=', trainingId).execute();
    if (training.extraSections.length > 0) {
      await this.db
        .insertInto('training_extra_sections')
        .values(training.extraSections.map((s, position) => ({ training_id: trainingId, position, heading: s.heading, body: s.text })))
        .execute();
    }
    await this.db.deleteFrom('training_cofunders').where('training_id', '=', trainingId).execute();
    const cofunderIds = [...new Set(training.cofunderIds)];
    if (cofunderIds.length > 0) {
      await this.db
        .insertInto('training_cofunders')
        .values(cofunderIds.map((cofunderId, position) => ({ training_id: trainingId, cofunder_id: cofunderId, position })))
        .execute();
    }
  }

  async slugOf(trainingId: string): Promise<string> {
    const row = await this.db.selectFrom('trainings').select('slug').where('id', '=', trainingId).executeTakeFirstOrThrow();
    return row.slug;
  }

  async listSessionLabels(trainingId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('sessions').select('label').where('training_id', '=', trainingId).orderBy('position').execute();
    return rows.map((row) => row.label);
  }

  /** Creates or updates groups matched by label; groups not listed are left as they are. */
  async upsertSessions(trainingId: string, sessions: SessionWrite[], now: string): Promise<void> {
    await bumpChangeCounter(this.db, 'catalogue');
    const existing = await this.db.selectFrom('sessions').select(['id', 'label']).where('training_id', '=', trainingId).execute();
    const byLabel = new Map(existing.map((row) => [row.label, row.id]));
    for (const session of sessions) {
      const columns = {
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
        updated_at: now,
      };
      let sessionId = byLabel.get(session.label);
      if (sessionId) {
        await this.db.updateTable('sessions').set(columns).where('id', '=', sessionId).execute();
        await this.db.deleteFrom('session_days').where('session_id', '=', sessionId).execute();
      } else {
        sessionId = newId();
        await this.db
          .insertInto('sessions')
          .values({ id: sessionId, training_id: trainingId, label: session.label, ...columns, created_at: now })
          .execute();
      }
      await this.insertDays(sessionId, session.days);
    }
  }

  private async insertDays(sessionId: string, days: SessionWrite['days']): Promise<void> {
    const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
    const dayRows = sorted.map((day, position) => ({ id: newId(), session_id: sessionId, date: day.date, position }));
    if (dayRows.length === 0) return;
    await this.db.insertInto('session_days').values(dayRows).execute();
    const halfDayRows = sorted.flatMap((day, index) =>
      day.halfDays.map((halfDay) => ({
        id: newId(),
        session_day_id: (dayRows[index] as { id: string }).id,
        period: halfDay.period,
        start_time: halfDay.startTime,
        end_time: halfDay.endTime,
      })),
    );
    if (halfDayRows.length > 0) await this.db.insertInto('half_days').values(halfDayRows).execute();
  }
}
