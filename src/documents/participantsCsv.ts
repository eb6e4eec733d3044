/**
 * The participant list of a group as CSV for French spreadsheets: semicolon separator, UTF-8
 * with a byte order mark (Excel otherwise reads the accents as Windows-1252), CRLF lines.
 * Cells that a spreadsheet would run as a formula (=, +, -, @…) are prefixed with an
 * apostrophe: names and establishments are typed by employers (CSV injection).
 */
import { stringify } from 'csv-stringify/sync';
import type { RegistrationView } from '../db/repositories/registrationRepository.js';
import { professionLabel } from '../domain/registrations/professions.js';
import { STATUS_LABELS } from '../domain/registrations/registrationStatus.js';
import { slugify } from '../domain/text/slugify.js';

export const PARTICIPANTS_CSV_COLUMNS = ['Nom', 'Prénom', 'Courriel professionnel', 'Profession', 'Établissement', 'SIRET', 'Statut', 'Date d’inscription'] as const;

const BOM = '\uFEFF';

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "10/03/2026 10:00", Paris time: the form French spreadsheets read as a date. */
function registeredAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parisDateTime.format(date).replace(',', '');
}

function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function participantsCsv(registrations: readonly RegistrationView[]): string {
  const rows = registrations.map((registration) =>
    [
      registration.trainee.lastName,
      registration.trainee.firstName,
      registration.trainee.email,
      professionLabel(registration.trainee.profession),
      registration.employer.name,
      registration.employer.siret,
      STATUS_LABELS[registration.status],
      registeredAt(registration.requestedAt),
    ].map(neutralised),
  );
  return BOM + stringify([[...PARTICIPANTS_CSV_COLUMNS], ...rows], { delimiter: ';', record_delimiter: 'windows' });
}

/** "participants-<training>-groupe-4-lille-2026-04-23.csv": ASCII only, so that every browser keeps the name. */
export function participantsCsvFilename(group: { trainingTitle: string; label: string; city: string | null; firstDate: string | null }): string {
  const parts = [group.label, group.city ?? '', group.firstDate ?? ''].filter(Boolean).join(' ');
  return `participants-${slugify(group.trainingTitle, 60)}-${slugify(parts, 40)}.csv`;
}
