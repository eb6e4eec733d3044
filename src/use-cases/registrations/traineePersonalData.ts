/**
 * A staff member's personal data (RGPD): the HR contact of their employer, or an admin of
 * the employer's funder, may download everything Relais holds about them (JSON) and erase it.
 * Erasure anonymises the person (registrations stay, without a name, for the funder's
 * figures) and is refused while the person still has a registration in progress: cancel it
 * first, so that no convocation goes to a person who no longer exists.
 */
import type { Database } from '../../db/database.js';
import { can } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { professionLabel } from '../../domain/registrations/professions.js';
import { STATUS_LABELS } from '../../domain/registrations/registrationStatus.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { inTransaction, repositoriesOn, type Repositories } from '../repositories.js';

async function traineeFor(repos: Repositories, acting: Acting, traineeId: string) {
  const trainee = await repos.trainees.findById(traineeId);
  if (!trainee) throw notFound('Personne');
  const employer = await repos.organisations.findOrganisation('employer', trainee.employerId);
  const funderId = employer?.funderId ?? '';
  const resource = { type: 'employer' as const, employerId: trainee.employerId, funderId };
  if (!can(acting.actor, 'employer.people.manage', resource) && !can(acting.actor, 'organisations.manage', resource)) throw notFound('Personne');
  return { trainee, employerName: employer?.name ?? '', funderId };
}

export async function exportTraineeData(database: Database, clock: Clock, acting: Acting, traineeId: string) {
  const repos = repositoriesOn(database.db, database.dialect);
  const { trainee, employerName } = await traineeFor(repos, acting, traineeId);
  const registrations = await repos.registrations.list({ traineeId });
  return {
    exportedAt: clock.now().toISOString(),
    person: {
      firstName: trainee.firstName,
      lastName: trainee.lastName,
      email: trainee.email,
      profession: professionLabel(trainee.profession),
      employer: employerName,
      active: trainee.isActive,
      createdAt: trainee.createdAt,
    },
    registrations: registrations.map((registration) => ({
      training: registration.training.title,
      group: registration.session.label,
      city: registration.session.city,
      dates: [registration.session.firstDate, registration.session.lastDate].filter((date, index, all) => date !== null && all.indexOf(date) === index),
      status: STATUS_LABELS[registration.status],
      requestedAt: registration.requestedAt,
      justification: registration.declaration,
      funderDecisionReason: registration.decisionReason,
    })),
  };
}

export async function eraseTrainee(database: Database, clock: Clock, acting: Acting, traineeId: string): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const { trainee, funderId } = await traineeFor(repos, acting, traineeId);
    const inProgress = await repos.registrations.list({ traineeId, statuses: ['pending', 'confirmed', 'waitlisted', 'offered'] });
    const upcoming = inProgress.filter((registration) => registration.session.lastDate === null || registration.session.lastDate >= at.slice(0, 10));
    if (upcoming.length > 0) {
      throw new DomainError('CONFLICT', `Cette personne a encore ${upcoming.length} inscription(s) en cours : annulez-les d’abord dans « Mes inscriptions », puis effacez ses données.`);
    }
    await repos.trainees.anonymise(trainee.id, at);
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: 'trainee.erased',
        entityType: 'trainee',
        entityId: trainee.id,
        // No name in the log: the point is that it is gone.
        summary: 'Données personnelles d’une personne du personnel effacées (anonymisation)',
        funderId,
      },
      at,
    );
  });
}
