import type { ComponentChildren } from 'preact';

export interface LayoutProps {
  title: string;
  description?: string;
  children: ComponentChildren;
}

/** The page frame: skip link, header with the spaces, main landmark, footer. */
export function Layout({ title, description, children }: LayoutProps) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Relais`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href="/static/styles.css" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href="/">
              <span class="brand__mark" aria-hidden="true">
                R
              </span>
              <span class="brand__name">Relais</span>{' '}
              <span class="brand__tagline">Actions collectives de formation</span>
            </a>
            <nav aria-label="Espaces">
              <ul class="nav">
                <li>
                  <a href="/">Catalogue</a>
                </li>
                <li>
                  <a href="/api/docs">API</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" tabIndex={-1}>
          <div class="container">{children}</div>
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>Relais — catalogue des actions collectives de formation financées par les OPCO et leurs partenaires.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
