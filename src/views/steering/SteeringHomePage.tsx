import type { GroupLine, SteeringOverview, TrainingLines } from '../../use-cases/registrations/steeringQueries.js';
import { groupName, moduleMention, periodText, plural } from './format.js';
import { GroupStateText } from './GroupStateText.js';
import { groupHref, settingsHref, steeringHref } from './links.js';
import { SteeringPage, type SteeringFrame } from './SteeringPage.js';

function GroupRow({ frame, line }: { frame: SteeringFrame; line: GroupLine }) {
  return (
    <tr>
      <th scope="row">
        <a href={groupHref(frame, line.sessionId)}>{groupName(line)}</a>
      </th>
      <td class="steering-dates">{periodText(line.firstDate, line.lastDate)}</td>
      <td>
        {line.minTrainees} / {line.maxTrainees}
      </td>
      <td>{line.tally.confirmed}</td>
      <td>{line.tally.pending}</td>
      <td>{line.tally.offered}</td>
      <td>{line.tally.waitlisted}</td>
      <td>{line.state === 'cancelled' ? '—' : line.freeSeats}</td>
      <td>
        <GroupStateText line={line} />
      </td>
    </tr>
  );
}

function TrainingSection({ frame, training, index }: { frame: SteeringFrame; training: TrainingLines; index: number }) {
  const headingId = `formation-${index}`;
  const module = moduleMention(training.title, training.moduleNumber, training.moduleTitle);
  return (
    <section aria-labelledby={headingId} class="admin-section">
      <div class="admin-section__head">
        <h2 id={headingId}>{training.title}</h2>
        <a href={settingsHref(frame, training.trainingId)}>
          Règles d’inscription<span class="visually-hidden"> de {training.title}</span>
        </a>
      </div>
      {module || training.providerName ? (
        <p class="admin-form__mention">{[module, training.providerName ? `Organisme : ${training.providerName}` : null].filter(Boolean).join(' · ')}</p>
      ) : null}
      <div class="admin-table-wrap">
        <table class="admin-table steering-table">
          <caption>Groupes de la formation ({training.groups.length})</caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col">Dates</th>
              <th scope="col">Min. / max.</th>
              <th scope="col">Confirmées</th>
              <th scope="col">À valider</th>
              <th scope="col">Places proposées</th>
              <th scope="col">Liste d’attente</th>
              <th scope="col">Places libres</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {training.groups.map((line) => (
              <GroupRow key={line.sessionId} frame={frame} line={line} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export interface SteeringHomeProps {
  frame: SteeringFrame;
  overview: SteeringOverview;
  includePast: boolean;
}

/** Every published training of the funder with its groups and their counts, and what waits for a decision. */
export function SteeringHomePage({ frame, overview, includePast }: SteeringHomeProps) {
  const pastToggle = includePast ? steeringHref(frame, '/pilotage') : steeringHref(frame, '/pilotage?passes=1');
  return (
    <SteeringPage frame={frame} title="Groupes et inscriptions" intro={<p class="lead">Suivez le remplissage des groupes, validez les demandes et décidez du maintien des groupes trop peu remplis.</p>}>
      <ul class="admin-cards">
        <li class="admin-card">
          <h2>
            <a href={steeringHref(frame, '/pilotage/validations')}>Validations</a>
          </h2>
          <p class="admin-count">{overview.pendingApprovals === 0 ? 'Aucune inscription à valider.' : `${plural(overview.pendingApprovals, 'inscription attend', 'inscriptions attendent')} votre validation.`}</p>
        </li>
        <li class="admin-card">
          <h2>
            <a href={steeringHref(frame, '/pilotage/decisions')}>Maintien ou annulation</a>
          </h2>
          <p class="admin-count">
            {overview.decisionsToTake === 0 ? 'Aucun groupe en attente de décision.' : `${plural(overview.decisionsToTake, 'groupe sous son minimum attend', 'groupes sous leur minimum attendent')} votre décision.`}
          </p>
        </li>
      </ul>
      {overview.trainings.length === 0 ? <p>{includePast ? 'Aucune formation publiée n’a de groupe.' : 'Aucune formation publiée n’a de groupe à venir.'}</p> : null}
      {overview.trainings.map((training, index) => (
        <TrainingSection key={training.trainingId} frame={frame} training={training} index={index} />
      ))}
      {includePast || overview.pastGroupsHidden > 0 ? (
        <p class="admin-section">
          <a href={pastToggle}>{includePast ? 'Masquer les groupes terminés' : `Afficher aussi les groupes terminés (${overview.pastGroupsHidden})`}</a>
        </p>
      ) : null}
    </SteeringPage>
  );
}
