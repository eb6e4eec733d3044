import type { ComponentChildren } from 'preact';
import { Notice } from '../admin/Notice.js';
import { Layout } from '../layout/Layout.js';
import { SpaceNav } from '../layout/SpaceNav.js';
import { employerHref, employerNameOf, type EmployerFrame } from './employerFrame.js';

const SECTIONS = [
  { path: '/employeur', label: 'Accueil' },
  { path: '/employeur/personnel', label: 'Mon personnel' },
  { path: '/employeur/inscriptions', label: 'Mes inscriptions' },
] as const;

function isCurrent(sectionPath: string, path: string): boolean {
  return sectionPath === '/employeur' ? path === '/employeur' : path === sectionPath || path.startsWith(`${sectionPath}/`);
}

/** The frame of every employer page: layout, sections, establishment, title, success notice. */
export function EmployerPage({ frame, title, notice, intro, children }: { frame: EmployerFrame; title: string; notice?: string | null; intro?: ComponentChildren; children: ComponentChildren }) {
  return (
    <Layout title={`${title} — Espace employeur`} page={frame.page}>
      <div class="admin employer">
        <SpaceNav
          label="Espace employeur"
          sections={[
            ...SECTIONS.map((section) => ({ href: employerHref(frame, section.path), label: section.label, current: isCurrent(section.path, frame.page.path) })),
            { href: '/', label: 'Catalogue des formations', current: false },
          ]}
          // For HR contacts of several establishments: back to the section's first page.
          switcher={{
            action: [...SECTIONS].reverse().find((item) => isCurrent(item.path, frame.page.path))?.path ?? '/employeur',
            name: 'etablissement',
            id: 'employeur-etablissement',
            label: 'Établissement',
            options: frame.employers,
            selected: frame.employerId,
          }}
        />
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
