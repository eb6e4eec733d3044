/** « Mon personnel »: list, add, edit, withdraw and bring back staff members. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eraseTrainee, exportTraineeData } from '../../../use-cases/registrations/traineePersonalData.js';
import { addStaffMember, findStaffMember, listStaff, setStaffMemberActive, updateStaffMember } from '../../../use-cases/registrations/manageStaff.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import type { EmployerFrame } from '../../../views/employer/employerFrame.js';
import { noticeOf } from '../../../views/employer/notices.js';
import { EMPTY_STAFF, StaffMemberPage, StaffPage, type StaffValues } from '../../../views/employer/StaffPages.js';
import type { AppContext } from '../../context.js';
import { formErrorsOf, sendPage, statusOfFormError, textOf } from '../admin/adminRequest.js';
import { employerFrameOf, redirectWithNotice } from './employerRequest.js';

type Params = { Params: { id: string } };

const staffPath = (id: string) => `/employeur/personnel/${encodeURIComponent(id)}`;

function staffValuesOf(body: unknown): StaffValues {
  return {
    firstName: textOf(body, 'firstName', 200),
    lastName: textOf(body, 'lastName', 200),
    email: textOf(body, 'email', 254),
    profession: textOf(body, 'profession', 60),
  };
}

export function registerStaffRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock } = context;

  const staffPage = async (request: FastifyRequest, reply: FastifyReply, frame: EmployerFrame, values: StaffValues, errors: FormErrors | null, status = 200) => {
    const staff = await listStaff(database, request.acting, frame.employerId, { includeInactive: true });
    return sendPage(reply, StaffPage({ frame, staff, values, errors, notice: errors ? null : noticeOf(textOf(request.query, 'ok', 60)) }), status);
  };

  app.get('/employeur/personnel', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    return staffPage(request, reply, frame, EMPTY_STAFF, null);
  });

  app.post('/employeur/personnel', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const values = staffValuesOf(request.body);
    try {
      await addStaffMember(database, clock, request.acting, frame.employerId, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return staffPage(request, reply, frame, values, errors, statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, '/employeur/personnel', 'personne-ajoutee');
  });

  app.get<Params>('/employeur/personnel/:id', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const person = await findStaffMember(database, request.acting, request.params.id.slice(0, 100));
    const values = { firstName: person.firstName, lastName: person.lastName, email: person.email, profession: person.profession };
    return sendPage(reply, StaffMemberPage({ frame, person, values, errors: null, notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  app.post<Params>('/employeur/personnel/:id', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const id = request.params.id.slice(0, 100);
    const values = staffValuesOf(request.body);
    try {
      await updateStaffMember(database, clock, request.acting, id, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const person = await findStaffMember(database, request.acting, id);
      return sendPage(reply, StaffMemberPage({ frame, person, values, errors, notice: null }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, staffPath(id), 'personne-modifiee');
  });

  app.get<Params>('/employeur/personnel/:id/donnees.json', async (request, reply) => {
    await employerFrameOf(context, request, reply);
    const data = await exportTraineeData(database, clock, request.acting, request.params.id.slice(0, 100));
    return reply
      .header('Content-Disposition', 'attachment; filename="donnees-personnelles.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.post<Params>('/employeur/personnel/:id/effacer', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const id = request.params.id.slice(0, 100);
    try {
      await eraseTrainee(database, clock, request.acting, id);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const person = await findStaffMember(database, request.acting, id);
      const values = { firstName: person.firstName, lastName: person.lastName, email: person.email, profession: person.profession };
      return sendPage(reply, StaffMemberPage({ frame, person, values, errors, notice: null }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, '/employeur/personnel', 'personne-effacee');
  });

  for (const [verb, active, notice] of [
    ['desactiver', false, 'personne-retiree'],
    ['reactiver', true, 'personne-reactivee'],
  ] as const) {
    app.post<Params>(`/employeur/personnel/:id/${verb}`, async (request, reply) => {
      const frame = await employerFrameOf(context, request, reply);
      await setStaffMemberActive(database, clock, request.acting, request.params.id.slice(0, 100), active);
      return redirectWithNotice(reply, frame, '/employeur/personnel', notice);
    });
  }
}
