/**
 * Funder admins list the people of the organisations they manage, remove a role, deactivate
 * or reactivate an account (deactivation closes its sessions and revokes its API tokens).
 */
import type { Database } from '../../db/database.js';
import type { UserWithMemberships } from '../../db/repositories/userRepository.js';
import { can, type Membership } from '../../domain/accounts/policy.js';
import { ROLE_LABELS } from '../../domain/accounts/roles.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { inTransaction, repositoriesOn, type Repositories } from '../repositories.js';
import { actorUserId, type Acting } from './requestContext.js';

function funderIdsAdministeredBy(acting: Acting): string[] {
  if (acting.actor.kind !== 'user') return [];
  return acting.actor.memberships.filter((m) => m.role === 'funder_admin').map((m) => m.organisationId);
}

export async function listManagedUsers(database: Database, acting: Acting, filter: { search?: string; limit?: number; offset?: number }): Promise<UserWithMemberships[]> {
  const funderIds = funderIdsAdministeredBy(acting);
  if (funderIds.length === 0) throw forbidden();
  const users = await repositoriesOn(database.db, database.dialect).users.list({ search: filter.search, limit: filter.limit ?? 200, offset: filter.offset ?? 0 });
  return users.filter((user) => can(acting.actor, 'users.manage', { type: 'person', userId: user.id, memberships: user.memberships, funderIds: user.funderIds }));
}

async function managedUser(repos: Repositories, acting: Acting, userId: string) {
  const user = await repos.users.findById(userId);
  if (!user || user.status === 'erased') throw notFound('Personne');
  const [memberships, funderIds] = await Promise.all([repos.users.membershipsOf(userId), repos.users.funderIdsOf(userId)]);
  if (!can(acting.actor, 'users.manage', { type: 'person', userId, memberships, funderIds })) throw forbidden();
  return { user, memberships };
}

export async function setUserActive(database: Database, clock: Clock, acting: Acting, userId: string, active: boolean): Promise<void> {
  if (actorUserId(acting) === userId) throw new DomainError('VALIDATION_FAILED', 'Vous ne pouvez pas désactiver votre propre compte.');
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const { user } = await managedUser(repos, acting, userId);
    if (active) {
      if (user.status !== 'disabled') return;
      await repos.users.update(userId, { status: user.passwordHash ? 'active' : 'invited' }, at);
    } else {
      await repos.users.update(userId, { status: 'disabled' }, at);
      await repos.sessions.revokeAllOf(userId, at);
      await repos.apiTokens.revokeAllOf(userId, at);
    }
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: active ? 'user.reactivated' : 'user.deactivated',
        entityType: 'user',
        entityId: userId,
        summary: `${user.email} ${active ? 'réactivé' : 'désactivé (sessions et jetons révoqués)'}`,
      },
      at,
    );
  });
}

export async function removeRole(database: Database, clock: Clock, acting: Acting, userId: string, membership: Membership): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const { user, memberships } = await managedUser(repos, acting, userId);
    const held = memberships.some((m) => m.role === membership.role && m.organisationId === membership.organisationId && m.organisationKind === membership.organisationKind);
    if (!held) throw notFound('Rôle');
    if (membership.role === 'funder_admin' && actorUserId(acting) === userId) throw new DomainError('VALIDATION_FAILED', 'Vous ne pouvez pas retirer votre propre rôle d’administrateur.');
    await repos.users.removeMembership(userId, membership);
    await repos.audit.append(
      { actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'user.role_removed', entityType: 'user', entityId: userId, summary: `Rôle retiré à ${user.email} : ${ROLE_LABELS[membership.role]}`, details: { ...membership } },
      at,
    );
  });
}
