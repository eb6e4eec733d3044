/**
 * Where capacity is decided (DESIGN.md §3). Seats are counted, never decremented:
 *   seats held = confirmed + pending + live offers, free seats = maximum − seats held.
 * Pending registrations hold their seat: when a training requires the funder's approval, the
 * person is told a seat is kept for them, and approving can never overbook. A rejection frees
 * the seat like a cancellation does. Waitlisted people hold nothing.
 * The caller counts under the group's lock (use-cases/registrations/registerTrainees.ts).
 */
import type { FairShare } from './fairShare.js';
import { employerAtCap } from './fairShare.js';

export interface GroupOccupancy {
  maxTrainees: number;
  confirmed: number;
  pending: number;
  /** Offers not yet answered whose expiry is still ahead. */
  liveOffers: number;
}

export function heldSeats({ confirmed, pending, liveOffers }: GroupOccupancy): number {
  return confirmed + pending + liveOffers;
}

export function freeSeats(occupancy: GroupOccupancy): number {
  return Math.max(0, occupancy.maxTrainees - heldSeats(occupancy));
}

export type Placement = 'confirmed' | 'pending' | 'waitlisted';

export interface PlacementRequest {
  /** Approval required by the training, or a justification for the funder to verify. */
  needsReview: boolean;
  /** Seats this person's employer already holds in the group (earlier people of the same request included). */
  employerHeld: number;
  fairShare: FairShare;
  /**
   * Waitlisted people the next free seat belongs to (not held back by the fair-share cap).
   * Newcomers never pass them: a seat goes to the waitlist first.
   */
  waitingAhead: number;
}

export function decidePlacement(occupancy: GroupOccupancy, request: PlacementRequest): Placement {
  const available = freeSeats(occupancy) - request.waitingAhead;
  if (available <= 0) return 'waitlisted';
  if (employerAtCap(request.fairShare, request.employerHeld)) return 'waitlisted';
  return request.needsReview ? 'pending' : 'confirmed';
}

/** Occupancy after placing someone: the next person of the same request is decided on it. */
export function occupy(occupancy: GroupOccupancy, placement: Placement): GroupOccupancy {
  if (placement === 'confirmed') return { ...occupancy, confirmed: occupancy.confirmed + 1 };
  if (placement === 'pending') return { ...occupancy, pending: occupancy.pending + 1 };
  return occupancy;
}
