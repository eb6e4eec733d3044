/**
 * French wording of the employer space: a group's period, Paris date-times, and what a
 * registration's status means for the HR contact (with its waitlist position or offer expiry).
 */
import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { addDays } from '../../domain/dates/calendarDate.js';
import { formatFrenchDate, formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import { STATUS_LABELS } from '../../domain/registrations/registrationStatus.js';

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** "25 novembre 2026 à 18:00", in Europe/Paris whatever TZ the server runs with. */
export function dateTimeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parisDateTime.format(date);
}

/** A group's period from its first and last days: "les 10 & 11 mars 2027", "du 3 au 5 avril 2027". */
export function periodText(firstDate: string | null, lastDate: string | null): string {
  if (firstDate === null) return 'dates à venir';
  if (lastDate === null || lastDate === firstDate) return `le ${formatFrenchDate(firstDate)}`;
  // Two days in a row read as a list; longer groups may skip days, so only the bounds are certain.
  if (addDays(firstDate, 1) === lastDate) return formatFrenchDateList([firstDate, lastDate]);
  return `du ${formatFrenchDate(firstDate)} au ${formatFrenchDate(lastDate)}`;
}

/** "Groupe 4 — Lille". */
export function groupName(session: { label: string; city: string | null }): string {
  return session.city ? `${session.label} — ${session.city}` : session.label;
}

const CANCEL_REASONS: Readonly<Record<string, string>> = {
  employer: 'annulée par votre établissement',
  funder: 'annulée par le financeur',
  offer_declined: 'place proposée refusée',
  confirmed_elsewhere: 'confirmée dans un autre groupe de la formation',
  group_cancelled: 'groupe annulé par le financeur',
  moved: 'déplacée vers un autre groupe',
};

/** The status as the HR contact needs it: label, then the detail that matters (position, expiry, reason). */
export function statusText(registration: Pick<RegistrationView, 'status' | 'waitlistPosition' | 'offerExpiresAt' | 'cancelReason' | 'isLateCancellation' | 'decisionReason'>): string {
  switch (registration.status) {
    case 'pending':
      return 'En attente de validation du financeur';
    case 'waitlisted':
      return registration.waitlistPosition === null ? STATUS_LABELS.waitlisted : `En liste d’attente — position ${registration.waitlistPosition}`;
    case 'offered':
      return registration.offerExpiresAt ? `Place proposée — à accepter avant le ${dateTimeText(registration.offerExpiresAt)}` : STATUS_LABELS.offered;
    case 'cancelled': {
      const reason = registration.cancelReason ? CANCEL_REASONS[registration.cancelReason] : undefined;
      return `${STATUS_LABELS.cancelled}${reason ? ` (${reason}${registration.isLateCancellation ? ', tardive' : ''})` : registration.isLateCancellation ? ' (tardive)' : ''}`;
    }
    case 'rejected':
      return registration.decisionReason ? `${STATUS_LABELS.rejected} — motif : ${registration.decisionReason}` : STATUS_LABELS.rejected;
    default:
      return STATUS_LABELS[registration.status];
  }
}

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
