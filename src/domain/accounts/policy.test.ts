import { describe, expect, it } from 'vitest';
import { can, spacesOf, type Action, type Actor, type Resource } from './policy.js';
import type { Role } from './roles.js';

const user = (role: Role, organisationId: string, kind: 'funder' | 'provider' | 'employer' | 'cofunder'): Actor => ({
  kind: 'user',
  userId: `u-${role}-${organisationId}`,
  memberships: [{ role, organisationId, organisationKind: kind }],
});

const actors = {
  anonymous: { kind: 'anonymous' } as Actor,
  funderAdmin: user('funder_admin', 'F1', 'funder'),
  otherFunderAdmin: user('funder_admin', 'F2', 'funder'),
  funderManager: user('funder_manager', 'F1', 'funder'),
  coordinator: user('provider_coordinator', 'P1', 'provider'),
  trainer: user('trainer', 'P1', 'provider'),
  hr: user('employer_hr', 'E1', 'employer'),
  otherHr: user('employer_hr', 'E2', 'employer'),
  cofunder: user('cofunder_viewer', 'C1', 'cofunder'),
};
type ActorName = keyof typeof actors;

const cases: Array<[Action, Resource, ActorName[]]> = [
  ['catalogue.read', { type: 'catalogue' }, Object.keys(actors) as ActorName[]],
  ['funder.steer', { type: 'funder', funderId: 'F1' }, ['funderAdmin', 'funderManager']],
  ['organisations.manage', { type: 'employer', employerId: 'E1', funderId: 'F1' }, ['funderAdmin']],
  ['organisations.manage', { type: 'provider', providerId: 'P1' }, ['funderAdmin', 'otherFunderAdmin']],
  ['users.manage', { type: 'funder', funderId: 'F1' }, ['funderAdmin']],
  ['users.manage', { type: 'person', userId: 'x', memberships: [{ role: 'funder_manager', organisationId: 'F2', organisationKind: 'funder' }], funderIds: ['F2'] }, ['otherFunderAdmin']],
  // An HR contact of an employer of funder F1 is F1's, not another funder's.
  ['users.manage', { type: 'person', userId: 'x', memberships: [{ role: 'employer_hr', organisationId: 'E1', organisationKind: 'employer' }], funderIds: ['F1'] }, ['funderAdmin']],
  ['audit.read', { type: 'funder', funderId: 'F1' }, ['funderAdmin']],
  ['mails.read', { type: 'funder', funderId: 'F1' }, ['funderAdmin']],
  ['employer.read', { type: 'employer', employerId: 'E1', funderId: 'F1' }, ['funderAdmin', 'funderManager', 'hr']],
  ['employer.people.manage', { type: 'employer', employerId: 'E1', funderId: 'F1' }, ['hr']],
  ['registrations.manage', { type: 'funder', funderId: 'F1' }, ['funderAdmin', 'funderManager']],
  ['provider.sessions.read', { type: 'provider', providerId: 'P1' }, ['coordinator', 'trainer']],
  ['cofunder.figures.read', { type: 'cofunder', cofunderId: 'C1' }, ['cofunder']],
  ['account.manage', { type: 'user', userId: 'u-employer_hr-E1' }, ['hr']],
  ['personalData.export', { type: 'person', userId: 'u-trainer-P1', memberships: [{ role: 'trainer', organisationId: 'P1', organisationKind: 'provider' }], funderIds: [] }, ['funderAdmin', 'otherFunderAdmin', 'trainer']],
  ['personalData.erase', { type: 'person', userId: 'u-trainer-P1', memberships: [{ role: 'trainer', organisationId: 'P1', organisationKind: 'provider' }], funderIds: [] }, ['funderAdmin', 'otherFunderAdmin']],
];

describe('can', () => {
  it.each(cases)('%s on %j is allowed exactly for %j', (action, resource, allowed) => {
    for (const [name, actor] of Object.entries(actors)) {
      expect(can(actor, action, resource), `${name} ${action}`).toBe(allowed.includes(name as ActorName));
    }
  });

  it('does not let an API token manage the account that created it', () => {
    const viaToken: Actor = { kind: 'user', userId: 'u1', memberships: [], viaApiToken: { scopes: ['catalogue:read'] } };
    expect(can(viaToken, 'account.manage', { type: 'user', userId: 'u1' })).toBe(false);
  });

  it('lets an API token do only what its scopes name, within its owner’s rights', () => {
    const hr = actors.hr as Extract<Actor, { kind: 'user' }>;
    const employer = { type: 'employer', employerId: 'E1', funderId: 'F1' } as const;
    const readOnly: Actor = { ...hr, viaApiToken: { scopes: ['registrations:read'] } };
    expect(can(readOnly, 'employer.read', employer)).toBe(true);
    expect(can(readOnly, 'employer.people.manage', employer)).toBe(false);
    const writer: Actor = { ...hr, viaApiToken: { scopes: ['registrations:write'] } };
    expect(can(writer, 'employer.people.manage', employer)).toBe(true);
    // A scope never widens the owner's rights: HR of E1 gets nothing on E2.
    expect(can(writer, 'employer.people.manage', { ...employer, employerId: 'E2' })).toBe(false);
    const admin = actors.funderAdmin as Extract<Actor, { kind: 'user' }>;
    const everything: Actor = { ...admin, viaApiToken: { scopes: ['catalogue:read', 'registrations:read', 'registrations:write', 'steering:read'] } };
    expect(can(everything, 'funder.steer', { type: 'funder', funderId: 'F1' })).toBe(true);
    expect(can(everything, 'users.manage', { type: 'funder', funderId: 'F1' })).toBe(false);
    expect(can(everything, 'audit.read', { type: 'funder', funderId: 'F1' })).toBe(false);
  });

  it('lets nobody erase their own data from the admin side', () => {
    const admin = actors.funderAdmin;
    expect(can(admin, 'personalData.erase', { type: 'person', userId: 'u-funder_admin-F1', memberships: [], funderIds: ['F1'] })).toBe(false);
  });
});

describe('spacesOf', () => {
  it('shows each role its spaces', () => {
    expect(spacesOf(actors.anonymous)).toEqual(['catalogue']);
    expect(spacesOf(actors.hr)).toEqual(['catalogue', 'employer']);
    expect(spacesOf(actors.trainer)).toEqual(['catalogue', 'provider']);
    expect(spacesOf(actors.cofunder)).toEqual(['catalogue']);
    expect(spacesOf(actors.funderAdmin)).toEqual(['catalogue', 'steering', 'admin']);
  });
});
