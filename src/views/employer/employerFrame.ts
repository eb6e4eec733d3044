import type { PageContext } from '../pageContext.js';

/** What every page of the employer space knows: the page frame and the employer acted for. */
export interface EmployerFrame {
  page: PageContext;
  /** The employers this HR contact manages (at least one). */
  employers: ReadonlyArray<{ id: string; name: string }>;
  employerId: string;
}

/** A URL of the employer space that keeps the chosen employer when the person manages several. */
export function employerHref(frame: EmployerFrame, path: string): string {
  if (frame.employers.length <= 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}etablissement=${encodeURIComponent(frame.employerId)}`;
}

export function employerNameOf(frame: EmployerFrame): string {
  return frame.employers.find((employer) => employer.id === frame.employerId)?.name ?? '';
}
