/**
 * The registration state machine (DESIGN.md §3):
 *   pending → confirmed | rejected
 *   waitlisted → offered → confirmed | expired   (or → pending when the training requires approval)
 *   any active state → cancelled
 * A refused transition is a DomainError: two people acting on the same registration at once
 * cannot both win.
 */
import { DomainError } from '../errors.js';

export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected' | 'waitlisted' | 'offered' | 'expired' | 'cancelled';

const NEXT: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  pending: ['confirmed', 'rejected', 'cancelled'],
  waitlisted: ['offered', 'cancelled'],
  offered: ['confirmed', 'pending', 'expired', 'cancelled'],
  confirmed: ['cancelled'],
  rejected: [],
  expired: [],
  cancelled: [],
};

/** The person is "in" the group: counted by the unique index (session, trainee). */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted', 'offered'];

/** The statuses that take a seat (an offer only while it is live: see capacity.ts). */
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'offered'];

export function isActive(status: RegistrationStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export function canTransition(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: RegistrationStatus, to: RegistrationStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('INVALID_TRANSITION', `Cette inscription est ${STATUS_LABELS[from].toLowerCase()} : elle ne peut plus être ${ACTION_LABELS[to]}.`, { from, to });
  }
}

export const STATUS_LABELS: Readonly<Record<RegistrationStatus, string>> = {
  pending: 'En attente de validation',
  confirmed: 'Confirmée',
  rejected: 'Refusée',
  waitlisted: 'En liste d’attente',
  offered: 'Place proposée',
  expired: 'Proposition expirée',
  cancelled: 'Annulée',
};

const ACTION_LABELS: Readonly<Record<RegistrationStatus, string>> = {
  pending: 'mise en attente de validation',
  confirmed: 'confirmée',
  rejected: 'refusée',
  waitlisted: 'mise en liste d’attente',
  offered: 'proposée',
  expired: 'expirée',
  cancelled: 'annulée',
};
