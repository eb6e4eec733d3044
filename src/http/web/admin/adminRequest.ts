/**
 * What every admin handler needs: the funder administered (chosen with `?financeur=` when the
 * person administers several), the policy's answer, form fields, and refused forms turned into
 * field errors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Action } from '../../../domain/accounts/policy.js';
import { DomainError, forbidden } from '../../../domain/errors.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import { adminHref, type AdminFrame } from '../../../views/admin/adminFrame.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import type { VNode } from 'preact';
import { renderPage } from '../../../views/render.js';
import type { AppContext } from '../../context.js';
import { pageContextOf } from '../pageContext.js';

type Fields = Record<string, unknown>;

/** One text value of a query string or a form body: first value, trimmed to `max` characters. */
export function textOf(source: unknown, name: string, max = 500): string {
  if (!source || typeof source !== 'object') return '';
  const value = (source as Fields)[name];
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === 'string' ? single.slice(0, max) : '';
}

export function pageNumberOf(source: unknown): number {
  const page = Number(textOf(source, 'page', 9));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/**
 * The funders the signed-in person may act for with `action`, and the one chosen for this
 * request. The policy decides; nobody allowed → 403.
 */
export async function frameOf(context: AppContext, request: FastifyRequest, reply: FastifyReply, action: Action): Promise<AdminFrame> {
  const actor = request.acting.actor;
  if (actor.kind !== 'user') throw forbidden();
  const candidateIds = [...new Set(actor.memberships.filter((m) => m.organisationKind === 'funder').map((m) => m.organisationId))];
  const allowedIds = candidateIds.filter((funderId) => can(actor, action, { type: 'funder', funderId }));
  if (allowedIds.length === 0) throw forbidden();
  const requested = textOf(request.query, 'financeur', 100);
  if (requested && !allowedIds.includes(requested)) throw forbidden();
  const repos = repositoriesOn(context.database.db, context.database.dialect);
  const funders = await Promise.all(allowedIds.map(async (id) => ({ id, name: (await repos.organisations.findOrganisation('funder', id))?.name ?? 'Financeur' })));
  return { page: pageContextOf(request, reply, { forms: true }), funders, funderId: requested || (allowedIds[0] as string) };
}

/** A refused form, or null when the error is not a form refusal (it then goes to the error handler). */
export function formErrorsOf(error: unknown): FormErrors | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code !== 'VALIDATION_FAILED' && error.code !== 'CONFLICT') return null;
  const fields = error.details.fields;
  const fieldMap: Record<string, string> = {};
  if (fields && typeof fields === 'object') {
    for (const [name, message] of Object.entries(fields)) if (typeof message === 'string') fieldMap[name] = message;
  }
  return { message: error.message, fields: fieldMap };
}

export function statusOfFormError(error: unknown): number {
  return error instanceof DomainError && error.code === 'CONFLICT' ? 409 : 422;
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(page));
}

/** Post/redirect/get: back to a page with a success notice. */
export function redirectWithNotice(reply: FastifyReply, frame: AdminFrame, path: string, notice: string) {
  return reply.redirect(adminHref(frame, `${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(notice)}`), 303);
}
