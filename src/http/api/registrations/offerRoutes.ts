/**
 * Answering a seat offered from the waitlist. The offer is the registration in status
 * « offered »; the API answers as the signed-in employer would (proof: the acting person).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { answerOffer, type OfferAnswer } from '../../../use-cases/registrations/answerOffer.js';
import type { AppContext } from '../../context.js';
import { IdParamsSchema } from '../schemas.js';
import { requireScopes } from './apiAccess.js';

const ANSWERS: Array<{ answer: OfferAnswer; summary: string; description: string }> = [
  {
    answer: 'accept',
    summary: 'Accepter une place proposée',
    description: 'La place est confirmée (ou mise en attente de validation quand le financeur valide les inscriptions).',
  },
  {
    answer: 'decline',
    summary: 'Refuser une place proposée',
    description: 'L’inscription est annulée et la place passe aussitôt à la personne suivante de la liste d’attente.',
  },
];

export const offerApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  for (const { answer, summary, description } of ANSWERS) {
    app.post(
      `/offers/:id/${answer}`,
      {
        onRequest: requireScopes('registrations:write'),
        schema: {
          tags: ['Inscriptions'],
          summary,
          description: `${description} L’identifiant est celui de l’inscription au statut offered (jeton : registrations:write). Une proposition expirée ou qui a déjà reçu une réponse : 410 OFFER_UNAVAILABLE.`,
          params: IdParamsSchema,
          response: { 200: Type.Ref('OfferAnswer'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 410: Type.Ref('Error') },
        },
      },
      async (request) => answerOffer(context, request.acting, { kind: 'acting', registrationId: request.params.id }, answer),
    );
  }
};
