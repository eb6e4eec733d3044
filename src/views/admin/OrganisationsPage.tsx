import type { CofunderRow, EmployerRow, ProviderRow } from '../../db/repositories/organisationDirectoryRepository.js';
import { ActiveToggle, StatusText } from './ActiveToggle.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';

export interface OrganisationsPageProps {
  frame: AdminFrame;
  search: string;
  employers: EmployerRow[];
  providers: ProviderRow[];
  cofunders: CofunderRow[];
  notice: string | null;
}

function toggleAction(frame: AdminFrame, base: string, id: string, active: boolean) {
  return adminHref(frame, `${base}/${encodeURIComponent(id)}/${active ? 'desactiver' : 'reactiver'}`);
}

function Empty({ search, colSpan }: { search: string; colSpan: number }) {
  return (
    <tr>
      <td colSpan={colSpan}>{search ? 'Aucun résultat pour cette recherche.' : 'Aucune organisation pour l’instant.'}</td>
    </tr>
  );
}

/** Employers of the administered funder, and the shared directories of providers and co-funders. */
export function OrganisationsPage({ frame, search, employers, providers, cofunders, notice }: OrganisationsPageProps) {
  const csrf = frame.page.csrfToken;
  return (
    <AdminPage frame={frame} title="Organisations" notice={notice}>
      <form method="get" action="/admin/organisations" class="admin-search" role="search">
        {frame.funders.length > 1 ? <input type="hidden" name="financeur" value={frame.funderId} /> : null}
        <label for="recherche">Rechercher une organisation (nom ou SIRET)</label>
        <div class="admin-search__row">
          <input id="recherche" name="q" type="search" value={search} maxLength={200} />
          <button type="submit" class="button button--primary">
            Rechercher
          </button>
        </div>
        {search ? (
          <p>
            <a href={adminHref(frame, '/admin/organisations')}>Effacer la recherche</a>
          </p>
        ) : null}
      </form>

      <nav aria-label="Types d’organisation" class="admin-tabs">
        <ul>
          <li>
            <a href="#etablissements">Établissements adhérents ({employers.length})</a>
          </li>
          <li>
            <a href="#organismes">Organismes de formation ({providers.length})</a>
          </li>
          <li>
            <a href="#cofinanceurs">Cofinanceurs ({cofunders.length})</a>
          </li>
        </ul>
      </nav>

      <p>
        <a href={adminHref(frame, '/admin/organisations/financeur')}>Modifier la fiche du financeur</a> (nom, site, région, effectifs par défaut des groupes)
      </p>

      <section aria-labelledby="etablissements" class="admin-section">
        <div class="admin-section__head">
          <h2 id="etablissements">Établissements adhérents</h2>
          <a class="button button--primary" href={adminHref(frame, '/admin/organisations/employeurs/nouveau')}>
            Ajouter un établissement
          </a>
        </div>
        <div class="admin-table-wrap">
          <table class="admin-table">
            <caption>Établissements adhérents du financeur{search ? ` correspondant à « ${search} »` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Raison sociale</th>
                <th scope="col">SIRET</th>
                <th scope="col">Secteur</th>
                <th scope="col">Région</th>
                <th scope="col">Ville</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {employers.length === 0 ? <Empty search={search} colSpan={7} /> : null}
              {employers.map((employer) => (
                <tr key={employer.id}>
                  <th scope="row">
                    <a href={adminHref(frame, `/admin/organisations/employeurs/${encodeURIComponent(employer.id)}`)}>{employer.name}</a>
                  </th>
                  <td>{employer.siret}</td>
                  <td>{employer.sector}</td>
                  <td>{employer.regionName ?? '—'}</td>
                  <td>{[employer.postcode, employer.city].filter(Boolean).join(' ') || '—'}</td>
                  <td>
                    <StatusText active={employer.isActive} />
                  </td>
                  <td>
                    <ActiveToggle action={toggleAction(frame, '/admin/organisations/employeurs', employer.id, employer.isActive)} active={employer.isActive} csrfToken={csrf} subject={employer.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="organismes" class="admin-section">
        <div class="admin-section__head">
          <h2 id="organismes">Organismes de formation</h2>
          <a class="button button--primary" href={adminHref(frame, '/admin/organisations/organismes/nouveau')}>
            Ajouter un organisme
          </a>
        </div>
        <div class="admin-table-wrap">
          <table class="admin-table">
            <caption>Organismes de formation (annuaire partagé){search ? ` correspondant à « ${search} »` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">SIRET</th>
                <th scope="col">NDA</th>
                <th scope="col">Courriel</th>
                <th scope="col">Ville</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {providers.length === 0 ? <Empty search={search} colSpan={7} /> : null}
              {providers.map((provider) => (
                <tr key={provider.id}>
                  <th scope="row">
                    <a href={adminHref(frame, `/admin/organisations/organismes/${encodeURIComponent(provider.id)}`)}>{provider.name}</a>
                  </th>
                  <td>{provider.siret ?? '—'}</td>
                  <td>{provider.nda ?? '—'}</td>
                  <td>{provider.email ?? '—'}</td>
                  <td>{provider.city ?? '—'}</td>
                  <td>
                    <StatusText active={provider.isActive} />
                  </td>
                  <td>
                    <ActiveToggle action={toggleAction(frame, '/admin/organisations/organismes', provider.id, provider.isActive)} active={provider.isActive} csrfToken={csrf} subject={provider.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cofinanceurs" class="admin-section">
        <div class="admin-section__head">
          <h2 id="cofinanceurs">Cofinanceurs</h2>
          <a class="button button--primary" href={adminHref(frame, '/admin/organisations/cofinanceurs/nouveau')}>
            Ajouter un cofinanceur
          </a>
        </div>
        <div class="admin-table-wrap">
          <table class="admin-table">
            <caption>Cofinanceurs (annuaire partagé){search ? ` correspondant à « ${search} »` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Code financeur LHEO</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {cofunders.length === 0 ? <Empty search={search} colSpan={4} /> : null}
              {cofunders.map((cofunder) => (
                <tr key={cofunder.id}>
                  <th scope="row">
                    <a href={adminHref(frame, `/admin/organisations/cofinanceurs/${encodeURIComponent(cofunder.id)}`)}>{cofunder.name}</a>
                  </th>
                  <td>{cofunder.lheoCode ?? '—'}</td>
                  <td>
                    <StatusText active={cofunder.isActive} />
                  </td>
                  <td>
                    <ActiveToggle action={toggleAction(frame, '/admin/organisations/cofinanceurs', cofunder.id, cofunder.isActive)} active={cofunder.isActive} csrfToken={csrf} subject={cofunder.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AdminPage>
  );
}
