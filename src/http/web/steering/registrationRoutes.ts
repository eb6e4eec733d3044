/**
 * Acting on one registration from « Pilotage » (funder staff): validate, refuse with a reason,
 * cancel, move to another group of the same training. Each action is one use case; a refused
 * form shows its page again with the error next to the field, and an action on a registration
 * that changed meanwhile changes nothing and says so.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cancelRegistration } from '../../../use-cases/registrations/cancelRegistration.js';
import { decideRegistration } from '../../../use-cases/registrations/decideRegistration.js';
import { moveRegistration } from '../../../use-cases/registrations/moveRegistration.js';
import { findRegistration } from '../../../use-cases/registrations/registrationQueries.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import type { RowFormKind } from '../../../views/steering/RegistrationForms.js';
import type { SteeringFrame } from '../../../views/steering/SteeringPage.js';
import type { AppContext } from '../../context.js';
import { frameOf, textOf } from '../admin/adminRequest.js';
import { sendGroupPage, sendValidationsPage } from './steeringPages.js';
import { fieldRefusalOf, groupPath, idOf, isStale, redirectWith, returnToOf } from './steeringRequest.js';

type Params = { id: string };
type Request = FastifyRequest<{ Params: Params }>;

/** Codes of moveRegistration that are about the chosen group: shown next to the select. */
const MOVE_REFUSALS = ['VALIDATION_FAILED', 'CONFLICT', 'REGISTRATION_CLOSED', 'ALREADY_REGISTERED'];

export function registerRegistrationRoutes(app: FastifyInstance, context: AppContext): void {
  const { database } = context;

  /**
   * The frame and the registration acted on (read first to know its group). Only funder staff
   * pass (403 otherwise); another funder's registration does not exist for them (404).
   */
  async function actingOn(request: Request, reply: FastifyReply) {
    const frame = await frameOf(context, request, reply, 'registrations.manage');
    const registration = await findRegistration(database, request.acting, idOf(request.params));
    return { frame, registration, groupPage: groupPath(registration.session.id) };
  }

  /** Shows the page the form came from again, with the form's error next to its field. */
  function showRefused(request: Request, reply: FastifyReply, frame: SteeringFrame, on: { registrationId: string; sessionId: string; form: RowFormKind; value: string; inQueue: boolean }, refusal: { errors: FormErrors; status: number }) {
    const shown = { failed: { registrationId: on.registrationId, form: on.form, errors: refusal.errors, value: on.value }, status: refusal.status };
    return on.inQueue ? sendValidationsPage(context, request, reply, frame, shown) : sendGroupPage(context, request, reply, frame, on.sessionId, shown);
  }

  app.post<{ Params: Params }>('/pilotage/inscriptions/:id/valider', async (request, reply) => {
    const { frame, registration, groupPage } = await actingOn(request, reply);
    const back = returnToOf(request.body) === 'groupe' ? groupPage : '/pilotage/validations';
    try {
      await decideRegistration(context, request.acting, registration.id, { kind: 'approve' });
    } catch (error) {
      if (isStale(error)) return redirectWith(reply, frame, back, { alerte: 'deja-traitee' });
      throw error;
    }
    return redirectWith(reply, frame, back, { ok: 'inscription-validee' });
  });

  app.post<{ Params: Params }>('/pilotage/inscriptions/:id/refuser', async (request, reply) => {
    const { frame, registration, groupPage } = await actingOn(request, reply);
    const inQueue = returnToOf(request.body) === 'validations';
    const back = inQueue ? '/pilotage/validations' : groupPage;
    const reason = textOf(request.body, 'reason', 2000);
    try {
      await decideRegistration(context, request.acting, registration.id, { kind: 'reject', reason });
    } catch (error) {
      if (isStale(error)) return redirectWith(reply, frame, back, { alerte: 'deja-traitee' });
      const refusal = fieldRefusalOf(error, 'reason');
      if (!refusal) throw error;
      return showRefused(request, reply, frame, { registrationId: registration.id, sessionId: registration.session.id, form: 'reject', value: reason, inQueue }, refusal);
    }
    return redirectWith(reply, frame, back, { ok: 'inscription-refusee' });
  });

  app.post<{ Params: Params }>('/pilotage/inscriptions/:id/annuler', async (request, reply) => {
    const { frame, registration, groupPage } = await actingOn(request, reply);
    const reason = textOf(request.body, 'reason', 500);
    let late: boolean;
    try {
      late = (await cancelRegistration(context, request.acting, registration.id, { reason })).late;
    } catch (error) {
      if (isStale(error)) return redirectWith(reply, frame, groupPage, { alerte: 'deja-traitee' });
      throw error;
    }
    return redirectWith(reply, frame, groupPage, { ok: late ? 'inscription-annulee-tardive' : 'inscription-annulee' });
  });

  app.post<{ Params: Params }>('/pilotage/inscriptions/:id/deplacer', async (request, reply) => {
    const { frame, registration, groupPage } = await actingOn(request, reply);
    const target = textOf(request.body, 'targetSessionId', 100);
    const on = { registrationId: registration.id, sessionId: registration.session.id, form: 'move' as const, value: target, inQueue: false };
    if (target === '') {
      const message = 'Choisissez le groupe où inscrire la personne.';
      return showRefused(request, reply, frame, on, { errors: { message, fields: { targetSessionId: message } }, status: 422 });
    }
    try {
      await moveRegistration(context, request.acting, registration.id, target);
    } catch (error) {
      if (isStale(error)) return redirectWith(reply, frame, groupPage, { alerte: 'deja-traitee' });
      const refusal = fieldRefusalOf(error, 'targetSessionId', MOVE_REFUSALS);
      if (!refusal) throw error;
      return showRefused(request, reply, frame, on, refusal);
    }
    return redirectWith(reply, frame, groupPage, { ok: 'inscription-deplacee' });
  });
}
