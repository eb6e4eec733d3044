import { CsrfField } from '../admin/FieldError.js';
import { groupHref } from './links.js';
import type { SteeringFrame } from './SteeringPage.js';

/** Where « Maintenir » was pressed, to go back there. */
export type MaintainReturnTo = 'decisions' | 'groupe';

export function MaintainForm({ frame, sessionId, subject, returnTo }: { frame: SteeringFrame; sessionId: string; subject: string; returnTo: MaintainReturnTo }) {
  return (
    <form method="post" action={groupHref(frame, sessionId, '/maintenir')} class="admin-inline-form">
      <CsrfField token={frame.page.csrfToken} />
      <input type="hidden" name="retour" value={returnTo} />
      <button type="submit" class="button">
        Maintenir<span class="visually-hidden"> le groupe {subject}</span>
      </button>
    </form>
  );
}
