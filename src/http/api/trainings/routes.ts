import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { searchCatalogue } from '../../../use-cases/searchCatalogue.js';
import { showTraining } from '../../../use-cases/showTraining.js';
import type { AppContext } from '../../context.js';
import { presentTrainingDetail, presentTrainingList } from '../../presenters/cataloguePresenter.js';
import { CatalogueQuerySchema, IdParamsSchema } from '../schemas.js';

export const trainingApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  app.get(
    '/trainings',
    {
      schema: {
        tags: ['Catalogue'],
        summary: 'Formations publiées (recherche, filtres, pagination)',
        querystring: CatalogueQuerySchema,
        response: { 200: Type.Ref('TrainingList'), 400: Type.Ref('Error') },
      },
    },
    async (request) => {
      const page = await searchCatalogue(context.database, context.clock, request.query);
      return presentTrainingList(page, context.config.baseUrl);
    },
  );

  app.get(
    '/trainings/:id',
    {
      schema: {
        tags: ['Catalogue'],
        summary: 'Une formation publiée avec tous les champs de sa fiche et ses groupes',
        description: 'Accepte l’identifiant ou le slug de la formation.',
        params: IdParamsSchema,
        response: { 200: Type.Ref('TrainingDetail'), 404: Type.Ref('Error') },
      },
    },
    async (request) => {
      const { id } = request.params;
      const training = await showTraining(context.database, context.clock, isOpaqueId(id) ? { id } : { slug: id });
      return presentTrainingDetail(training, context.config.baseUrl);
    },
  );
};

function isOpaqueId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
