/**
 * What « Pilotage » handlers share: the funder steered (the admin frame, `?financeur=` among
 * several), a record's own funder for record pages, where to go back after an action, and
 * which refusals mean "the record changed meanwhile".
 */
import type { FastifyReply } from 'fastify';
import { DomainError, forbidden } from '../../../domain/errors.js';
import { steeringHref } from '../../../views/steering/links.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import type { ReturnTo } from '../../../views/steering/RegistrationForms.js';
import type { SteeringFrame } from '../../../views/steering/SteeringPage.js';
import { textOf } from '../admin/adminRequest.js';

/** The frame of a record page: the record's funder, which must be one this person steers. */
export function frameWithFunder(frame: SteeringFrame, funderId: string): SteeringFrame {
  if (!frame.funders.some((funder) => funder.id === funderId)) throw forbidden();
  return { ...frame, funderId };
}

/** A registration's id or a group's id from the URL (ids are short; anything longer is no id). */
export function idOf(params: { id: string }): string {
  return params.id.slice(0, 100);
}

export function returnToOf(body: unknown): ReturnTo {
  return textOf(body, 'retour', 20) === 'groupe' ? 'groupe' : 'validations';
}

/** The record changed since the page was shown (another person acted): nothing was done. */
export function isStale(error: unknown): boolean {
  return error instanceof DomainError && (error.code === 'INVALID_TRANSITION' || error.code === 'OFFER_UNAVAILABLE');
}

/** Post/redirect/get, with a success (`ok`) or a warning (`alerte`) code the page turns into words. */
export function redirectWith(reply: FastifyReply, frame: SteeringFrame, path: string, message: { ok: string } | { alerte: string }) {
  const [name, code] = 'ok' in message ? ['ok', message.ok] : ['alerte', message.alerte];
  return reply.redirect(steeringHref(frame, `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(code)}`), 303);
}

export const groupPath = (sessionId: string) => `/pilotage/groupes/${encodeURIComponent(sessionId)}`;

/**
 * A refusal of a one-field form, as that field's error: the use case's whole sentence (why and
 * what to do) rather than its short field note. Null when the error is not a refusal of the
 * form's content (it then goes to the error handler).
 */
export function fieldRefusalOf(error: unknown, field: string, codes: readonly string[] = ['VALIDATION_FAILED']): { errors: FormErrors; status: number } | null {
  if (!(error instanceof DomainError) || !codes.includes(error.code)) return null;
  return { errors: { message: error.message, fields: { [field]: error.message } }, status: error.code === 'VALIDATION_FAILED' ? 422 : 409 };
}
