/**
 * Espace organisme (provider staff: coordinators and trainers): the groups of the trainings the
 * provider delivers and their confirmed participants, with a CSV export. The policy's
 * 'provider.sessions.read' decides; another provider's group is refused (403).
 */
import type { FastifyPluginAsync } from 'fastify';
import { participantsCsv, participantsCsvFilename } from '../../../documents/participantsCsv.js';
import { readParticipants, readProviderGroups } from '../../../use-cases/registrations/steeringQueries.js';
import { ProviderGroupPage } from '../../../views/provider/ProviderGroupPage.js';
import { ProviderGroupsPage } from '../../../views/provider/ProviderGroupsPage.js';
import type { AppContext } from '../../context.js';
import { sendPage, textOf } from '../admin/adminRequest.js';
import { pageContextOf } from '../pageContext.js';
import { sendCsv } from '../steering/csvReply.js';
import { guardSignedInSpace } from '../steering/spaceGuards.js';
import { idOf } from '../steering/steeringRequest.js';

type Params = { id: string };

export const providerWebRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { database, clock } = context;
  guardSignedInSpace(app, '/organisme');

  app.get('/organisme', async (request, reply) => {
    const includePast = textOf(request.query, 'passes', 2) === '1';
    const { groups, pastGroupsHidden } = await readProviderGroups(database, request.acting, clock.now(), { includePast });
    return sendPage(reply, ProviderGroupsPage({ page: pageContextOf(request, reply), groups, includePast, pastGroupsHidden }));
  });

  app.get<{ Params: Params }>('/organisme/groupes/:id', async (request, reply) => {
    const group = await readParticipants(database, request.acting, idOf(request.params), clock.now(), 'provider');
    return sendPage(reply, ProviderGroupPage({ page: pageContextOf(request, reply), group }));
  });

  app.get<{ Params: Params }>('/organisme/groupes/:id/participants.csv', async (request, reply) => {
    const { facts, participants } = await readParticipants(database, request.acting, idOf(request.params), clock.now(), 'provider');
    return sendCsv(reply, participantsCsvFilename(facts), participantsCsv(participants));
  });
};
