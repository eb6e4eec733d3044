import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { showSession } from '../../../use-cases/showSession.js';
import type { AppContext } from '../../context.js';
import { presentSessionDetail } from '../../presenters/cataloguePresenter.js';
import { IdParamsSchema } from '../schemas.js';

export const sessionApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  app.get(
    '/sessions/:id',
    {
      schema: {
        tags: ['Catalogue'],
        summary: 'Un groupe (session) d’une formation publiée, avec ses places restantes',
        params: IdParamsSchema,
        response: { 200: Type.Ref('SessionDetail'), 404: Type.Ref('Error') },
      },
    },
    async (request) => presentSessionDetail(await showSession(context.database, context.clock, request.params.id), context.config.baseUrl),
  );
};
