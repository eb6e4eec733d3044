import type { CatalogueFacets } from '../../db/repositories/catalogueRepository.js';
import type { CatalogueSearch } from '../../use-cases/searchCatalogue.js';
import { monthLabel } from './format.js';

function Select({
  id,
  name,
  label,
  value,
  options,
  anyLabel = 'Toutes',
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  /** "Toutes" or "Tous", agreeing with the filter's noun. */
  anyLabel?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The search form: a GET form, so every search has a shareable URL and works without JavaScript. */
export function CatalogueFilters({ search, facets }: { search: CatalogueSearch; facets: CatalogueFacets }) {
  return (
    <form class="search" method="get" action="/" role="search" aria-label="Rechercher dans le catalogue">
      <div class="search__main">
        <label for="q" class="search__label">
          Rechercher une formation
        </label>
        <div class="search__row">
          <input id="q" name="q" type="search" value={search.q ?? ''} placeholder="Ex. : aller vers, précarité, Lille…" autoComplete="off" maxLength={200} />
          <button type="submit" class="button button--primary">
            Rechercher
          </button>
        </div>
      </div>
      <fieldset class="filters">
        <legend>Affiner</legend>
        <Select id="f-region" name="region" label="Région" value={search.region} options={facets.regions.map((r) => ({ value: r.slug, label: r.name }))} />
        <Select id="f-theme" name="theme" label="Thématique" value={search.theme} options={facets.themes.map((t) => ({ value: t.slug, label: t.name }))} />
        <Select id="f-secteur" name="secteur" label="Secteur" anyLabel="Tous" value={search.sector} options={facets.sectors.map((s) => ({ value: s, label: s }))} />
        <Select id="f-ville" name="ville" label="Ville" value={search.city} options={facets.cities.map((c) => ({ value: c, label: c }))} />
        <Select id="f-mois" name="mois" label="Mois" anyLabel="Tous" value={search.month} options={facets.months.map((m) => ({ value: m, label: monthLabel(m) }))} />
        <div class="field field--checkbox">
          <input id="f-places" name="places" type="checkbox" value="1" checked={search.available === true} />
          <label for="f-places">Places disponibles uniquement</label>
        </div>
        <div class="filters__actions">
          <button type="submit" class="button">
            Appliquer les filtres
          </button>
          <a href="/" class="link-reset">
            Réinitialiser
          </a>
        </div>
      </fieldset>
    </form>
  );
}
