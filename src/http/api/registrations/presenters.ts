/**
 * Registration records → API JSON, in the shapes of ./schemas.ts. Only what an API client
 * needs: the declaration (a justification, possibly sensitive) and the audit details stay in
 * Relais.
 */
import type { Trainee } from '../../../db/repositories/traineeRepository.js';
import { professionLabel } from '../../../domain/registrations/professions.js';
import { STATUS_LABELS } from '../../../domain/registrations/registrationStatus.js';
import type { RegistrationView } from '../../../use-cases/registrations/registrationQueries.js';

export function presentTrainee(trainee: Trainee) {
  return {
    id: trainee.id,
    employerId: trainee.employerId,
    firstName: trainee.firstName,
    lastName: trainee.lastName,
    email: trainee.email,
    profession: trainee.profession,
    professionLabel: professionLabel(trainee.profession),
    active: trainee.isActive,
  };
}

export function presentRegistration(view: RegistrationView) {
  return {
    id: view.id,
    status: view.status,
    statusLabel: STATUS_LABELS[view.status],
    waitlistPosition: view.waitlistPosition,
    offerExpiresAt: view.offerExpiresAt,
    requestedAt: view.requestedAt,
    isLateCancellation: view.isLateCancellation,
    cancelReason: view.cancelReason,
    trainee: view.trainee,
    employer: view.employer,
    session: { id: view.session.id, label: view.session.label, city: view.session.city, firstDate: view.session.firstDate, lastDate: view.session.lastDate },
    training: view.training,
  };
}

export function presentRegistrations(views: readonly RegistrationView[]) {
  return { items: views.map(presentRegistration) };
}
