/** « Courriels envoyés »: the outbox, and one mail's text (so invitation links are readable offline). */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../domain/errors.js';
import { MailPage, MailsPage } from '../../../views/admin/MailPages.js';
import type { AppContext } from '../../context.js';
import { frameOf, pageNumberOf, sendPage, textOf } from './adminRequest.js';
import { findOutboxMail, outboxPage } from './queries.js';

const PER_PAGE = 50;

export function registerMailRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/admin/courriels', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'mails.read');
    const recipient = textOf(request.query, 'destinataire', 254).trim();
    const page = pageNumberOf(request.query);
    const { items, total, counts } = await outboxPage(context.database, { funderId: frame.funderId, limit: PER_PAGE, offset: (page - 1) * PER_PAGE, recipient: recipient || undefined });
    return sendPage(reply, MailsPage({ frame, recipient, items, total, page, pageCount: Math.max(1, Math.ceil(total / PER_PAGE)), counts }));
  });

  app.get<{ Params: { id: string } }>('/admin/courriels/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'mails.read');
    const mail = await findOutboxMail(context.database, request.params.id.slice(0, 100), frame.funderId);
    if (!mail) throw notFound('Courriel');
    return sendPage(reply, MailPage({ frame, mail }));
  });
}
