import type { GroupLine } from '../../use-cases/registrations/steeringQueries.js';
import { GROUP_STATE_LABELS } from './format.js';

/** A group's state in words: « Décision à prendre » first, then « Maintenu », then the catalogue's state. */
export function GroupStateText({ line }: { line: Pick<GroupLine, 'state' | 'decisionNeeded' | 'maintainedAt'> }) {
  return (
    <ul class="admin-plain-list">
      {line.decisionNeeded ? (
        <li>
          <strong class="steering-flag steering-flag--decision">Décision à prendre</strong>
        </li>
      ) : null}
      {line.maintainedAt !== null && line.state !== 'cancelled' ? (
        <li>
          <span class="steering-flag steering-flag--kept">Maintenu</span>
        </li>
      ) : null}
      <li>
        <span class={line.state === 'cancelled' ? 'steering-flag steering-flag--cancelled' : undefined}>{GROUP_STATE_LABELS[line.state]}</span>
      </li>
    </ul>
  );
}
