import type { SessionAvailability } from '../../domain/catalogue/sessionAvailability.js';
import type { Profession } from '../../domain/registrations/professions.js';

/** What the HR contact reads about a group before registering people into it. */
export interface RegistrationGroup {
  sessionId: string;
  training: { id: string; title: string; slug: string };
  label: string;
  city: string | null;
  /** Place name, street, postcode and city, as far as known. */
  venue: string | null;
  dates: string[];
  registrationDeadline: string | null;
  availability: SessionAvailability;
  maxTrainees: number;
  /** People waiting for a seat now. */
  waitlisted: number;
  requiresApproval: boolean;
  requiresJustification: boolean;
  /** Modules to have followed before this one. */
  requiredTrainings: ReadonlyArray<{ id: string; title: string }>;
  /** Null: every profession. */
  eligibleProfessions: readonly Profession[] | null;
  employerCap: number | null;
  offerValidityHours: number;
}

/** The form asks for a justification when the funder checks a prerequisite or modules are required. */
export function asksJustification(group: Pick<RegistrationGroup, 'requiresJustification' | 'requiredTrainings'>): boolean {
  return group.requiresJustification || group.requiredTrainings.length > 0;
}

/** Registrations are still taken: seats left, or a waitlist to join. */
export function takesRegistrations(group: Pick<RegistrationGroup, 'availability'>): boolean {
  return group.availability.kind === 'open' || group.availability.kind === 'full';
}
