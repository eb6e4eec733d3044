import type { CatalogueFacets } from '../../db/repositories/catalogueRepository.js';
import { availabilityLabel } from '../../domain/catalogue/sessionAvailability.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import type { CataloguePage, CatalogueSearch, CatalogueTraining } from '../../use-cases/searchCatalogue.js';
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { CatalogueFilters } from './CatalogueFilters.js';
import { catalogueUrl } from './catalogueUrl.js';
import { durationText, moduleLabel } from './format.js';
import { Pagination } from './Pagination.js';

function TrainingCard({ training }: { training: CatalogueTraining }) {
  const module = moduleLabel(training.moduleNumber, training.moduleTitle);
  const duration = durationText(training.durationDays, training.durationMinutes);
  // The list shows what one can still attend; past groups stay on the training page.
  const upcoming = training.sessions.filter((session) => session.availability.kind !== 'past');
  const pastCount = training.sessions.length - upcoming.length;
  return (
    <li class="card">
      <h3 class="card__title">
        <a href={`/formations/${training.slug}`}>{training.title}</a>
      </h3>
      <ul class="card__meta" aria-label="En bref">
        {module ? <li>{module}</li> : null}
        {training.providerName ? <li>Organisme : {training.providerName}</li> : null}
        {duration ? <li>Durée : {duration}</li> : null}
        {training.regionName ? <li>{training.regionName}</li> : null}
        {training.themeName ? <li>{training.themeName}</li> : null}
      </ul>
      {upcoming.length > 0 ? (
        <ul class="card__sessions" aria-label={`Groupes à venir de « ${training.title} »`}>
          {upcoming.map((session) => (
            <li class={`chip chip--${session.availability.kind}`}>
              <span class="chip__place">{session.city ?? session.label}</span>{' '}
              <span class="chip__dates">{formatFrenchDateList(session.dates)}</span>{' '}
              <span class="chip__state">{availabilityLabel(session.availability)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="card__empty">Aucun groupe à venir pour l’instant.</p>
      )}
      {pastCount > 0 ? <p class="card__past">{pastCount === 1 ? '1 session passée' : `${pastCount} sessions passées`}</p> : null}
    </li>
  );
}

function resultsText(page: CataloguePage): string {
  if (page.total === 0) return 'Aucune formation ne correspond à votre recherche.';
  const noun = page.total === 1 ? 'formation' : 'formations';
  return page.pageCount > 1 ? `${page.total} ${noun} — page ${page.page} sur ${page.pageCount}` : `${page.total} ${noun}`;
}

export function CatalogueListPage({ page, search, facets, context }: { page: CataloguePage; search: CatalogueSearch; facets: CatalogueFacets; context?: PageContext }) {
  const searching = Boolean(search.q || search.region || search.theme || search.sector || search.city || search.month || search.available);
  return (
    <Layout page={context} title={searching ? 'Résultats de recherche' : 'Catalogue des formations'} description="Catalogue des actions collectives de formation : modules, groupes, dates et places disponibles.">
      <div class="page-intro">
        <h1>Catalogue des formations</h1>
        <p class="lead">Actions collectives de formation pour les salariés des établissements adhérents : trouvez un module, ses groupes près de chez vous et les places disponibles.</p>
      </div>
      <div class="catalogue">
        <CatalogueFilters search={search} facets={facets} />
        <section class="results" aria-labelledby="resultats-titre">
          <h2 id="resultats-titre" class="results__count" aria-live="polite">
            {resultsText(page)}
          </h2>
          {page.total === 0 && searching ? (
            <p>
              Essayez d’autres mots ou <a href="/">affichez tout le catalogue</a>.
            </p>
          ) : null}
          <ol class="cards">
            {page.items.map((training) => (
              <TrainingCard training={training} />
            ))}
          </ol>
          <Pagination page={page.page} pageCount={page.pageCount} urlOf={(n) => catalogueUrl(search, n)} />
        </section>
      </div>
    </Layout>
  );
}
