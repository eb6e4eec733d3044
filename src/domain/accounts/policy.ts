/**
 * The one place that decides who may do what on which record: every route and every use case
 * asks `can(actor, action, resource)`. Rules, in short:
 * - anyone reads the public catalogue;
 * - a funder's staff see their funder's catalogue, employers and people; only its admins
 *   manage organisations, users, retention and read the audit log and the sent mails;
 *   providers and co-funders are shared directories any funder admin may maintain;
 * - employer HR sees only the people of its own employer, and registers and cancels them;
 * - a funder's staff (admins and managers) approve, reject and move registrations and decide
 *   whether a group under its minimum is kept or cancelled;
 * - provider staff see only their provider's sessions;
 * - co-funder viewers see only figures of what they co-fund;
 * - everyone signed in manages their own account and API tokens;
 * - through an API token, only what its scopes name (SCOPE_OF_ACTION), within the owner's rights.
 * Tests: policy.test.ts walks every action × role.
 */
import type { ApiScope } from './apiScopes.js';
import type { OrganisationKind, Role } from './roles.js';

export interface Membership {
  organisationKind: OrganisationKind;
  organisationId: string;
  role: Role;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; memberships: readonly Membership[]; viaApiToken?: { scopes: readonly ApiScope[] } }
  | { kind: 'trainee'; traineeId: string };

export type Resource =
  | { type: 'catalogue' }
  | { type: 'funder'; funderId: string }
  | { type: 'employer'; employerId: string; funderId: string }
  | { type: 'provider'; providerId: string }
  | { type: 'cofunder'; cofunderId: string }
  | { type: 'user'; userId: string }
  /**
   * A person managed by funder admins. `funderIds`: the funders they belong to, directly or
   * through their employer; none for people of the shared directories (providers, co-funders).
   */
  | { type: 'person'; userId: string; memberships: readonly Membership[]; funderIds: readonly string[] };

export type Action =
  | 'catalogue.read'
  | 'funder.steer'
  | 'organisations.manage'
  | 'users.manage'
  | 'audit.read'
  | 'mails.read'
  | 'retention.manage'
  | 'employer.read'
  | 'employer.people.manage'
  | 'registrations.manage'
  | 'provider.sessions.read'
  | 'cofunder.figures.read'
  | 'account.manage'
  | 'personalData.export'
  | 'personalData.erase';

function has(actor: Actor, role: Role, organisationId?: string): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => m.role === role && (organisationId === undefined || m.organisationId === organisationId));
}

function isFunderAdmin(actor: Actor, funderId?: string): boolean {
  return has(actor, 'funder_admin', funderId);
}

function isFunderStaff(actor: Actor, funderId?: string): boolean {
  return isFunderAdmin(actor, funderId) || has(actor, 'funder_manager', funderId);
}

/**
 * A funder admin manages the people of their funder and of its employers, and the people of
 * the shared directories (providers, co-funders), never another funder's people.
 */
function managesPerson(actor: Actor, funderIds: readonly string[]): boolean {
  if (!isFunderAdmin(actor)) return false;
  return funderIds.length === 0 || funderIds.some((funderId) => isFunderAdmin(actor, funderId));
}

/**
 * What an API token's scopes let through: a token narrows its owner's rights, never widens
 * them, and account, people, organisation and audit management are never done by token.
 */
const SCOPE_OF_ACTION: Partial<Record<Action, ApiScope>> = {
  'catalogue.read': 'catalogue:read',
  'funder.steer': 'steering:read',
  'cofunder.figures.read': 'steering:read',
  'employer.read': 'registrations:read',
  'provider.sessions.read': 'registrations:read',
  'employer.people.manage': 'registrations:write',
  'registrations.manage': 'registrations:write',
};

function tokenAllows(actor: Actor, action: Action): boolean {
  if (actor.kind !== 'user' || actor.viaApiToken === undefined) return true;
  const scope = SCOPE_OF_ACTION[action];
  return scope !== undefined && actor.viaApiToken.scopes.includes(scope);
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return tokenAllows(actor, action) && allowedByRole(actor, action, resource);
}

function allowedByRole(actor: Actor, action: Action, resource: Resource): boolean {
  switch (action) {
    case 'catalogue.read':
      return true;
    case 'funder.steer':
      return resource.type === 'funder' && isFunderStaff(actor, resource.funderId);
    case 'organisations.manage':
      if (resource.type === 'employer') return isFunderAdmin(actor, resource.funderId);
      if (resource.type === 'funder') return isFunderAdmin(actor, resource.funderId);
      return (resource.type === 'provider' || resource.type === 'cofunder') && isFunderAdmin(actor);
    case 'users.manage':
      if (resource.type === 'person') return managesPerson(actor, resource.funderIds);
      return resource.type === 'funder' && isFunderAdmin(actor, resource.funderId);
    case 'audit.read':
    case 'mails.read':
    case 'retention.manage':
      return resource.type === 'funder' && isFunderAdmin(actor, resource.funderId);
    case 'employer.read':
      return resource.type === 'employer' && (has(actor, 'employer_hr', resource.employerId) || isFunderStaff(actor, resource.funderId));
    case 'employer.people.manage':
      return resource.type === 'employer' && has(actor, 'employer_hr', resource.employerId);
    case 'registrations.manage':
      // Approvals, rejections, moves between groups, « maintien ou annulation »: the funder's staff.
      return resource.type === 'funder' && isFunderStaff(actor, resource.funderId);
    case 'provider.sessions.read':
      return resource.type === 'provider' && (has(actor, 'provider_coordinator', resource.providerId) || has(actor, 'trainer', resource.providerId));
    case 'cofunder.figures.read':
      return resource.type === 'cofunder' && has(actor, 'cofunder_viewer', resource.cofunderId);
    case 'account.manage':
      return resource.type === 'user' && actor.kind === 'user' && actor.userId === resource.userId && actor.viaApiToken === undefined;
    case 'personalData.export':
      if (resource.type !== 'person') return false;
      return (actor.kind === 'user' && actor.userId === resource.userId) || managesPerson(actor, resource.funderIds);
    case 'personalData.erase':
      return resource.type === 'person' && managesPerson(actor, resource.funderIds) && !(actor.kind === 'user' && actor.userId === resource.userId);
  }
}

/** The spaces shown in the header, in this order. */
export type Space = 'catalogue' | 'employer' | 'provider' | 'steering' | 'admin';

export function spacesOf(actor: Actor): Space[] {
  const spaces: Space[] = ['catalogue'];
  if (actor.kind !== 'user') return spaces;
  const roles = new Set(actor.memberships.map((m) => m.role));
  if (roles.has('employer_hr')) spaces.push('employer');
  if (roles.has('provider_coordinator') || roles.has('trainer')) spaces.push('provider');
  // Co-funder viewers get « Pilotage » with their dashboard (figures only); today it holds
  // registrations, which are the funder's staff's.
  if (roles.has('funder_admin') || roles.has('funder_manager')) spaces.push('steering');
  if (roles.has('funder_admin')) spaces.push('admin');
  return spaces;
}
