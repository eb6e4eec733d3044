/**
 * Everything a convocation says, loaded in one go by ConvocationRepository. The PDF and the
 * .ics are pure functions of these facts: the same facts give the same documents, so a mail
 * sent again carries the same attachments.
 */
import type { HalfDayPeriod } from '../../domain/catalogue/halfDaySchedule.js';
import type { RegistrationStatus } from '../../domain/registrations/registrationStatus.js';

export interface ConvocationHalfDay {
  period: HalfDayPeriod;
  /** Local Europe/Paris wall-clock times, "HH:MM". */
  startTime: string;
  endTime: string;
}

export interface ConvocationDay {
  /** Local date in Europe/Paris, "YYYY-MM-DD". */
  date: string;
  /** Ordered by start time (morning first). Empty if the group's times were never given. */
  halfDays: ConvocationHalfDay[];
}

export interface ConvocationFacts {
  registration: {
    id: string;
    status: RegistrationStatus;
  };
  /**
   * When what the convocation shows last changed (the registration or its group), ISO UTC.
   * Used as the documents' date (PDF CreationDate, .ics DTSTAMP) instead of "now", so that
   * rendering twice gives the same bytes and calendars see a newer stamp only after a change.
   */
  revisedAt: string;
  trainee: {
    firstName: string;
    lastName: string;
    email: string;
  };
  employer: {
    name: string;
  };
  training: {
    id: string;
    title: string;
    moduleTitle: string | null;
  };
  /** Null while the training has no provider yet (a fiche without « Organisme de formation »). */
  provider: {
    name: string;
    siret: string | null;
    /** Numéro de déclaration d'activité. */
    nda: string | null;
    email: string | null;
    phone: string | null;
    address: string | null;
    postcode: string | null;
    city: string | null;
  } | null;
  funder: {
    name: string;
  };
  /** The funder's contact for this training (« Interlocuteur »), if the fiche named one. */
  contact: {
    name: string;
    email: string | null;
    phone: string | null;
  } | null;
  session: {
    id: string;
    /** "Groupe 1". */
    label: string;
    venueName: string | null;
    address: string | null;
    postcode: string | null;
    city: string | null;
    cancelled: boolean;
  };
  /** In date order. */
  days: ConvocationDay[];
}
