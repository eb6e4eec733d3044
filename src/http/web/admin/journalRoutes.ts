/** The audit log, filtered and paginated; dates are Paris calendar days. */
import type { FastifyInstance } from 'fastify';
import { addDays, isIsoDate } from '../../../domain/dates/calendarDate.js';
import { parisLocalToInstant } from '../../../domain/dates/parisTime.js';
import { readAuditLog } from '../../../use-cases/accounts/readAuditLog.js';
import { AuditLogPage, type AuditQuery } from '../../../views/admin/AuditLogPage.js';
import type { AppContext } from '../../context.js';
import { frameOf, pageNumberOf, sendPage, textOf } from './adminRequest.js';

const PER_PAGE = 50;

export function registerJournalRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/admin/journal', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'audit.read');
    const q = request.query;
    const query: AuditQuery = {
      action: textOf(q, 'action', 100).trim(),
      entityType: textOf(q, 'type', 50).trim(),
      person: textOf(q, 'personne', 100).trim(),
      record: textOf(q, 'enregistrement', 100).trim(),
      from: textOf(q, 'du', 10).trim(),
      to: textOf(q, 'au', 10).trim(),
      page: pageNumberOf(q),
    };
    const fields: Record<string, string> = {};
    if (query.from && !isIsoDate(query.from)) fields.from = 'Date de début invalide (format attendu : AAAA-MM-JJ).';
    if (query.to && !isIsoDate(query.to)) fields.to = 'Date de fin invalide (format attendu : AAAA-MM-JJ).';
    if (!fields.from && !fields.to && query.from && query.to && query.to < query.from) fields.to = 'La date de fin précède la date de début.';
    const validFrom = query.from && !fields.from ? parisLocalToInstant(query.from, '00:00').toISOString() : undefined;
    const validTo = query.to && !fields.to ? parisLocalToInstant(addDays(query.to, 1), '00:00').toISOString() : undefined;
    const log = await readAuditLog(context.database, request.acting, frame.funderId, {
      action: query.action || undefined,
      entityType: query.entityType || undefined,
      actorUserId: query.person || undefined,
      entityId: query.record || undefined,
      from: validFrom,
      to: validTo,
      limit: PER_PAGE,
      offset: (query.page - 1) * PER_PAGE,
    });
    const errors = Object.keys(fields).length > 0 ? { message: 'Filtre invalide.', fields } : null;
    const pageCount = Math.max(1, Math.ceil(log.total / PER_PAGE));
    return sendPage(reply, AuditLogPage({ frame, query, errors, actions: log.actions, total: log.total, pageCount, items: log.items }), errors ? 422 : 200);
  });
}
