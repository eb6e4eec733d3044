/**
 * Registering people into a group, reading and cancelling registrations. Thin: validate →
 * call the use case (which checks the policy and takes the locks) → present.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { cancelRegistration } from '../../../use-cases/registrations/cancelRegistration.js';
import { registerTrainees } from '../../../use-cases/registrations/registerTrainees.js';
import { findRegistration } from '../../../use-cases/registrations/registrationQueries.js';
import type { AppContext } from '../../context.js';
import { IdParamsSchema } from '../schemas.js';
import { requireIdempotencyKey, requireScopes } from './apiAccess.js';
import { presentRegistration, presentRegistrations } from './presenters.js';
import { listRegistrations, registrationsOfGroup } from './registrationReads.js';
import { CancelBodySchema, IdempotencyHeadersSchema, RegisterBodySchema, RegistrationQuerySchema } from './schemas.js';

const TAGS = ['Inscriptions'];
const ERRORS = { 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error') };

export const registrationRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  app.post(
    '/sessions/:id/registrations',
    {
      onRequest: requireScopes('registrations:write'),
      preValidation: requireIdempotencyKey,
      schema: {
        tags: TAGS,
        summary: 'Inscrire une ou plusieurs personnes à un groupe',
        description: [
          'Réservé au contact RH de l’établissement des personnes (jeton : registrations:write).',
          'Chaque personne est confirmée, mise en attente de validation du financeur, ou placée en liste d’attente quand le groupe est complet (ce n’est pas une erreur : 201 avec le statut waitlisted et la position).',
          'L’en-tête Idempotency-Key est obligatoire (400 IDEMPOTENCY_KEY_REQUIRED sinon ; 422 VALIDATION_FAILED si la clé est mal formée) : une demande renvoyée avec la même clé ne réinscrit personne et reçoit la première réponse, avec le statut 200 et l’en-tête Idempotency-Replayed: true.',
          'Refus : 409 REGISTRATION_CLOSED (groupe clos, annulé ou passé), 409 ALREADY_REGISTERED, 422 NOT_ELIGIBLE, 422 PREREQUISITE_MISSING, 422 IDEMPOTENCY_KEY_REUSED (clé déjà utilisée pour une autre demande).',
        ].join('\n\n'),
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: RegisterBodySchema,
        response: {
          201: Type.Ref('RegistrationResult', { description: 'Inscriptions enregistrées' }),
          200: Type.Ref('RegistrationResult', {
            description: 'Demande déjà traitée avec cette clé : la première réponse est renvoyée, rien n’est réinscrit',
            headers: { 'Idempotency-Replayed': { type: 'string', enum: ['true'], description: 'Présent (true) quand la réponse est rejouée' } },
          }),
          400: Type.Ref('Error'),
          409: Type.Ref('Error'),
          422: Type.Ref('Error'),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const result = await registerTrainees(context, request.acting, { sessionId: request.params.id, people: request.body.people, idempotencyKey: request.headers['idempotency-key'] });
      if (result.replayed) reply.header('Idempotency-Replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    '/sessions/:id/registrations',
    {
      onRequest: requireScopes('registrations:read'),
      schema: {
        tags: TAGS,
        summary: 'Les inscriptions d’un groupe',
        description:
          'Personnel du financeur : toutes les inscriptions du groupe (jeton : registrations:read et steering:read). Organisme de formation : les participants confirmés. Contact RH : seulement les inscriptions de son établissement.',
        params: IdParamsSchema,
        response: { 200: Type.Ref('RegistrationList'), ...ERRORS },
      },
    },
    async (request) => presentRegistrations(await registrationsOfGroup(context, request.acting, request.params.id)),
  );

  app.get(
    '/registrations',
    {
      onRequest: requireScopes('registrations:read'),
      schema: {
        tags: TAGS,
        summary: 'Des inscriptions, filtrées',
        description:
          'Contact RH : les inscriptions de son établissement (employerId s’il en gère plusieurs), filtrables par statut et par groupe. Personnel du financeur : sessionId (un groupe) ou employerId (un établissement) obligatoire, ou status=pending pour la file de validation (jeton : steering:read en plus). Les plus récentes d’abord.',
        querystring: RegistrationQuerySchema,
        response: { 200: Type.Ref('RegistrationList'), 400: Type.Ref('Error'), 422: Type.Ref('Error'), ...ERRORS },
      },
    },
    async (request) => presentRegistrations(await listRegistrations(context, request.acting, request.query)),
  );

  app.get(
    '/registrations/:id',
    {
      onRequest: requireScopes('registrations:read'),
      schema: {
        tags: TAGS,
        summary: 'Une inscription',
        description: 'Pour le contact RH de l’établissement et le personnel du financeur ; 404 pour toute autre personne.',
        params: IdParamsSchema,
        response: { 200: Type.Ref('Registration'), ...ERRORS },
      },
    },
    async (request) => presentRegistration(await findRegistration(context.database, request.acting, request.params.id)),
  );

  app.post(
    '/registrations/:id/cancel',
    {
      onRequest: requireScopes('registrations:write'),
      // The body is optional: none is an empty one (Fastify would validate `undefined` and refuse it).
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags: TAGS,
        summary: 'Annuler une inscription',
        description:
          'Contact RH de l’établissement ou personnel du financeur (jeton : registrations:write). La place libérée est aussitôt proposée à la première personne de la liste d’attente. Après la date limite d’inscription, l’annulation est acceptée mais notée tardive (late: true). Corps facultatif.',
        params: IdParamsSchema,
        body: CancelBodySchema,
        response: { 200: Type.Ref('CancelResult'), 400: Type.Ref('Error'), 409: Type.Ref('Error'), ...ERRORS },
      },
    },
    async (request) => cancelRegistration(context, request.acting, request.params.id, { reason: request.body.reason }),
  );
};
