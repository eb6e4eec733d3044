import { SpaceNav } from '../layout/SpaceNav.js';
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
  const section = [...SECTIONS].reverse().find((item) => isCurrent(item.path, frame.page.path))?.path ?? '/admin';
  return (
    <SpaceNav
      label="Administration"
      sections={SECTIONS.map((item) => ({ href: adminHref(frame, item.path), label: item.label, current: isCurrent(item.path, frame.page.path) }))}
      switcher={{ action: section, name: 'financeur', id: 'admin-financeur', label: 'Financeur administré', options: frame.funders, selected: frame.funderId }}
    />
  );
}
