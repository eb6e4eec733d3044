import type { ComponentChildren } from 'preact';
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';

/** A page that only tells what happened and where to go next (link expired, mail sent…). */
export function AccountMessagePage({ context, title, children }: { context: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} page={context}>
      <div class="account-narrow account-message">
        <h1>{title}</h1>
        {children}
      </div>
    </Layout>
  );
}
