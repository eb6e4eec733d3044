/**
 * The pages a « Pilotage » form may have to show again with its error next to the field (the
 * validation queue, a group): loaded and sent the same way for a GET and for a refused POST.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listPendingApprovals } from '../../../use-cases/registrations/registrationQueries.js';
import { readSteeringGroup } from '../../../use-cases/registrations/steeringQueries.js';
import { alertOf, noticeOf } from '../../../views/steering/format.js';
import { GroupPage } from '../../../views/steering/GroupPage.js';
import type { RowFormError } from '../../../views/steering/RegistrationForms.js';
import type { SteeringFrame } from '../../../views/steering/SteeringPage.js';
import { ValidationsPage } from '../../../views/steering/ValidationsPage.js';
import type { AppContext } from '../../context.js';
import { sendPage, textOf } from '../admin/adminRequest.js';
import { frameWithFunder } from './steeringRequest.js';

export interface Shown {
  /** The refused form, shown with its error; the notices of the URL are then left out. */
  failed: RowFormError | null;
  status: number;
}

const SHOWN: Shown = { failed: null, status: 200 };

function messagesOf(request: FastifyRequest, failed: RowFormError | null) {
  if (failed) return { notice: null, alert: null };
  return { notice: noticeOf(textOf(request.query, 'ok', 60)), alert: alertOf(textOf(request.query, 'alerte', 60)) };
}

export async function sendGroupPage(context: AppContext, request: FastifyRequest, reply: FastifyReply, frame: SteeringFrame, sessionId: string, shown: Shown = SHOWN) {
  const now = context.clock.now();
  const view = await readSteeringGroup(context.database, request.acting, sessionId, now);
  const page = GroupPage({ frame: frameWithFunder(frame, view.overview.facts.funderId), view, now, failed: shown.failed, ...messagesOf(request, shown.failed) });
  return sendPage(reply, page, shown.status);
}

export async function sendValidationsPage(context: AppContext, request: FastifyRequest, reply: FastifyReply, frame: SteeringFrame, shown: Shown = SHOWN) {
  const pending = await listPendingApprovals(context.database, request.acting, frame.funderId);
  return sendPage(reply, ValidationsPage({ frame, pending, failed: shown.failed, ...messagesOf(request, shown.failed) }), shown.status);
}
