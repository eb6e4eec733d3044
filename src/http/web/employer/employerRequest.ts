/**
 * What every handler of the employer space needs: the employer acted for (chosen with
 * `?etablissement=` when the HR contact manages several), checked by the policy, and the
 * post/redirect/get of its forms.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../domain/accounts/policy.js';
import { forbidden } from '../../../domain/errors.js';
import { managedEmployerIds } from '../../../use-cases/registrations/manageStaff.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import { employerHref, type EmployerFrame } from '../../../views/employer/employerFrame.js';
import type { AppContext } from '../../context.js';
import { textOf } from '../admin/adminRequest.js';
import { pageContextOf } from '../pageContext.js';

/** The employers this person is HR contact of; nobody → 403 (funder staff use their own pages). */
export async function employerFrameOf(context: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<EmployerFrame> {
  const actor = request.acting.actor;
  const repos = repositoriesOn(context.database.db, context.database.dialect);
  const candidates = await Promise.all(managedEmployerIds(request.acting).map((id) => repos.organisations.findOrganisation('employer', id)));
  const employers = candidates.flatMap((employer) =>
    employer?.funderId && can(actor, 'employer.people.manage', { type: 'employer', employerId: employer.id, funderId: employer.funderId }) ? [{ id: employer.id, name: employer.name }] : [],
  );
  const first = employers[0];
  if (!first) throw forbidden();
  const requested = textOf(request.query, 'etablissement', 100);
  if (requested && !employers.some((employer) => employer.id === requested)) throw forbidden();
  return { page: pageContextOf(request, reply, { forms: true }), employers, employerId: requested || first.id };
}

/** Post/redirect/get: back to a page of the space with a success notice. */
export function redirectWithNotice(reply: FastifyReply, frame: EmployerFrame, path: string, notice: string) {
  return reply.redirect(employerHref(frame, `${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(notice)}`), 303);
}
