/** Retention years per kind of personal data, never below the legal minimum. */
import type { FastifyInstance } from 'fastify';
import { readRetention, RETENTION_KINDS, updateRetention, type RetentionKind } from '../../../use-cases/personal-data/retention.js';
import { RetentionPage } from '../../../views/admin/RetentionPage.js';
import { noticeOf } from '../../../views/admin/notices.js';
import type { AppContext } from '../../context.js';
import { formErrorsOf, frameOf, redirectWithNotice, sendPage, statusOfFormError, textOf } from './adminRequest.js';

const KINDS = Object.keys(RETENTION_KINDS) as RetentionKind[];

export function registerRetentionRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock } = context;

  app.get('/admin/conservation', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'retention.manage');
    const rows = await readRetention(database, frame.funderId);
    return sendPage(reply, RetentionPage({ frame, rows, values: {}, errors: null, notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  app.post('/admin/conservation', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'retention.manage');
    const values = Object.fromEntries(KINDS.map((kind) => [kind, textOf(request.body, kind, 10).trim()]));
    // An empty or non-numeric value becomes NaN, which the use case refuses with the field's message.
    const years = Object.fromEntries(KINDS.map((kind) => [kind, values[kind] === '' ? Number.NaN : Number(values[kind])])) as Record<RetentionKind, number>;
    try {
      await updateRetention(database, clock, request.acting, frame.funderId, years);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, RetentionPage({ frame, rows: await readRetention(database, frame.funderId), values, errors, notice: null }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, '/admin/conservation', 'conservation-enregistree');
  });
}
