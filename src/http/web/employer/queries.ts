/**
 * Reads of the employer pages that no use case answers as such: a group as the register form
 * shows it (the public catalogue's facts, the training's registration rules, the seats and
 * the waitlist counted now). Everything here is public or the employer's own.
 */
import { sessionAvailability } from '../../../domain/catalogue/sessionAvailability.js';
import { parisDateOf } from '../../../domain/dates/calendarDate.js';
import { notFound } from '../../../domain/errors.js';
import { parseEligibleProfessions } from '../../../domain/registrations/professions.js';
import { ACTIVE_STATUSES, STATUS_LABELS } from '../../../domain/registrations/registrationStatus.js';
import type { Acting } from '../../../use-cases/accounts/requestContext.js';
import { listEmployerRegistrations } from '../../../use-cases/registrations/registrationQueries.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import { showSession } from '../../../use-cases/showSession.js';
import { groupName } from '../../../views/employer/format.js';
import type { AlreadyIn } from '../../../views/employer/RegisterFormPage.js';
import type { RegistrationGroup } from '../../../views/employer/registrationGroup.js';
import type { AppContext } from '../../context.js';

/** A published group with its rules and its seats counted now; 404 for anything else. */
export async function registrationGroupOf(context: AppContext, sessionId: string): Promise<RegistrationGroup> {
  const { database, clock } = context;
  const detail = await showSession(database, clock, sessionId);
  const repos = repositoriesOn(database.db, database.dialect);
  const facts = await repos.registrations.groupFacts(sessionId);
  if (!facts) throw notFound('Groupe');
  const now = clock.now();
  const counts = await repos.registrations.countGroup(sessionId, now.toISOString());
  const session = detail.session;
  const place = [session.venueName, session.address, [session.postcode, session.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    sessionId,
    training: { id: facts.trainingId, title: facts.trainingTitle, slug: facts.trainingSlug },
    label: facts.label,
    city: facts.city,
    venue: session.venueName || session.address ? place : null,
    dates: session.dates,
    registrationDeadline: facts.registrationDeadline,
    availability: sessionAvailability(
      { status: facts.status, dates: session.dates, registrationDeadline: facts.registrationDeadline, maxTrainees: facts.maxTrainees, confirmed: counts.confirmed, pending: counts.pending, liveOffers: counts.liveOffers },
      parisDateOf(now),
      now,
    ),
    maxTrainees: facts.maxTrainees,
    waitlisted: counts.waitlisted,
    requiresApproval: facts.requiresApproval,
    requiresJustification: facts.requiresJustification,
    requiredTrainings: facts.requiredTrainings,
    eligibleProfessions: parseEligibleProfessions(facts.eligibleProfessions),
    employerCap: facts.employerCap,
    offerValidityHours: facts.offerValidityHours,
  };
}

/** Per trainee of the employer, where they already are in this group's training (one seat per training). */
export async function alreadyInTraining(context: AppContext, acting: Acting, employerId: string, sessionId: string, trainingId: string): Promise<AlreadyIn> {
  const active = await listEmployerRegistrations(context.database, acting, employerId, { statuses: ACTIVE_STATUSES });
  const notes: Record<string, string> = {};
  for (const registration of active) {
    if (registration.training.id !== trainingId) continue;
    const where = registration.session.id === sessionId ? 'ce groupe' : groupName(registration.session);
    notes[registration.trainee.id] = `déjà inscrit·e : ${where} (${STATUS_LABELS[registration.status].toLowerCase()})`;
  }
  return notes;
}
