import type { ComponentChildren } from 'preact';
import { funderNameOf, type AdminFrame } from '../admin/adminFrame.js';
import { Notice } from '../admin/Notice.js';
import { Layout } from '../layout/Layout.js';
import { SpaceNav } from '../layout/SpaceNav.js';
import { steeringHref } from './links.js';

/** « Pilotage » pages share the admin frame: the funder steered, chosen with `?financeur=` among several. */
export type SteeringFrame = AdminFrame;

const SECTIONS = [
  { path: '/pilotage', label: 'Groupes et inscriptions' },
  { path: '/pilotage/validations', label: 'Validations' },
  { path: '/pilotage/decisions', label: 'Maintien ou annulation' },
] as const;

function isCurrent(sectionPath: string, path: string): boolean {
  return sectionPath === '/pilotage' ? path === '/pilotage' || path.startsWith('/pilotage/groupes') || path.startsWith('/pilotage/formations') : path === sectionPath;
}

function SteeringNav({ frame }: { frame: SteeringFrame }) {
  return (
    <SpaceNav
      label="Pilotage"
      sections={SECTIONS.map((section) => ({ href: steeringHref(frame, section.path), label: section.label, current: isCurrent(section.path, frame.page.path) }))}
      // Switching funder leads to the overview: a group of one funder is not another's.
      switcher={{ action: '/pilotage', name: 'financeur', id: 'pilotage-financeur', label: 'Financeur', options: frame.funders, selected: frame.funderId }}
    />
  );
}

/** A warning after an action that changed nothing (the record had changed meanwhile). */
function Alert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="steering-alert" role="alert">
      <p>{message}</p>
    </div>
  );
}

export interface SteeringPageProps {
  frame: SteeringFrame;
  title: string;
  notice?: string | null;
  alert?: string | null;
  intro?: ComponentChildren;
  children: ComponentChildren;
}

/** The frame of every « Pilotage » page: layout, sections, funder, title, messages. */
export function SteeringPage({ frame, title, notice, alert, intro, children }: SteeringPageProps) {
  return (
    <Layout title={`${title} — Pilotage`} page={frame.page}>
      <div class="admin">
        <SteeringNav frame={frame} />
        <div class="admin__content">
          <p class="admin__funder">
            Pilotage — <span>{funderNameOf(frame)}</span>
          </p>
          <h1>{title}</h1>
          {intro}
          <Notice message={notice} />
          <Alert message={alert} />
          {children}
        </div>
      </div>
    </Layout>
  );
}
