/** « Pilotage » lists: the groups of every published training, the validation queue, the decisions to take. */
import type { FastifyInstance } from 'fastify';
import { parisDateOf } from '../../../domain/dates/calendarDate.js';
import { listGroupsBelowMinimum } from '../../../use-cases/registrations/registrationQueries.js';
import { readSteeringOverview } from '../../../use-cases/registrations/steeringQueries.js';
import { DecisionsPage } from '../../../views/steering/DecisionsPage.js';
import { alertOf, noticeOf } from '../../../views/steering/format.js';
import { SteeringHomePage } from '../../../views/steering/SteeringHomePage.js';
import type { AppContext } from '../../context.js';
import { frameOf, sendPage, textOf } from '../admin/adminRequest.js';
import { sendValidationsPage } from './steeringPages.js';

export function registerDashboardRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock } = context;

  app.get('/pilotage', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'funder.steer');
    const includePast = textOf(request.query, 'passes', 2) === '1';
    const overview = await readSteeringOverview(database, request.acting, frame.funderId, clock.now(), { includePast });
    return sendPage(reply, SteeringHomePage({ frame, overview, includePast }));
  });

  app.get('/pilotage/validations', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'funder.steer');
    return sendValidationsPage(context, request, reply, frame);
  });

  app.get('/pilotage/decisions', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'funder.steer');
    const groups = await listGroupsBelowMinimum(database, request.acting, frame.funderId, parisDateOf(clock.now()));
    // Soonest first: the closer the start, the more urgent the decision.
    groups.sort((a, b) => (a.facts.firstDate ?? '').localeCompare(b.facts.firstDate ?? ''));
    return sendPage(reply, DecisionsPage({ frame, groups, notice: noticeOf(textOf(request.query, 'ok', 60)), alert: alertOf(textOf(request.query, 'alerte', 60)) }));
  });
}
