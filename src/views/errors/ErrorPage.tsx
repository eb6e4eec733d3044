import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';

/** A French error page: what happened and where to go next. */
export function ErrorPage({ title, message, context }: { title: string; message: string; context?: PageContext }) {
  return (
    <Layout title={title} page={context}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/" class="button button--primary">
            Retour au catalogue
          </a>
        </p>
      </div>
    </Layout>
  );
}
