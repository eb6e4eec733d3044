/** The home of the employer space: offers to answer, counts, where to go. */
import type { FastifyInstance } from 'fastify';
import { listStaff } from '../../../use-cases/registrations/manageStaff.js';
import { listEmployerRegistrations } from '../../../use-cases/registrations/registrationQueries.js';
import { EmployerHomePage } from '../../../views/employer/EmployerHomePage.js';
import { noticeOf } from '../../../views/employer/notices.js';
import type { AppContext } from '../../context.js';
import { sendPage, textOf } from '../admin/adminRequest.js';
import { employerFrameOf } from './employerRequest.js';

export function registerHomeRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/employeur', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const [staff, registrations] = await Promise.all([
      listStaff(context.database, request.acting, frame.employerId),
      listEmployerRegistrations(context.database, request.acting, frame.employerId, { statuses: ['confirmed', 'pending', 'waitlisted', 'offered'] }),
    ]);
    const now = context.clock.now();
    const count = (status: string) => registrations.filter((registration) => registration.status === status).length;
    // An offer past its expiry holds nothing any more, even before the job marks it expired.
    const offers = registrations
      .filter((registration) => registration.status === 'offered' && registration.offerExpiresAt !== null && new Date(registration.offerExpiresAt) > now)
      .sort((a, b) => (a.offerExpiresAt ?? '').localeCompare(b.offerExpiresAt ?? ''));
    return sendPage(
      reply,
      EmployerHomePage({
        frame,
        counts: { staff: staff.length, confirmed: count('confirmed'), pending: count('pending'), waitlisted: count('waitlisted') },
        offers,
        notice: noticeOf(textOf(request.query, 'ok', 60)),
      }),
    );
  });
}
