/**
 * French labels and Paris date-times for the admin pages.
 */
import type { OutboxStatus, UserStatus } from '../../db/schema.js';

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' });

/** "25 novembre 2026 à 11:00:00", in Europe/Paris whatever TZ the server runs with. */
export function formatParisDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parisDateTime.format(date);
}

export const OUTBOX_STATUS_LABELS: Readonly<Record<OutboxStatus, string>> = {
  pending: 'en attente',
  sent: 'envoyé',
  kept: 'conservé (pas de serveur SMTP)',
  failed: 'échec',
};

export const USER_STATUS_LABELS: Readonly<Record<UserStatus, string>> = {
  invited: 'invitation en attente',
  active: 'actif',
  disabled: 'désactivé',
  erased: 'effacé',
};

export const ENTITY_TYPE_LABELS: Readonly<Record<string, string>> = {
  employer: 'Établissement adhérent',
  provider: 'Organisme de formation',
  cofunder: 'Cofinanceur',
  funder: 'Financeur',
  user: 'Personne',
  retention: 'Durées de conservation',
};

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'organisation.created': 'Organisation créée',
  'organisation.updated': 'Organisation modifiée',
  'organisation.deactivated': 'Organisation désactivée',
  'organisation.reactivated': 'Organisation réactivée',
  'user.invited': 'Personne invitée',
  'user.role_added': 'Rôle ajouté',
  'user.role_removed': 'Rôle retiré',
  'user.deactivated': 'Compte désactivé',
  'user.reactivated': 'Compte réactivé',
  'personal_data.exported': 'Export des données personnelles',
  'personal_data.erased': 'Effacement des données personnelles',
  'retention.updated': 'Durées de conservation modifiées',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function entityTypeLabel(type: string): string {
  return ENTITY_TYPE_LABELS[type] ?? type;
}
