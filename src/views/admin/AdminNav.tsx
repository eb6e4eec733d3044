import { adminHref, type AdminFrame } from './adminFrame.js';

const SECTIONS = [
  { path: '/admin', label: 'Accueil' },
  { path: '/admin/organisations', label: 'Organisations' },
  { path: '/admin/personnes', label: 'Personnes' },
  { path: '/admin/journal', label: 'Journal' },
  { path: '/admin/courriels', label: 'Courriels envoyés' },
  { path: '/admin/conservation', label: 'Conservation des données' },
] as const;

function isCurrent(sectionPath: string, path: string): boolean {
  return sectionPath === '/admin' ? path === '/admin' : path === sectionPath || path.startsWith(`${sectionPath}/`);
}

/** The admin sections, and a funder switch for people who administer several funders. */
export function AdminNav({ frame }: { frame: AdminFrame }) {
  // Switching funder leads to the section's first page: a record of one funder is not another's.
  const section = [...SECTIONS].reverse().find((item) => isCurrent(item.path, frame.page.path))?.path ?? '/admin';
  return (
    <div class="admin-nav">
      <nav aria-label="Administration">
        <ul class="admin-nav__list">
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <a href={adminHref(frame, section.path)} aria-current={isCurrent(section.path, frame.page.path) ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {frame.funders.length > 1 ? (
        <form method="get" action={section} class="admin-nav__funder">
          <label for="admin-financeur">Financeur administré</label>
          <select id="admin-financeur" name="financeur">
            {frame.funders.map((funder) => (
              <option key={funder.id} value={funder.id} selected={funder.id === frame.funderId}>
                {funder.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button">
            Changer
          </button>
        </form>
      ) : null}
    </div>
  );
}
