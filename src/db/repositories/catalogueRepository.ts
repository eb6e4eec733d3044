/**
 * Read side of the public catalogue: published trainings with filters, full-text search and
 * pagination, one training with every fiche field, one group. Seats are counted from the
 * registrations of each group (DESIGN.md §3); until registration exists, no group has any.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DialectName } from '../database.js';
import type { HalfDayPeriod, Schema, SessionStatus } from '../schema.js';

export interface CatalogueFilters {
  /** Search words, already reduced to letters and digits without accents. */
  searchTerms?: string[];
  regionSlug?: string;
  themeSlug?: string;
  sector?: string;
  city?: string;
  /** "YYYY-MM": a group has a day in that month. */
  month?: string;
  /** Only trainings with a group still open to registration. */
  availableOnly?: boolean;
}

export interface CatalogueQuery {
  filters: CatalogueFilters;
  limit: number;
  offset: number;
  /** Paris calendar date and current instant: what "open" means. */
  today: string;
  now: string;
}

export interface HalfDayRow {
  period: HalfDayPeriod;
  startTime: string;
  endTime: string;
}

export interface SessionRow {
  id: string;
  trainingId: string;
  position: number;
  label: string;
  venueName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  status: SessionStatus;
  minTrainees: number;
  maxTrainees: number;
  registrationDeadline: string | null;
  isDemo: boolean;
  days: Array<{ date: string; halfDays: HalfDayRow[] }>;
  confirmed: number;
  pending: number;
  liveOffers: number;
}

export interface TrainingSummaryRow {
  id: string;
  slug: string;
  title: string;
  moduleNumber: number | null;
  moduleTitle: string | null;
  trackTitle: string | null;
  providerName: string | null;
  regionName: string | null;
  themeName: string | null;
  durationDays: number | null;
  durationMinutes: number | null;
  publicText: string | null;
  sessions: SessionRow[];
}

export interface TrainingDetailRow extends TrainingSummaryRow {
  funderName: string;
  status: 'draft' | 'published' | 'archived';
  sectors: string[];
  context: string | null;
  objectives: string[];
  prerequisites: string | null;
  content: string[];
  capacityMax: number | null;
  extraSections: Array<{ heading: string; body: string }>;
  contact: { name: string; email: string | null; phone: string | null } | null;
  provider: { name: string; siret: string | null; nda: string | null; city: string | null } | null;
  cofunders: string[];
  trackModules: Array<{ slug: string; title: string; moduleNumber: number | null; isPublished: boolean }>;
  requiredModules: Array<{ slug: string; title: string; moduleNumber: number | null }>;
  updatedAt: string;
}

export interface CatalogueFacets {
  regions: Array<{ slug: string; name: string }>;
  themes: Array<{ slug: string; name: string }>;
  sectors: string[];
  cities: string[];
  months: string[];
}

type TrainingScope = ExpressionBuilder<Schema & { t: Schema['trainings'] }, 't'>;
type ListTable = 'training_sectors' | 'training_objectives' | 'training_content_items';

