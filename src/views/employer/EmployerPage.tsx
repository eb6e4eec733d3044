import type { ComponentChildren } from 'preact';
import { Notice } from '../admin/Notice.js';
import { Layout } from '../layout/Layout.js';
import { employerHref, employerNameOf, type EmployerFrame } from './employerFrame.js';

const SECTIONS = [
  { path: '/employeur', label: 'Accueil' },
  { path: '/employeur/personnel', label: 'Mon personnel' },
  { path: '/employeur/inscriptions', label: 'Mes inscriptions' },
] as const;

function isCurrent(sectionPath: string, path: string): boolean {
  return sectionPath === '/employeur' ? path === '/employeur' : path === sectionPath || path.startsWith(`${sectionPath}/`);
}

/** The employers switch, for HR contacts of several establishments: back to the section's first page. */
function EmployerSwitch({ frame }: { frame: EmployerFrame }) {
  if (frame.employers.length <= 1) return null;
  const section = [...SECTIONS].reverse().find((item) => isCurrent(item.path, frame.page.path))?.path ?? '/employeur';
  return (
    <form method="get" action={section} class="admin-nav__funder">
      <label for="employeur-etablissement">Établissement</label>
      <select id="employeur-etablissement" name="etablissement">
        {frame.employers.map((employer) => (
          <option key={employer.id} value={employer.id} selected={employer.id === frame.employerId}>
            {employer.name}
          </option>
        ))}
      </select>
      <button type="submit" class="button">
        Changer
      </button>
    </form>
  );
}

/** The frame of every employer page: layout, sections, establishment, title, success notice. */
export function EmployerPage({ frame, title, notice, intro, children }: { frame: EmployerFrame; title: string; notice?: string | null; intro?: ComponentChildren; children: ComponentChildren }) {
  return (
    <Layout title={`${title} — Espace employeur`} page={frame.page}>
      <div class="admin employer">
        <div class="admin-nav">
          <nav aria-label="Espace employeur">
            <ul class="admin-nav__list">
              {SECTIONS.map((section) => (
                <li key={section.path}>
                  <a href={employerHref(frame, section.path)} aria-current={isCurrent(section.path, frame.page.path) ? 'page' : undefined}>
                    {section.label}
                  </a>
                </li>
              ))}
              <li>
                <a href="/">Catalogue des formations</a>
              </li>
            </ul>
          </nav>
          <EmployerSwitch frame={frame} />
        </div>
        <div class="admin__content">
          <p class="admin__funder">
            Espace employeur — <span>{employerNameOf(frame)}</span>
          </p>
          <h1>{title}</h1>
          {intro}
          <Notice message={notice} />
          {children}
        </div>
      </div>
    </Layout>
  );
}
