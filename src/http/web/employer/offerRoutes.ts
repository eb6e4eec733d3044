/**
 * The offer links of the mails (`/offres/<token>`): the token is the proof, so they work
 * without signing in. Opening the link only shows the offer — mail scanners open links — and
 * the answer is a posted form (CSRF-protected like every form, anonymous visitors included).
 * An expired or answered offer gets a clear French page (410), not a generic error.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import { answerOffer, readOffer, type OfferAnswer } from '../../../use-cases/registrations/answerOffer.js';
import { OfferAnsweredPage, OfferPage, OfferUnavailablePage } from '../../../views/employer/OfferPages.js';
import type { AppContext } from '../../context.js';
import { sendPage } from '../admin/adminRequest.js';
import { pageContextOf } from '../pageContext.js';

type Params = { Params: { token: string } };

export const offerRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.addHook('onSend', async (_request, reply) => {
    // The token is in the URL: no cache, and no search engine, may keep the page.
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Robots-Tag', 'noindex');
  });

  /** Runs `work`; an offer no longer live becomes the 410 page. */
  const orUnavailable = async (request: FastifyRequest, reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'OFFER_UNAVAILABLE') throw error;
      return sendPage(reply, OfferUnavailablePage({ page: pageContextOf(request, reply), message: error.message }), 410);
    }
  };

  app.get<Params>('/offres/:token', async (request, reply) => {
    const token = request.params.token.slice(0, 200);
    return orUnavailable(request, reply, async () => {
      const offer = await readOffer(context, request.acting, { kind: 'token', token });
      return sendPage(reply, OfferPage({ page: pageContextOf(request, reply, { forms: true }), offer, action: `/offres/${encodeURIComponent(token)}` }));
    });
  });

  const answer = (choice: OfferAnswer) =>
    async function handler(request: FastifyRequest<Params>, reply: FastifyReply) {
      const token = request.params.token.slice(0, 200);
      return orUnavailable(request, reply, async () => {
        // Read first: once answered, the token no longer leads to the registration.
        const offer = await readOffer(context, request.acting, { kind: 'token', token });
        const result = await answerOffer(context, request.acting, { kind: 'token', token }, choice);
        return sendPage(reply, OfferAnsweredPage({ page: pageContextOf(request, reply), offer, status: result.status }));
      });
    };
  app.post<Params>('/offres/:token/accepter', answer('accept'));
  app.post<Params>('/offres/:token/refuser', answer('decline'));
};