export class CatalogueRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
  ) {}

  async search(query: CatalogueQuery): Promise<{ total: number; items: TrainingSummaryRow[] }> {
    const terms = query.filters.searchTerms ?? [];
    if (terms.length > 0) {
      // One ranked query gives both the page and the total: counting separately made SQLite
      // read every published training to test it against the matches (a full scan per search).
      const ranked = await this.rankedIds(terms, query);
      const total = new Set(ranked).size;
      if (total === 0 || query.offset >= total) return { total, items: [] };
      return { total, items: await this.summaries(ranked.slice(query.offset, query.offset + query.limit)) };
    }
    const where = (eb: TrainingScope) => this.filterConditions(eb, query, true);
    const countRow = await this.db
      .selectFrom('trainings as t')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow();
    const total = Number(countRow.n);
    if (total === 0 || query.offset >= total) return { total, items: [] };
    const rows = await this.db
      .selectFrom('trainings as t')
      .select('t.id')
      .where(where)
      .orderBy('t.title')
      .orderBy('t.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { total, items: await this.summaries(rows.map((row) => row.id)) };
  }

  async findPublishedBySlug(slug: string): Promise<TrainingDetailRow | undefined> {
    const row = await this.db.selectFrom('trainings').select('id').where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
    return row ? this.detail(row.id) : undefined;
  }

  async findPublishedById(id: string): Promise<TrainingDetailRow | undefined> {
    const row = await this.db.selectFrom('trainings').select('id').where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
    return row ? this.detail(row.id) : undefined;
  }

  async findPublishedSession(id: string): Promise<{ session: SessionRow; trainingId: string; trainingSlug: string; trainingTitle: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('trainings as t', 't.id', 's.training_id')
      .select(['s.training_id', 't.slug', 't.title'])
      .where('s.id', '=', id)
      .where('t.status', '=', 'published')
      .executeTakeFirst();
    if (!row) return undefined;
    const sessions = await this.sessionsOf([row.training_id]);
    const session = sessions.find((candidate) => candidate.id === id);
    return session && { session, trainingId: row.training_id, trainingSlug: row.slug, trainingTitle: row.title };
  }

  async facets(today: string): Promise<CatalogueFacets> {
    const published = this.db.selectFrom('trainings').select('id').where('status', '=', 'published');
    const [regions, themes, sectors, cities, months] = await Promise.all([
      this.db
        .selectFrom('regions as r')
        .select(['r.slug', 'r.name'])
        .where((eb) => eb.exists(eb.selectFrom('trainings as t').select('t.id').whereRef('t.region_id', '=', 'r.id').where('t.status', '=', 'published')))
        .orderBy('r.name')
        .execute(),
      this.db
        .selectFrom('themes as th')
        .select(['th.slug', 'th.name'])
        .where((eb) => eb.exists(eb.selectFrom('trainings as t').select('t.id').whereRef('t.theme_id', '=', 'th.id').where('t.status', '=', 'published')))
        .orderBy('th.name')
        .execute(),
      // Sectors, cities and months: list each distinct value from its index, then keep those
      // with one published use (EXISTS stops at the first), instead of collecting every
      // published training's rows — a pause of the whole instance at each refresh.
      this.db
        .selectFrom(this.db.selectFrom('training_sectors').select('text').distinct().as('x'))
        .select('x.text')
        .where((eb) =>
          eb.exists(eb.selectFrom('training_sectors as ts').select('ts.training_id').whereRef('ts.text', '=', 'x.text').where('ts.training_id', 'in', published)),
        )
        .orderBy('x.text')
        .execute(),
      this.db
        .selectFrom(this.db.selectFrom('sessions').select('city').distinct().where('city', 'is not', null).as('c'))
        .select('c.city')
        .where((eb) => eb.exists(eb.selectFrom('sessions as s').select('s.id').whereRef('s.city', '=', 'c.city').where('s.training_id', 'in', published)))
        .orderBy('c.city')
        .execute(),
      this.db
        .selectFrom(this.db.selectFrom('session_days').select(sql<string>`substr(date, 1, 7)`.as('month')).distinct().where('date', '>=', today).as('m'))
        .select('m.month')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('session_days as d')
              .innerJoin('sessions as s', 's.id', 'd.session_id')
              .select('d.id')
              .where('d.date', '>=', today)
              // Every date of month m sorts at or after "m": lets the date index start there.
              .whereRef('d.date', '>=', 'm.month')
              .where(sql<string>`substr(d.date, 1, 7)`, '=', eb.ref('m.month'))
              .where('s.status', '<>', 'cancelled')
              .where('s.training_id', 'in', published),
          ),
        )
        .orderBy('m.month')
        .execute(),
    ]);
    return {
      regions,
      themes,
      sectors: sectors.map((row) => row.text),
      cities: cities.map((row) => row.city).filter((city): city is string => city !== null),
      months: months.map((row) => row.month),
    };
  }

  /** `withSearch`: also require the full-text match (unless the query joins the ranking already). */
  private filterConditions(eb: TrainingScope, query: CatalogueQuery, withSearch: boolean): Expression<SqlBool> {
    const { filters } = query;
    const conditions: Expression<SqlBool>[] = [eb('t.status', '=', 'published')];
    if (filters.regionSlug) {
      conditions.push(eb('t.region_id', 'in', eb.selectFrom('regions').select('id').where('slug', '=', filters.regionSlug)));
    }
    if (filters.themeSlug) {
      conditions.push(eb('t.theme_id', 'in', eb.selectFrom('themes').select('id').where('slug', '=', filters.themeSlug)));
    }
    // Sector and group filters are uncorrelated `t.id IN (…)` lists: SQLite builds each list
    // once from the filter's own index (sector text, city, dates). As correlated EXISTS it
    // probed that index again for every published training (seconds for a sector).
    if (filters.sector) {
      conditions.push(eb('t.id', 'in', eb.selectFrom('training_sectors as ts').select('ts.training_id').where('ts.text', '=', filters.sector)));
    }
    if (filters.city || filters.month || filters.availableOnly) {
      let sessions = eb.selectFrom('sessions as s').select('s.training_id').where('s.status', '<>', 'cancelled');
      if (filters.city) sessions = sessions.where('s.city', '=', filters.city);
      if (filters.month) {
        const month = filters.month;
        sessions = sessions.where('s.id', 'in', (inner) =>
          inner
            .selectFrom('session_days as d')
            .select('d.session_id')
            .where('d.date', '>=', `${month}-01`)
            .where('d.date', '<=', `${month}-31`),
        );
      }
      if (filters.availableOnly) {
        // Open = first day still ahead, deadline not passed, seats left (max − confirmed − offers).
        sessions = sessions
          .where((inner) => inner.not(inner.exists(inner.selectFrom('session_days as d').select('d.id').whereRef('d.session_id', '=', 's.id').where('d.date', '<=', query.today))))
          .where((inner) => inner.or([inner('s.registration_deadline', 'is', null), inner('s.registration_deadline', '>', query.now)]))
          .where((inner) =>
            inner(
              's.max_trainees',
              '>',
              inner
                .selectFrom('registrations as r')
                .select((count) => count.fn.countAll<number>().as('held'))
                .whereRef('r.session_id', '=', 's.id')
                .where('r.status', 'in', ['confirmed', 'pending', 'offered']),
            ),
          );
      }
      conditions.push(eb('t.id', 'in', sessions));
    }
    if (withSearch && filters.searchTerms && filters.searchTerms.length > 0) {
      conditions.push(eb('t.id', 'in', this.matchingIds(filters.searchTerms)));
    }
    return eb.and(conditions);
  }

  /** Ids of trainings whose document matches every term (prefix match on each word). */
  private matchingIds(terms: string[]) {
    if (this.dialect === 'sqlite') {
      return sql<string>`(SELECT training_id FROM training_search WHERE training_search MATCH ${ftsQuery(terms)})`;
    }
    return sql<string>`(SELECT training_id FROM training_search WHERE relais_search_vector(body) @@ relais_search_query(${tsQuery(terms)}))`;
  }

  /**
   * Every matching training id, best first (then by title and id), one row per match of the
   * ranking join. On SQLite the ranking subquery already holds only the matches, so the
   * query is driven by the FTS index; PostgreSQL ranks every document, so the match
   * condition stays in the WHERE clause, where the GIN index answers it.
   */
  private async rankedIds(terms: string[], query: CatalogueQuery): Promise<string[]> {
    const ranking =
      this.dialect === 'sqlite'
        ? sql`(SELECT training_id, bm25(training_search) AS score FROM training_search WHERE training_search MATCH ${ftsQuery(terms)})`
        : sql`(SELECT training_id, -ts_rank(relais_search_vector(body), relais_search_query(${tsQuery(terms)})) AS score FROM training_search)`;
    const rows = await this.db
      .selectFrom('trainings as t')
      .innerJoin(ranking.as('rank'), (join) => join.onRef(sql.ref('rank.training_id'), '=', 't.id'))
      .select('t.id')
      .where((eb) => this.filterConditions(eb, query, this.dialect !== 'sqlite'))
      .orderBy(sql.ref('rank.score'))
      .orderBy('t.title')
      .orderBy('t.id')
      .execute();
    return rows.map((row) => row.id);
  }

  private async summaries(ids: string[]): Promise<TrainingSummaryRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('trainings as t')
      .leftJoin('providers as p', 'p.id', 't.provider_id')
      .leftJoin('regions as r', 'r.id', 't.region_id')
      .leftJoin('themes as th', 'th.id', 't.theme_id')
      .leftJoin('tracks as tr', 'tr.id', 't.track_id')
      .select([
        't.id',
        't.slug',
        't.title',
        't.module_number',
        't.module_title',
        't.duration_days',
        't.duration_minutes',
        't.public_text',
        'tr.title as track_title',
        'p.name as provider_name',
        'r.name as region_name',
        'th.name as theme_name',
      ])
      .where('t.id', 'in', ids)
      .execute();
    const sessions = await this.sessionsOf(ids);
    const byId = new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          slug: row.slug,
          title: row.title,
          moduleNumber: row.module_number,
          moduleTitle: row.module_title,
          trackTitle: row.track_title,
          providerName: row.provider_name,
          regionName: row.region_name,
          themeName: row.theme_name,
          durationDays: row.duration_days,
          durationMinutes: row.duration_minutes,
          publicText: row.public_text,
          sessions: sessions.filter((session) => session.trainingId === row.id),
        } satisfies TrainingSummaryRow,
      ]),
    );
    return ids.map((id) => byId.get(id)).filter((row): row is TrainingSummaryRow => row !== undefined);
  }

  private async sessionsOf(trainingIds: string[]): Promise<SessionRow[]> {
    const sessions = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('training_id', 'in', trainingIds)
      .orderBy('training_id')
      .orderBy('position')
      .execute();
    if (sessions.length === 0) return [];
    const days = await this.db
      .selectFrom('session_days as d')
      .leftJoin('half_days as h', 'h.session_day_id', 'd.id')
      .select(['d.session_id', 'd.date', 'h.period', 'h.start_time', 'h.end_time'])
      .where(
        'd.session_id',
        'in',
        sessions.map((s) => s.id),
      )
      // Per group, days by date then half-days by start: the index on (session_id, date) gives
      // that order, where sorting every row by date first needed a sort of the whole result.
      .orderBy('d.session_id')
      .orderBy('d.date')
      .orderBy('h.start_time')
      .execute();
    const held = await this.heldSeats(sessions.map((s) => s.id));
    const daysBySession = new Map<string, SessionRow['days']>();
    for (const row of days) {
      const list = daysBySession.get(row.session_id) ?? [];
      let day = list[list.length - 1];
      if (!day || day.date !== row.date) {
        day = { date: row.date, halfDays: [] };
        list.push(day);
      }
      if (row.period && row.start_time && row.end_time) day.halfDays.push({ period: row.period, startTime: row.start_time, endTime: row.end_time });
      daysBySession.set(row.session_id, list);
    }
    return sessions.map((s) => ({
      id: s.id,
      trainingId: s.training_id,
      position: s.position,
      label: s.label,
      venueName: s.venue_name,
      address: s.address,
      postcode: s.postcode,
      city: s.city,
      status: s.status,
      minTrainees: s.min_trainees,
      maxTrainees: s.max_trainees,
      registrationDeadline: s.registration_deadline,
      isDemo: s.is_demo === 1,
      days: daysBySession.get(s.id) ?? [],
      confirmed: held.get(s.id)?.confirmed ?? 0,
      pending: held.get(s.id)?.pending ?? 0,
      liveOffers: held.get(s.id)?.offered ?? 0,
    }));
  }

  /**
   * Seats held per group. An offer counts until the job (or the next registration) expires it,
   * at most a minute after its end: the page may show one seat fewer for that minute.
   */
  private async heldSeats(sessionIds: string[]): Promise<Map<string, { confirmed: number; pending: number; offered: number }>> {
    const held = new Map<string, { confirmed: number; pending: number; offered: number }>();
    const rows = await this.db
      .selectFrom('registrations')
      .select((eb) => ['session_id', 'status', eb.fn.countAll<number>().as('total')])
      .where('session_id', 'in', sessionIds)
      .where('status', 'in', ['confirmed', 'pending', 'offered'])
      .groupBy(['session_id', 'status'])
      .execute();
    for (const row of rows) {
      const entry = held.get(row.session_id) ?? { confirmed: 0, pending: 0, offered: 0 };
      if (row.status === 'confirmed') entry.confirmed += Number(row.total);
      else if (row.status === 'pending') entry.pending += Number(row.total);
      else entry.offered += Number(row.total);
      held.set(row.session_id, entry);
    }
    return held;
  }

  private async detail(id: string): Promise<TrainingDetailRow | undefined> {
    const [summary] = await this.summaries([id]);
    const t = await this.db
      .selectFrom('trainings as t')
      .innerJoin('funders as f', 'f.id', 't.funder_id')
      .leftJoin('providers as p', 'p.id', 't.provider_id')
      .leftJoin('funder_contacts as c', 'c.id', 't.contact_id')
      .select([
        't.status',
        't.context',
        't.prerequisites',
        't.capacity_max',
        't.track_id',
        't.updated_at',
        'f.name as funder_name',
        'p.name as provider_name',
        'p.siret as provider_siret',
        'p.nda as provider_nda',
        'p.city as provider_city',
        'c.name as contact_name',
        'c.email as contact_email',
        'c.phone as contact_phone',
      ])
      .where('t.id', '=', id)
      .executeTakeFirst();
    if (!summary || !t) return undefined;
    // The three text lists in one query (each query costs its build and prepare).
    const listQuery = (table: ListTable) =>
      this.db.selectFrom(table).select([sql<ListTable>`${sql.lit(table)}`.as('list'), 'position', 'text']).where('training_id', '=', id);
    const [listRows, extraSections, cofunders, trackModules, requiredModules] = await Promise.all([
      listQuery('training_sectors').unionAll(listQuery('training_objectives')).unionAll(listQuery('training_content_items')).execute(),
      this.db.selectFrom('training_extra_sections').select(['heading', 'body']).where('training_id', '=', id).orderBy('position').execute(),
      this.db
        .selectFrom('training_cofunders as tc')
        .innerJoin('cofunders as c', 'c.id', 'tc.cofunder_id')
        .select('c.name')
        .where('tc.training_id', '=', id)
        .orderBy('tc.position')
        .execute(),
      t.track_id
        ? this.db
            .selectFrom('trainings')
            .select(['slug', 'title', 'module_number', 'status'])
            .where('track_id', '=', t.track_id)
            .where('status', '<>', 'archived')
            .orderBy('module_number')
            .execute()
        : Promise.resolve([]),
      this.db
        .selectFrom('training_prerequisites as tp')
        .innerJoin('trainings as r', 'r.id', 'tp.required_training_id')
        .select(['r.slug', 'r.title', 'r.module_number'])
        .where('tp.training_id', '=', id)
        .orderBy('r.module_number')
        .execute(),
    ]);
    const list = (table: ListTable) =>
      listRows
        .filter((row) => row.list === table)
        .sort((a, b) => a.position - b.position)
        .map((row) => row.text);
    const [sectors, objectives, content] = [list('training_sectors'), list('training_objectives'), list('training_content_items')];
    return {
      ...summary,
      funderName: t.funder_name,
      status: t.status,
      sectors,
      context: t.context,
      objectives,
      prerequisites: t.prerequisites,
      content,
      capacityMax: t.capacity_max,
      extraSections,
      contact: t.contact_name ? { name: t.contact_name, email: t.contact_email, phone: t.contact_phone } : null,
      provider: t.provider_name ? { name: t.provider_name, siret: t.provider_siret, nda: t.provider_nda, city: t.provider_city } : null,
      cofunders: cofunders.map((row) => row.name),
      trackModules: trackModules.map((m) => ({ slug: m.slug, title: m.title, moduleNumber: m.module_number, isPublished: m.status === 'published' })),
      requiredModules: requiredModules.map((m) => ({ slug: m.slug, title: m.title, moduleNumber: m.module_number })),
      updatedAt: t.updated_at,
    };
  }
}

/** FTS5: every term quoted (no operator can be injected) and matched as a prefix. */
function ftsQuery(terms: string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '')}"*`).join(' ');
}

/** tsquery: terms are letters and digits only, each a prefix, all required. */
function tsQuery(terms: string[]): string {
  return terms.map((term) => `${term.replace(/[^\p{L}\p{N}]/gu, '')}:*`).join(' & ');
}
