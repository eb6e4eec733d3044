import { Layout } from '../layout/Layout.js';

/** A French error page: what happened and where to go next. */
export function ErrorPage({ title, message }: { title: string; message: string }) {
  return (
    <Layout title={title}>
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
