/**
 * RGPD: export everything held about a person (JSON), and erase a person by anonymising the
 * account — the row stays so that counts and history stay consistent, but nothing in it
 * identifies anyone any more. The audit log is kept as it is: it is the legal record of who
 * did what (purpose "Traçabilité et sécurité" in the processing register).
 */
import type { Database } from '../../db/database.js';
import { can } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { forbidden, notFound } from '../../domain/errors.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { inTransaction, repositoriesOn } from '../repositories.js';

export interface PersonalDataExport {
  exportedAt: string;
  person: { id: string; email: string; displayName: string; status: string; createdAt: string; lastLoginAt: string | null };
  roles: Array<{ organisationKind: string; organisationId: string; organisationName: string | null; role: string }>;
  sessions: Array<{ createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null }>;
  apiTokens: Array<{ name: string; scopes: string[]; createdAt: string; expiresAt: string | null; revokedAt: string | null }>;
  auditTrail: Array<{ occurredAt: string; action: string; summary: string; ip: string | null }>;
}

export async function exportPersonalData(database: Database, clock: Clock, acting: Acting, userId: string): Promise<PersonalDataExport> {
  const repos = repositoriesOn(database.db, database.dialect);
  const user = await repos.users.findById(userId);
  if (!user) throw notFound('Personne');
  const [memberships, funderIds] = await Promise.all([repos.users.membershipsOf(userId), repos.users.funderIdsOf(userId)]);
  if (!can(acting.actor, 'personalData.export', { type: 'person', userId, memberships, funderIds })) throw forbidden();
  const now = clock.now().toISOString();
  const [sessions, tokens, audit, roles] = await Promise.all([
    repos.sessions.listLiveOf(userId, '0000'),
    repos.apiTokens.listOf(userId),
    repos.audit.aboutPerson(userId),
    Promise.all(memberships.map(async (m) => ({ ...m, organisationName: (await repos.organisations.findOrganisation(m.organisationKind, m.organisationId))?.name ?? null }))),
  ]);
  await inTransaction(database, (trx) =>
    trx.audit.append({ actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'personal_data.exported', entityType: 'user', entityId: userId, summary: `Export des données personnelles de ${user.email}` }, now),
  );
  return {
    exportedAt: now,
    person: { id: user.id, email: user.email, displayName: user.displayName, status: user.status, createdAt: user.createdAt, lastLoginAt: user.lastLoginAt },
    roles,
    sessions: sessions.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent })),
    apiTokens: tokens.map((t) => ({ name: t.name, scopes: t.scopes, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt })),
    auditTrail: audit.map((a) => ({ occurredAt: a.occurredAt, action: a.action, summary: a.summary, ip: a.ip })),
  };
}

export async function erasePerson(database: Database, clock: Clock, acting: Acting, userId: string): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const user = await repos.users.findById(userId);
    if (!user || user.status === 'erased') throw notFound('Personne');
    const [memberships, funderIds] = await Promise.all([repos.users.membershipsOf(userId), repos.users.funderIdsOf(userId)]);
    if (!can(acting.actor, 'personalData.erase', { type: 'person', userId, memberships, funderIds })) throw forbidden();
    await repos.sessions.revokeAllOf(userId, at);
    await repos.apiTokens.revokeAllOf(userId, at);
    for (const membership of memberships) await repos.users.removeMembership(userId, membership);
    await repos.users.update(userId, { email: `efface-${userId}@relais.invalid`, display_name: 'Personne effacée', password_hash: null, status: 'erased', last_login_at: null }, at);
    await repos.audit.append(
      { actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'personal_data.erased', entityType: 'user', entityId: userId, summary: 'Données personnelles effacées (compte anonymisé)' },
      at,
    );
  });
}
