import type { Space } from '../domain/accounts/policy.js';

/** What every page's frame needs to know about the visitor. */
export interface PageContext {
  user: { displayName: string; email: string } | null;
  spaces: Space[];
  /** For the forms of the page (and the header's logout button); null on pages without forms. */
  csrfToken: string | null;
  /** The path of the page, to mark the current menu entry. */
  path: string;
}

export const ANONYMOUS_PAGE: PageContext = { user: null, spaces: ['catalogue'], csrfToken: null, path: '/' };
