import type { ComponentChildren } from 'preact';
import { funderNameOf, type AdminFrame } from '../admin/adminFrame.js';
import { Notice } from '../admin/Notice.js';
import { Layout } from '../layout/Layout.js';
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
    <div class="admin-nav">
      <nav aria-label="Pilotage">
        <ul class="admin-nav__list">
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <a href={steeringHref(frame, section.path)} aria-current={isCurrent(section.path, frame.page.path) ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {frame.funders.length > 1 ? (
        // Switching funder leads to the overview: a group of one funder is not another's.
        <form method="get" action="/pilotage" class="admin-nav__funder">
          <label for="pilotage-financeur">Financeur</label>
          <select id="pilotage-financeur" name="financeur">
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
