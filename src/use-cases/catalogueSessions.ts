/**
 * Adds to each group of the catalogue what the domain says about it: seats left and whether
 * one can still register ("Complet", "Session passée"…), as of the clock's now in Paris.
 */
import type { SessionRow } from '../db/repositories/catalogueRepository.js';
import { parisDateOf } from '../domain/dates/calendarDate.js';
import { seatsLeft, sessionAvailability, type SessionAvailability } from '../domain/catalogue/sessionAvailability.js';

export interface CatalogueSession extends SessionRow {
  dates: string[];
  seatsLeft: number;
  availability: SessionAvailability;
}

export function withAvailability(sessions: SessionRow[], now: Date): CatalogueSession[] {
  const today = parisDateOf(now);
  return sessions.map((session) => {
    const dates = session.days.map((day) => day.date);
    return {
      ...session,
      dates,
      seatsLeft: seatsLeft(session),
      availability: sessionAvailability({ ...session, dates }, today, now),
    };
  });
}
