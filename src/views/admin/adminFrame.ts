import type { PageContext } from '../pageContext.js';

/** What every admin page knows: the page frame and the funder being administered. */
export interface AdminFrame {
  page: PageContext;
  /** The funders this person administers for the page's purpose (at least one). */
  funders: ReadonlyArray<{ id: string; name: string }>;
  funderId: string;
}

/** An admin URL that keeps the chosen funder when the person administers several. */
export function adminHref(frame: AdminFrame, path: string): string {
  if (frame.funders.length <= 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}financeur=${encodeURIComponent(frame.funderId)}`;
}

export function funderNameOf(frame: AdminFrame): string {
  return frame.funders.find((funder) => funder.id === frame.funderId)?.name ?? '';
}
