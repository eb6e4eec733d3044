/**
 * Which read use case answers a listing, by who asks: an HR contact reads their employer's
 * registrations, the funder's staff a group or their validation queue, the provider a group's
 * participants. Each use case checks the policy itself; this only picks the one that applies.
 */
import { DomainError } from '../../../domain/errors.js';
import type { RegistrationStatus } from '../../../domain/registrations/registrationStatus.js';
import { actingFunderId, type Acting } from '../../../use-cases/accounts/requestContext.js';
import { managedEmployerIds } from '../../../use-cases/registrations/manageStaff.js';
import { listEmployerRegistrations, listPendingApprovals, readGroup, type RegistrationView } from '../../../use-cases/registrations/registrationQueries.js';
import type { AppContext } from '../../context.js';
import { employerOf } from './apiAccess.js';

/**
 * A group's registrations: all of them for the funder's staff, the confirmed participants for
 * the provider, only their own employer's for an HR contact (the others are not theirs to see).
 */
export async function registrationsOfGroup(context: AppContext, acting: Acting, sessionId: string): Promise<RegistrationView[]> {
  const employerIds = managedEmployerIds(acting);
  try {
    return (await readGroup(context.database, acting, sessionId, context.clock.now())).registrations;
  } catch (error) {
    // readGroup answers 404 for a group that does not exist, 403 to anyone not steering or running it.
    if (!(error instanceof DomainError && error.code === 'FORBIDDEN') || employerIds.length === 0) throw error;
  }
  const lists = await Promise.all(employerIds.map((employerId) => listEmployerRegistrations(context.database, acting, employerId, { sessionId })));
  return lists.flat();
}

export interface RegistrationFilter {
  status?: RegistrationStatus[];
  sessionId?: string;
  employerId?: string;
}

export async function listRegistrations(context: AppContext, acting: Acting, filter: RegistrationFilter): Promise<RegistrationView[]> {
  const statuses = filter.status && filter.status.length > 0 ? filter.status : undefined;
  if (filter.employerId !== undefined || managedEmployerIds(acting).length > 0) {
    return listEmployerRegistrations(context.database, acting, employerOf(acting, filter.employerId), { statuses, sessionId: filter.sessionId });
  }
  if (filter.sessionId !== undefined) {
    const views = await registrationsOfGroup(context, acting, filter.sessionId);
    return statuses ? views.filter((view) => statuses.includes(view.status)) : views;
  }
  const funderId = actingFunderId(acting);
  if (funderId !== null && statuses?.length === 1 && statuses[0] === 'pending') return listPendingApprovals(context.database, acting, funderId);
  throw new DomainError('VALIDATION_FAILED', 'Précisez le groupe (?sessionId=…), l’établissement (?employerId=…) ou, pour la file de validation du financeur, ?status=pending.', {
    fields: { sessionId: 'Obligatoire.' },
  });
}
