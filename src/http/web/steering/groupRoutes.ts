/**
 * One group in « Pilotage »: its page, « maintien ou annulation » (cancelling asks for a
 * confirmation and a reason first), and the CSV of its confirmed participants.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { participantsCsv, participantsCsvFilename } from '../../../documents/participantsCsv.js';
import { forbidden } from '../../../domain/errors.js';
import { cancelGroup, maintainGroup } from '../../../use-cases/registrations/groupDecisions.js';
import { readGroup } from '../../../use-cases/registrations/registrationQueries.js';
import { readParticipants } from '../../../use-cases/registrations/steeringQueries.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import { CancelGroupPage } from '../../../views/steering/CancelGroupPage.js';
import type { SteeringFrame } from '../../../views/steering/SteeringPage.js';
import type { AppContext } from '../../context.js';
import { frameOf, sendPage, textOf } from '../admin/adminRequest.js';
import { sendCsv } from './csvReply.js';
import { sendGroupPage } from './steeringPages.js';
import { fieldRefusalOf, frameWithFunder, groupPath, idOf, isStale, redirectWith } from './steeringRequest.js';

type Params = { id: string };
type Request = FastifyRequest<{ Params: Params }>;

export function registerGroupRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock } = context;

  app.get<{ Params: Params }>('/pilotage/groupes/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'funder.steer');
    return sendGroupPage(context, request, reply, frame, idOf(request.params));
  });

  app.post<{ Params: Params }>('/pilotage/groupes/:id/maintenir', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'registrations.manage');
    const sessionId = idOf(request.params);
    const back = textOf(request.body, 'retour', 20) === 'groupe' ? groupPath(sessionId) : '/pilotage/decisions';
    try {
      await maintainGroup(context, request.acting, sessionId);
    } catch (error) {
      if (isStale(error)) return redirectWith(reply, frame, back, { alerte: 'groupe-deja-annule' });
      throw error;
    }
    return redirectWith(reply, frame, back, { ok: 'groupe-maintenu' });
  });

  /** The confirmation page, for the funder's staff who may decide (readGroup checks who reads). */
  async function cancelPage(request: Request, reply: FastifyReply, frame: SteeringFrame, reason: string, errors: FormErrors | null, status: number) {
    const overview = await readGroup(database, request.acting, idOf(request.params), clock.now());
    if (overview.viewer !== 'funder') throw forbidden();
    return sendPage(reply, CancelGroupPage({ frame: frameWithFunder(frame, overview.facts.funderId), overview, reason, errors }), status);
  }

  app.get<{ Params: Params }>('/pilotage/groupes/:id/annuler', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'registrations.manage');
    return cancelPage(request, reply, frame, '', null, 200);
  });

  app.post<{ Params: Params }>('/pilotage/groupes/:id/annuler', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'registrations.manage');
    const sessionId = idOf(request.params);
    const reason = textOf(request.body, 'reason', 2000);
    try {
      await cancelGroup(context, request.acting, sessionId, reason);
    } catch (error) {
      if (isStale(error)) return redirectWith(reply, frame, groupPath(sessionId), { alerte: 'groupe-deja-annule' });
      const refusal = fieldRefusalOf(error, 'reason');
      if (!refusal) throw error;
      return cancelPage(request, reply, frame, reason, refusal.errors, refusal.status);
    }
    return redirectWith(reply, frame, groupPath(sessionId), { ok: 'groupe-annule' });
  });

  app.get<{ Params: Params }>('/pilotage/groupes/:id/participants.csv', async (request, reply) => {
    await frameOf(context, request, reply, 'funder.steer');
    const { facts, participants } = await readParticipants(database, request.acting, idOf(request.params), clock.now(), 'funder');
    return sendCsv(reply, participantsCsvFilename(facts), participantsCsv(participants));
  });
}
