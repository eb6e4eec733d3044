/**
 * « Mes inscriptions »: the list (by group or by person), cancelling after a confirmation
 * page, the convocation downloads of confirmed registrations, and the answers to offers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { convocationFileStem, convocationUnavailableReason, loadConvocationFacts } from '../../../documents/convocation/convocationDocuments.js';
import { renderConvocationIcs } from '../../../documents/convocation/convocationIcs.js';
import { renderConvocationPdf } from '../../../documents/convocation/convocationPdf.js';
import { DomainError, notFound } from '../../../domain/errors.js';
import { answerOffer, type OfferAnswer } from '../../../use-cases/registrations/answerOffer.js';
import { cancelRegistration } from '../../../use-cases/registrations/cancelRegistration.js';
import { findRegistration, listEmployerRegistrations } from '../../../use-cases/registrations/registrationQueries.js';
import { CancelPage } from '../../../views/employer/CancelPage.js';
import { noticeOf } from '../../../views/employer/notices.js';
import { OfferUnavailablePage } from '../../../views/employer/OfferPages.js';
import { RegistrationsPage } from '../../../views/employer/RegistrationsPage.js';
import type { AppContext } from '../../context.js';
import { sendPage, textOf } from '../admin/adminRequest.js';
import { formText } from '../accounts/formBody.js';
import { employerFrameOf, redirectWithNotice } from './employerRequest.js';

type Params = { Params: { id: string } };

const LIST_PATH = '/employeur/inscriptions';

export function registerMyRegistrationsRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock } = context;

  /** The registration, if it is one of the employers' this person manages (404 otherwise, ids reveal nothing). */
  const ownRegistration = async (request: FastifyRequest<Params>, employerIds: readonly string[]) => {
    const registration = await findRegistration(database, request.acting, request.params.id.slice(0, 100));
    if (!employerIds.includes(registration.employer.id)) throw notFound('Inscription');
    return registration;
  };

  app.get(LIST_PATH, async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const registrations = await listEmployerRegistrations(database, request.acting, frame.employerId);
    const query = { view: textOf(request.query, 'vue', 20) === 'personnes' ? ('personnes' as const) : ('groupes' as const), ended: textOf(request.query, 'terminees', 2) === '1' };
    return sendPage(reply, RegistrationsPage({ frame, registrations, query, now: clock.now(), notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  /** A confirmed registration's convocation, as a download; 404 when there is none to give. */
  const convocation = (format: 'pdf' | 'ics') =>
    async function handler(request: FastifyRequest<Params>, reply: FastifyReply) {
      const frame = await employerFrameOf(context, request, reply);
      const registration = await ownRegistration(request, frame.employers.map((employer) => employer.id));
      const facts = await loadConvocationFacts(database, registration.id);
      if (!facts || convocationUnavailableReason(facts) !== null) throw new DomainError('NOT_FOUND', 'Pas de convocation pour cette inscription : elle n’existe que pour une inscription confirmée, dans un groupe maintenu.');
      const stem = convocationFileStem(facts);
      reply.header('Content-Disposition', `attachment; filename="${stem}.${format}"`);
      if (format === 'pdf') return reply.type('application/pdf').send(await renderConvocationPdf(facts));
      return reply.type('text/calendar; charset=utf-8').send(renderConvocationIcs(facts));
    };
  app.get<Params>(`${LIST_PATH}/:id/convocation.pdf`, convocation('pdf'));
  app.get<Params>(`${LIST_PATH}/:id/convocation.ics`, convocation('ics'));

  app.get<Params>(`${LIST_PATH}/:id/annuler`, async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const registration = await ownRegistration(request, frame.employers.map((employer) => employer.id));
    return sendPage(reply, CancelPage({ frame, registration, now: clock.now() }));
  });

  app.post<Params>(`${LIST_PATH}/:id/annuler`, async (request, reply) => {
    const frame = await employerFrameOf(context, request, reply);
    const registration = await ownRegistration(request, frame.employers.map((employer) => employer.id));
    const result = await cancelRegistration(context, request.acting, registration.id, { reason: formText(request.body, 'reason', 500) });
    return redirectWithNotice(reply, frame, LIST_PATH, result.late ? 'annulation-tardive' : 'inscription-annulee');
  });

  /** Accepting or declining an offer from the list; an offer no longer live gets its own clear page. */
  const answer = (choice: OfferAnswer) =>
    async function handler(request: FastifyRequest<Params>, reply: FastifyReply) {
      const frame = await employerFrameOf(context, request, reply);
      const registration = await ownRegistration(request, frame.employers.map((employer) => employer.id));
      try {
        const result = await answerOffer(context, request.acting, { kind: 'acting', registrationId: registration.id }, choice);
        const notice = result.status === 'cancelled' ? 'place-refusee' : result.status === 'pending' ? 'place-acceptee-validation' : 'place-acceptee';
        return redirectWithNotice(reply, frame, LIST_PATH, notice);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'OFFER_UNAVAILABLE') throw error;
        return sendPage(reply, OfferUnavailablePage({ page: frame.page, message: error.message }), 410);
      }
    };
  app.post<Params>(`${LIST_PATH}/:id/accepter`, answer('accept'));
  app.post<Params>(`${LIST_PATH}/:id/refuser`, answer('decline'));
}
