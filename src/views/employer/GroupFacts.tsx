import { availabilityLabel } from '../../domain/catalogue/sessionAvailability.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import { professionLabel } from '../../domain/registrations/professions.js';
import { dateTimeText, plural } from './format.js';
import type { RegistrationGroup } from './registrationGroup.js';

function seatsText(group: RegistrationGroup): string {
  if (group.availability.kind === 'open') return `${availabilityLabel(group.availability)} sur ${group.maxTrainees}`;
  if (group.availability.kind === 'full') {
    const waiting = group.waitlisted > 0 ? ` — ${plural(group.waitlisted, 'personne attend', 'personnes attendent')} déjà une place` : '';
    return `Complet${waiting}`;
  }
  return availabilityLabel(group.availability);
}

function ValidationText({ group }: { group: RegistrationGroup }) {
  if (group.requiresApproval || group.requiresJustification) return <>Le financeur valide chaque inscription : une place est réservée en attendant sa décision.</>;
  if (group.requiredTrainings.length > 0) {
    return <>Les inscriptions sont confirmées aussitôt, dans la limite des places ; quand un module prérequis a été suivi ailleurs et décrit dans la justification, le financeur valide d’abord (une place est réservée en attendant).</>;
  }
  return <>Les inscriptions sont confirmées aussitôt, dans la limite des places.</>;
}

/** A group's facts and rules: dates, place, seats left (counted now), deadline, validation, prerequisites. */
export function GroupFacts({ group }: { group: RegistrationGroup }) {
  return (
    <dl class="admin-facts employer-group">
      <div>
        <dt>Formation</dt>
        <dd>
          <a href={`/formations/${encodeURIComponent(group.training.slug)}`}>{group.training.title}</a>
        </dd>
      </div>
      <div>
        <dt>Groupe</dt>
        <dd>
          {group.label}
          {group.city ? ` — ${group.city}` : ''}
        </dd>
      </div>
      <div>
        <dt>Dates</dt>
        <dd>{group.dates.length > 0 ? formatFrenchDateList(group.dates) : 'à venir'}</dd>
      </div>
      {group.venue ? (
        <div>
          <dt>Lieu</dt>
          <dd>{group.venue}</dd>
        </div>
      ) : null}
      <div>
        <dt>Places</dt>
        <dd>{seatsText(group)}</dd>
      </div>
      <div>
        <dt>Date limite d’inscription</dt>
        <dd>{group.registrationDeadline ? dateTimeText(group.registrationDeadline) : 'aucune (jusqu’au premier jour)'}</dd>
      </div>
      <div>
        <dt>Validation</dt>
        <dd>
          <ValidationText group={group} />
        </dd>
      </div>
      <div>
        <dt>Public</dt>
        <dd>{group.eligibleProfessions === null ? 'Toutes les professions' : group.eligibleProfessions.map(professionLabel).join(', ')}</dd>
      </div>
      {group.requiredTrainings.length > 0 || group.requiresJustification ? (
        <div>
          <dt>Prérequis</dt>
          <dd>
            {group.requiredTrainings.length > 0 ? `Avoir suivi ${group.requiredTrainings.map((required) => `« ${required.title} »`).join(', ')}.` : null}
            {group.requiredTrainings.length > 0 && group.requiresJustification ? ' ' : null}
            {group.requiresJustification ? 'Un prérequis vérifié par le financeur, à décrire dans la justification.' : null}
          </dd>
        </div>
      ) : null}
      {group.employerCap !== null ? (
        <div>
          <dt>Places par établissement</dt>
          <dd>Au plus {group.employerCap} par établissement, pour partager le groupe ; au-delà, vos personnes passent en liste d’attente. Cette limite est levée à l’approche du groupe.</dd>
        </div>
      ) : null}
    </dl>
  );
}
