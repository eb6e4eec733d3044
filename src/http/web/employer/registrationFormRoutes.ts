/**
 * Registering staff into a group: the form (group facts, seats counted now, the staff to
 * tick, a justification when the training asks for one) and its answer, person by person.
 * A refusal (closed, not eligible, prerequisite, already registered) writes nothing and
 * shows the form again with the use case's French message and the values kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../../../db/ids.js';
import { DomainError, type DomainErrorCode } from '../../../domain/errors.js';
import { listStaff } from '../../../use-cases/registrations/manageStaff.js';
import { MAX_PEOPLE_PER_REQUEST, registerTrainees } from '../../../use-cases/registrations/registerTrainees.js';
import type { EmployerFrame } from '../../../views/employer/employerFrame.js';
import { justificationField, RegisterFormPage, type RegisterRefusal, type RegisterValues } from '../../../views/employer/RegisterFormPage.js';
import { RegisterResultPage } from '../../../views/employer/RegisterResultPage.js';
import { asksJustification } from '../../../views/employer/registrationGroup.js';
import type { AppContext } from '../../context.js';
import { formList, formText } from '../accounts/formBody.js';
import { sendPage } from '../admin/adminRequest.js';
import { employerFrameOf } from './employerRequest.js';
import { alreadyInTraining, registrationGroupOf } from './queries.js';

type Params = { Params: { sessionId: string } };

/** The refusals shown in the form; anything else (404, 403…) goes to the error pages. */
const REFUSALS: readonly DomainErrorCode[] = ['REGISTRATION_CLOSED', 'NOT_ELIGIBLE', 'PREREQUISITE_MISSING', 'ALREADY_REGISTERED', 'IDEMPOTENCY_KEY_REUSED', 'VALIDATION_FAILED'];

function refusalOf(error: unknown): RegisterRefusal | null {
  if (!(error instanceof DomainError) || !REFUSALS.includes(error.code)) return null;
  const problems = Array.isArray(error.details.problems) ? error.details.problems.filter((problem): problem is string => typeof problem === 'string') : [];
  const fields = error.details.fields as Record<string, unknown> | undefined;
  // The key is the form's, not the person's: a form sent back after a change gets a fresh one.
  const message = error.code === 'IDEMPOTENCY_KEY_REUSED' ? 'Ce formulaire avait déjà servi pour une autre inscription. Vérifiez les personnes cochées, puis envoyez de nouveau le formulaire.' : error.message;
  return { problems: problems.length > 0 ? problems : [message], peopleError: typeof fields?.people === 'string' ? error.message : undefined };
}

const STATUS_OF_REFUSAL: Partial<Record<DomainErrorCode, number>> = { REGISTRATION_CLOSED: 409, ALREADY_REGISTERED: 409 };

export function registerRegistrationFormRoutes(app: FastifyInstance, context: AppContext): void {
  const { database } = context;

  const formPage = async (request: FastifyRequest<Params>, reply: FastifyReply, frame: EmployerFrame, values: RegisterValues, refusal: RegisterRefusal | null, status: number) => {
    const sessionId = request.params.sessionId.slice(0, 100);
    const group = await registrationGroupOf(context, sessionId);
    const [staff, alreadyIn] = await Promise.all([listStaff(database, request.acting, frame.employerId), alreadyInTraining(context, request.acting, frame.employerId, sessionId, group.training.id)]);
    return sendPage(reply, RegisterFormPage({ frame, group, staff, alreadyIn, values, idempotencyKey: newId(), refusal }), status);
  };

  app.get<Params>('/employeur/inscrire/:sessionId', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    return formPage(request, reply, frame, { traineeIds: [], declarations: {} }, null, 200);
  });

  app.post<Params>('/employeur/inscrire/:sessionId', async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const sessionId = request.params.sessionId.slice(0, 100);
    // One more than allowed, so that the use case (not a silent cut) refuses too many people.
    const traineeIds = formList(request.body, 'people', MAX_PEOPLE_PER_REQUEST + 1);
    const declarations: Record<string, string> = {};
    for (const traineeId of traineeIds) declarations[traineeId] = formText(request.body, justificationField(traineeId), 4000);
    const values: RegisterValues = { traineeIds, declarations };
    const group = await registrationGroupOf(context, sessionId);
    try {
      const result = await registerTrainees(context, request.acting, {
        sessionId,
        // Justifications only count where the form asks for them.
        people: traineeIds.map((traineeId) => ({ traineeId, declaration: asksJustification(group) ? declarations[traineeId] : null })),
        idempotencyKey: formText(request.body, 'idempotencyKey', 200) || null,
      });
      const staff = await listStaff(database, request.acting, frame.employerId, { includeInactive: true });
      const emails = Object.fromEntries(staff.map((person) => [person.id, person.email]));
      return sendPage(reply, RegisterResultPage({ frame, group: await registrationGroupOf(context, sessionId), outcomes: result.outcomes, emails, replayed: result.replayed }), result.replayed ? 200 : 201);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal || !(error instanceof DomainError)) throw error;
      return formPage(request, reply, frame, values, refusal, STATUS_OF_REFUSAL[error.code] ?? 422);
    }
  });
}
