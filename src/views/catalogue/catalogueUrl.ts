import type { CatalogueSearch } from '../../use-cases/searchCatalogue.js';

/** The shareable URL of a catalogue search; empty filters are left out. */
export function catalogueUrl(search: CatalogueSearch, page = 1): string {
  const params = new URLSearchParams();
  const add = (name: string, value: string | undefined) => {
    if (value) params.set(name, value);
  };
  add('q', search.q);
  add('region', search.region);
  add('theme', search.theme);
  add('secteur', search.sector);
  add('ville', search.city);
  add('mois', search.month);
  if (search.available) params.set('places', '1');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/?${query}` : '/';
}
