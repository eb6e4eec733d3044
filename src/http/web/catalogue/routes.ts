import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { searchCatalogue, type CatalogueSearch } from '../../../use-cases/searchCatalogue.js';
import { showTraining } from '../../../use-cases/showTraining.js';
import { CatalogueListPage } from '../../../views/catalogue/CatalogueListPage.js';
import { TrainingPage } from '../../../views/catalogue/TrainingPage.js';
import { renderPage } from '../../../views/render.js';
import type { AppContext } from '../../context.js';
import { pageContextOf } from '../pageContext.js';
import { AnonymousPageCache } from './anonymousPageCache.js';

type RawQuery = Record<string, string | string[] | undefined>;

/** Reads the catalogue's French query string leniently: a bad value is ignored, never an error. */
export function catalogueSearchOf(query: RawQuery): CatalogueSearch {
  const text = (name: string, max = 200) => {
    const value = query[name];
    const single = Array.isArray(value) ? value[0] : value;
    return typeof single === 'string' && single.trim() !== '' ? single.trim().slice(0, max) : undefined;
  };
  const page = Number(text('page'));
  return {
    q: text('q'),
    region: text('region', 80),
    theme: text('theme', 120),
    sector: text('secteur', 120),
    city: text('ville', 120),
    month: text('mois', 7),
    available: text('places') === '1',
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export const catalogueWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const cache = new AnonymousPageCache(context.database, context.config.catalogueCacheSeconds);
  // Signed-in visitors get their own header (name, logout form): never shared.
  const cached = (request: FastifyRequest, render: () => Promise<string>): Promise<Buffer | string> => (request.signedIn ? render() : cache.page(request.url, render));

  app.get('/', async (request, reply) => {
    const html = await cached(request, async () => {
      const search = catalogueSearchOf(request.query as RawQuery);
      const [page, facets] = await Promise.all([searchCatalogue(context.database, context.clock, search), context.catalogueFacets.get()]);
      return renderPage(CatalogueListPage({ page, search, facets, context: pageContextOf(request, reply) }));
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get<{ Params: { slug: string } }>('/formations/:slug', async (request, reply) => {
    const html = await cached(request, async () => {
      const training = await showTraining(context.database, context.clock, { slug: request.params.slug.slice(0, 200) });
      return renderPage(TrainingPage({ training, context: pageContextOf(request, reply) }));
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });
};
