/**
 * The public catalogue list: published trainings matching the filters, a page at a time.
 */
import type { Database } from '../db/database.js';
import type { CatalogueFacets, CatalogueFilters, TrainingSummaryRow } from '../db/repositories/catalogueRepository.js';
import { searchTermsOf } from '../domain/catalogue/searchTerms.js';
import type { Clock } from '../domain/clock.js';
import { parisDateOf } from '../domain/dates/calendarDate.js';
import { withAvailability, type CatalogueSession } from './catalogueSessions.js';
import { repositoriesOn } from './repositories.js';

export interface CatalogueSearch {
  q?: string;
  region?: string;
  theme?: string;
  sector?: string;
  city?: string;
  month?: string;
  available?: boolean;
  page?: number;
  perPage?: number;
}

export interface CatalogueTraining extends Omit<TrainingSummaryRow, 'sessions'> {
  sessions: CatalogueSession[];
}

export interface CataloguePage {
  items: CatalogueTraining[];
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export async function searchCatalogue(database: Database, clock: Clock, search: CatalogueSearch): Promise<CataloguePage> {
  const now = clock.now();
  const perPage = Math.min(Math.max(1, Math.trunc(search.perPage ?? DEFAULT_PER_PAGE)), MAX_PER_PAGE);
  const page = Math.max(1, Math.trunc(search.page ?? 1));
  const filters: CatalogueFilters = {
    searchTerms: searchTermsOf(search.q ?? ''),
    regionSlug: search.region || undefined,
    themeSlug: search.theme || undefined,
    sector: search.sector || undefined,
    city: search.city || undefined,
    month: search.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(search.month) ? search.month : undefined,
    availableOnly: search.available === true,
  };
  const { catalogue } = repositoriesOn(database.db, database.dialect);
  const { total, items } = await catalogue.search({
    filters,
    limit: perPage,
    offset: (page - 1) * perPage,
    today: parisDateOf(now),
    now: now.toISOString(),
  });
  return {
    items: items.map((item) => ({ ...item, sessions: withAvailability(item.sessions, now) })),
    total,
    page,
    perPage,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  };
}

/**
 * The values offered in the catalogue filters. They change only when the offer changes, yet
 * computing them scans every group: each instance keeps them for a short while.
 */
export class CatalogueFacetsCache {
  private cached: { at: number; today: string; facets: CatalogueFacets } | undefined;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {}

  async get(): Promise<CatalogueFacets> {
    const now = this.clock.now();
    const today = parisDateOf(now);
    if (this.cached && this.cached.today === today && now.getTime() - this.cached.at < this.ttlMs) return this.cached.facets;
    const facets = await repositoriesOn(this.database.db, this.database.dialect).catalogue.facets(today);
    this.cached = { at: now.getTime(), today, facets };
    return facets;
  }

  /** After a change to the offer made by this instance. */
  invalidate(): void {
    this.cached = undefined;
  }
}
