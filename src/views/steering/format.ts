/**
 * French words of « Pilotage » and « Espace organisme »: group states, periods, why a
 * registration ended, and the messages shown after an action (`?ok=` / `?alerte=` codes).
 */
import { addDays } from '../../domain/dates/calendarDate.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import type { GroupState } from '../../use-cases/registrations/steeringQueries.js';

export const GROUP_STATE_LABELS: Readonly<Record<GroupState, string>> = {
  cancelled: 'Annulé',
  past: 'Terminé',
  in_progress: 'En cours',
  closed: 'Inscriptions closes',
  full: 'Complet',
  open: 'Inscriptions ouvertes',
};

/**
 * "les 23 & 24 avril 2026", "du 3 au 5 mai 2026": a group's period from its first and last days
 * (lists only know those two; the group page writes the exact days).
 */
export function periodText(firstDate: string | null, lastDate: string | null): string {
  if (firstDate === null) return 'dates à venir';
  const range = [firstDate];
  for (let day = firstDate; day < (lastDate ?? firstDate) && range.length < 366; ) {
    day = addDays(day, 1);
    range.push(day);
  }
  return formatFrenchDateList(range);
}

/** "Groupe 4 — Lille". */
export function groupName(group: { label: string; city: string | null }): string {
  return group.city ? `${group.label} — ${group.city}` : group.label;
}

export function personName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}

export const CANCEL_REASON_LABELS: Readonly<Record<string, string>> = {
  employer: 'Annulée par l’employeur',
  funder: 'Annulée par le financeur',
  offer_declined: 'Place proposée déclinée',
  confirmed_elsewhere: 'Confirmée dans un autre groupe',
  group_cancelled: 'Groupe annulé',
  moved: 'Déplacée dans un autre groupe',
};

export function cancelReasonLabel(reason: string | null): string {
  return reason === null ? 'Annulée' : (CANCEL_REASON_LABELS[reason] ?? 'Annulée');
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** "25 novembre 2026 à 10:30", Paris time; "—" when there is no instant. */
export function dateTimeText(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parisDateTime.format(date);
}

/** "Module 1 — Aller vers…", unless the training's title already names its module. */
export function moduleMention(title: string, moduleNumber: number | null, moduleTitle: string | null): string | null {
  if (moduleNumber === null || title.includes(`Module ${moduleNumber}`)) return null;
  return moduleTitle ? `Module ${moduleNumber} — ${moduleTitle}` : `Module ${moduleNumber}`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;
}

const NOTICES: Readonly<Record<string, string>> = {
  'inscription-validee': 'L’inscription est validée : l’employeur et la personne reçoivent la convocation.',
  'inscription-refusee': 'L’inscription est refusée : l’employeur reçoit le motif, et la place revient à la liste d’attente.',
  'inscription-annulee': 'L’inscription est annulée : l’employeur est prévenu, et la place libérée est proposée à la liste d’attente.',
  'inscription-annulee-tardive': 'L’inscription est annulée (annulation tardive, après la date limite) : l’employeur est prévenu, et la place libérée est proposée à la liste d’attente.',
  'inscription-deplacee': 'La personne a changé de groupe : l’employeur est prévenu, et la place libérée ici est proposée à la liste d’attente.',
  'groupe-maintenu': 'Le groupe est maintenu : il ne figure plus parmi les décisions à prendre.',
  'groupe-annule': 'Le groupe est annulé : chaque employeur concerné (et chaque personne confirmée) est prévenu, avec les autres groupes de la formation.',
  'regles-enregistrees': 'Les règles d’inscription sont enregistrées : elles valent pour les prochaines demandes.',
};

/** Actions refused because the record changed since the page was shown (another person acted). */
const ALERTS: Readonly<Record<string, string>> = {
  'deja-traitee': 'Cette inscription a changé entre-temps (une autre personne l’a sans doute déjà traitée) : rien n’a été modifié. La page montre son état actuel.',
  'groupe-deja-annule': 'Ce groupe est déjà annulé : rien n’a été modifié.',
};

export function noticeOf(code: unknown): string | null {
  return typeof code === 'string' ? (NOTICES[code] ?? null) : null;
}

export function alertOf(code: unknown): string | null {
  return typeof code === 'string' ? (ALERTS[code] ?? null) : null;
}
