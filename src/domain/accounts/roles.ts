/**
 * Who works for which kind of organisation, and in which role. The same pairs are enforced
 * by a check constraint on memberships (migration 0005_accounts).
 */
import type { OrganisationKind, Role } from '../../db/schema.js';

export type { OrganisationKind, Role };

export const ROLE_KIND: Readonly<Record<Role, OrganisationKind>> = {
  funder_admin: 'funder',
  funder_manager: 'funder',
  provider_coordinator: 'provider',
  trainer: 'provider',
  employer_hr: 'employer',
  cofunder_viewer: 'cofunder',
};

export const ROLES = Object.keys(ROLE_KIND) as Role[];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  funder_admin: 'Administrateur·rice financeur',
  funder_manager: 'Chargé·e de mission financeur',
  provider_coordinator: 'Coordinateur·rice organisme de formation',
  trainer: 'Formateur·rice',
  employer_hr: 'Contact RH employeur',
  cofunder_viewer: 'Cofinanceur (lecture)',
};

export const ORGANISATION_KIND_LABELS: Readonly<Record<OrganisationKind, string>> = {
  funder: 'Financeur (OPCO)',
  provider: 'Organisme de formation',
  employer: 'Établissement adhérent',
  cofunder: 'Cofinanceur',
};

export function isRole(value: string): value is Role {
  return value in ROLE_KIND;
}
