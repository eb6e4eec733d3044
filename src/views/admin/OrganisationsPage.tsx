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

interface OrganisationRowBase {
  id: string;
  name: string;
  isActive: boolean;
}

/**
 * One kind of organisation: a table whose first column is the name (a link to the record),
 * then the kind's own columns, then the status and the (de)activation button.
 */
function OrganisationSection<Row extends OrganisationRowBase>({
  frame,
  search,
  id,
  title,
  caption,
  addLabel,
  segment,
  rows,
  columns,
}: {
  frame: AdminFrame;
  search: string;
  id: string;
  title: string;
  caption: string;
  addLabel: string;
  segment: 'employeurs' | 'organismes' | 'cofinanceurs';
  rows: Row[];
  /** The first column is the name; the others say how to show their cell. */
  columns: [{ header: string }, ...Array<{ header: string; cell: (row: Row) => string }>];
}) {
  const base = `/admin/organisations/${segment}`;
  const [, ...otherColumns] = columns;
  const columnCount = columns.length + 2;
  return (
    <section aria-labelledby={id} class="admin-section">
      <div class="admin-section__head">
        <h2 id={id}>{title}</h2>
        <a class="button button--primary" href={adminHref(frame, `${base}/nouveau`)}>
          {addLabel}
        </a>
      </div>
      <div class="admin-table-wrap">
        <table class="admin-table">
          <caption>
            {caption}
            {search ? ` correspondant à « ${search} »` : ''}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col">{column.header}</th>
              ))}
              <th scope="col">Statut</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? <Empty search={search} colSpan={columnCount} /> : null}
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <a href={adminHref(frame, `${base}/${encodeURIComponent(row.id)}`)}>{row.name}</a>
                </th>
                {otherColumns.map((column) => (
                  <td>{column.cell(row)}</td>
                ))}
                <td>
                  <StatusText active={row.isActive} />
                </td>
                <td>
                  <ActiveToggle action={toggleAction(frame, base, row.id, row.isActive)} active={row.isActive} csrfToken={frame.page.csrfToken} subject={row.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Employers of the administered funder, and the shared directories of providers and co-funders. */
export function OrganisationsPage({ frame, search, employers, providers, cofunders, notice }: OrganisationsPageProps) {
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

      <OrganisationSection
        frame={frame}
        search={search}
        id="etablissements"
        title="Établissements adhérents"
        caption="Établissements adhérents du financeur"
        addLabel="Ajouter un établissement"
        segment="employeurs"
        rows={employers}
        columns={[
          { header: 'Raison sociale' },
          { header: 'SIRET', cell: (employer) => employer.siret },
          { header: 'Secteur', cell: (employer) => employer.sector },
          { header: 'Région', cell: (employer) => employer.regionName ?? '—' },
          { header: 'Ville', cell: (employer) => [employer.postcode, employer.city].filter(Boolean).join(' ') || '—' },
        ]}
      />
      <OrganisationSection
        frame={frame}
        search={search}
        id="organismes"
        title="Organismes de formation"
        caption="Organismes de formation (annuaire partagé)"
        addLabel="Ajouter un organisme"
        segment="organismes"
        rows={providers}
        columns={[
          { header: 'Nom' },
          { header: 'SIRET', cell: (provider) => provider.siret ?? '—' },
          { header: 'NDA', cell: (provider) => provider.nda ?? '—' },
          { header: 'Courriel', cell: (provider) => provider.email ?? '—' },
          { header: 'Ville', cell: (provider) => provider.city ?? '—' },
        ]}
      />
      <OrganisationSection
        frame={frame}
        search={search}
        id="cofinanceurs"
        title="Cofinanceurs"
        caption="Cofinanceurs (annuaire partagé)"
        addLabel="Ajouter un cofinanceur"
        segment="cofinanceurs"
        rows={cofunders}
        columns={[{ header: 'Nom' }, { header: 'Code financeur LHEO', cell: (cofunder) => cofunder.lheoCode ?? '—' }]}
      />
    </AdminPage>
  );
}
