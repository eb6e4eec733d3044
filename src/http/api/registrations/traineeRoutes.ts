/** « Mon personnel » through the API: an HR system needs trainee ids to register people. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addStaffMember, findStaffMember, listStaff } from '../../../use-cases/registrations/manageStaff.js';
import type { AppContext } from '../../context.js';
import { employerOf, requireScopes } from './apiAccess.js';
import { presentTrainee } from './presenters.js';
import { NewTraineeSchema, TraineeQuerySchema } from './schemas.js';

const TAGS = ['Inscriptions'];
const ERRORS = { 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 422: Type.Ref('Error') };

export const traineeApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  app.get(
    '/trainees',
    {
      onRequest: requireScopes('registrations:read'),
      schema: {
        tags: TAGS,
        summary: 'Le personnel d’un établissement (personnes à inscrire)',
        description: 'Contact RH : le personnel de son établissement (employerId obligatoire s’il en gère plusieurs). Personnel du financeur : employerId obligatoire. Jeton : registrations:read.',
        querystring: TraineeQuerySchema,
        response: { 200: Type.Ref('TraineeList'), 400: Type.Ref('Error'), ...ERRORS },
      },
    },
    async (request) => {
      const employerId = employerOf(request.acting, request.query.employerId);
      const staff = await listStaff(context.database, request.acting, employerId, { includeInactive: request.query.includeInactive ?? false });
      return { items: staff.map(presentTrainee) };
    },
  );

  app.post(
    '/trainees',
    {
      onRequest: requireScopes('registrations:write', 'registrations:read'),
      schema: {
        tags: TAGS,
        summary: 'Ajouter une personne au personnel',
        description:
          'Réservé au contact RH de l’établissement. La fiche créée est renvoyée (jeton : registrations:write et registrations:read). Une adresse déjà utilisée dans le même établissement est refusée (409 CONFLICT) : modifiez la fiche existante dans Relais.',
        body: NewTraineeSchema,
        response: { 201: Type.Ref('Trainee'), 400: Type.Ref('Error'), 409: Type.Ref('Error'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { employerId, ...fields } = request.body;
      const id = await addStaffMember(context.database, context.clock, request.acting, employerOf(request.acting, employerId), fields);
      return reply.code(201).send(presentTrainee(await findStaffMember(context.database, request.acting, id)));
    },
  );
};
