import type { ComponentChildren } from 'preact';
import { Layout } from '../layout/Layout.js';
import { AdminNav } from './AdminNav.js';
import { funderNameOf, type AdminFrame } from './adminFrame.js';
import { Notice } from './Notice.js';

/** The frame of every admin page: layout, admin sections, title, success notice. */
export function AdminPage({ frame, title, notice, children, intro }: { frame: AdminFrame; title: string; notice?: string | null; intro?: ComponentChildren; children: ComponentChildren }) {
  return (
    <Layout title={`${title} — Administration`} page={frame.page}>
      <div class="admin">
        <AdminNav frame={frame} />
        <div class="admin__content">
          <p class="admin__funder">
            Administration — <span>{funderNameOf(frame)}</span>
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
