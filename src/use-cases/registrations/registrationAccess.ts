/**
 * Who may act on one registration: the HR contacts of its employer (register, cancel, answer
 * an offer) and its funder's staff (everything, plus approvals and moves). Anyone else is told
 * it does not exist, so ids reveal nothing.
 */
import type { Registration } from '../../db/repositories/registrationRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { notFound } from '../../domain/errors.js';
import type { Acting } from '../accounts/requestContext.js';
import type { Repositories } from '../repositories.js';

export type RegistrationRole = 'employer' | 'funder';

export function roleOn(acting: Acting, registration: Pick<Registration, 'employer_id' | 'funder_id'>): RegistrationRole | null {
  if (can(acting.actor, 'registrations.manage', { type: 'funder', funderId: registration.funder_id })) return 'funder';
  if (can(acting.actor, 'employer.people.manage', { type: 'employer', employerId: registration.employer_id, funderId: registration.funder_id })) return 'employer';
  return null;
}

export async function registrationFor(repos: Repositories, acting: Acting, registrationId: string, allowed: readonly RegistrationRole[]): Promise<{ registration: Registration; role: RegistrationRole }> {
  const registration = await repos.registrations.findById(registrationId);
  const role = registration ? roleOn(acting, registration) : null;
  if (!registration || role === null || !allowed.includes(role)) throw notFound('Inscription');
  return { registration, role };
}
