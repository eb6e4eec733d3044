import type { ComponentChildren } from 'preact';
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';

/** The frame of « Espace organisme » pages. */
export function ProviderPage({ page, title, intro, children }: { page: PageContext; title: string; intro?: ComponentChildren; children: ComponentChildren }) {
  return (
    <Layout title={`${title} — Espace organisme`} page={page}>
      <div class="provider">
        <p class="admin__funder">Espace organisme de formation</p>
        <h1>{title}</h1>
        {intro}
        {children}
      </div>
    </Layout>
  );
}
