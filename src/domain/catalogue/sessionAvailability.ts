/**
 * What the catalogue says about a group: can one still register, and how many seats are left.
 * Seats are counted, never decremented (DESIGN.md §3): seats left = maximum − confirmed −
 * pending − live offers, so cancellations and expiries free seats by themselves.
 */
export interface SeatCount {
  maxTrainees: number;
  confirmed: number;
  /** Registrations awaiting the funder's approval hold their seat (domain/registrations/capacity.ts). */
  pending: number;
  liveOffers: number;
}

export function seatsLeft({ maxTrainees, confirmed, pending, liveOffers }: SeatCount): number {
  return Math.max(0, maxTrainees - confirmed - pending - liveOffers);
}

export type SessionAvailability =
  | { kind: 'cancelled' }
  | { kind: 'past' }
  | { kind: 'in_progress' }
  | { kind: 'closed' }
  | { kind: 'full' }
  | { kind: 'open'; seatsLeft: number };

export interface SessionFacts extends SeatCount {
  status: 'planned' | 'confirmed' | 'cancelled';
  /** ISO dates, ascending. */
  dates: readonly string[];
  /** ISO instant, or null when the funder set no deadline. */
  registrationDeadline: string | null;
}

/**
 * @param today the calendar date in Paris
 * @param now the current instant, compared with the registration deadline
 */
export function sessionAvailability(session: SessionFacts, today: string, now: Date): SessionAvailability {
  if (session.status === 'cancelled') return { kind: 'cancelled' };
  const first = session.dates[0];
  const last = session.dates[session.dates.length - 1];
  if (last !== undefined && last < today) return { kind: 'past' };
  if (first !== undefined && first <= today) return { kind: 'in_progress' };
  if (session.registrationDeadline !== null && new Date(session.registrationDeadline) < now) return { kind: 'closed' };
  const left = seatsLeft(session);
  return left === 0 ? { kind: 'full' } : { kind: 'open', seatsLeft: left };
}

/** The French label shown on a group: "3 places disponibles", "Complet", "Session passée"… */
export function availabilityLabel(availability: SessionAvailability): string {
  switch (availability.kind) {
    case 'cancelled':
      return 'Groupe annulé';
    case 'past':
      return 'Session passée';
    case 'in_progress':
      return 'Session en cours';
    case 'closed':
      return 'Inscriptions closes';
    case 'full':
      return 'Complet';
    case 'open':
      return availability.seatsLeft === 1 ? '1 place disponible' : `${availability.seatsLeft} places disponibles`;
  }
}
