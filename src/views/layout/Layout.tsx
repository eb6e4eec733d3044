import type { ComponentChildren } from 'preact';
import { ANONYMOUS_PAGE, type PageContext } from '../pageContext.js';

export interface LayoutProps {
  title: string;
  description?: string;
  page?: PageContext;
  children: ComponentChildren;
}

const SPACE_LINKS = {
  catalogue: { href: '/', label: 'Catalogue' },
  employer: { href: '/employeur', label: 'Espace employeur' },
  provider: { href: '/organisme', label: 'Espace organisme' },
  steering: { href: '/pilotage', label: 'Pilotage' },
  admin: { href: '/admin', label: 'Administration' },
} as const;

function NavLink({ href, label, path }: { href: string; label: string; path: string }) {
  const current = href === '/' ? path === '/' || path.startsWith('/formations') : path.startsWith(href);
  return (
    <li>
      <a href={href} aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}

/** The page frame: skip link, header with the spaces and who is signed in, main landmark, footer. */
export function Layout({ title, description, page = ANONYMOUS_PAGE, children }: LayoutProps) {
  const links = page.spaces.flatMap((space) => (space in SPACE_LINKS ? [SPACE_LINKS[space as keyof typeof SPACE_LINKS]] : []));
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Relais`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/styles.css" />
        <link rel="stylesheet" href="/static/forms.css" />
        <link rel="stylesheet" href="/static/admin.css" />
        <link rel="stylesheet" href="/static/employer.css" />
        <link rel="stylesheet" href="/static/steering.css" />
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
                {links.map((link) => (
                  <NavLink href={link.href} label={link.label} path={page.path} />
                ))}
                <NavLink href="/api/docs" label="API" path={page.path} />
                {page.user ? (
                  <>
                    <NavLink href="/mon-compte" label="Mon compte" path={page.path} />
                    <li>
                      <form method="post" action="/deconnexion" class="nav__logout">
                        {page.csrfToken ? <input type="hidden" name="_csrf" value={page.csrfToken} /> : null}
                        <button type="submit" class="nav__button">
                          Se déconnecter
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <NavLink href="/connexion" label="Se connecter" path={page.path} />
                )}
              </ul>
            </nav>
          </div>
          {page.user ? (
            <div class="container site-header__user">
              <p>
                Connecté·e : <strong>{page.user.displayName}</strong> <span class="site-header__email">({page.user.email})</span>
              </p>
            </div>
          ) : null}
        </header>
        <main id="contenu" tabIndex={-1}>
          <div class="container">{children}</div>
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>Relais — catalogue des actions collectives de formation financées par les OPCO et leurs partenaires.</p>
            <p>
              <a href="/donnees-personnelles">Données personnelles</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
