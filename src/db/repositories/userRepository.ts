/**
 * People with an account and their roles in organisations.
 */
import type { Kysely } from 'kysely';
import type { Membership } from '../../domain/accounts/policy.js';
import { newId } from '../ids.js';
import type { OrganisationKind, Role, Schema, UserStatus } from '../schema.js';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  status: UserStatus;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface UserWithMemberships extends UserRecord {
  memberships: Membership[];
}

type UserRow = Schema['users'];

function toRecord(row: { id: string; email: string; display_name: string; password_hash: string | null; status: UserStatus; created_at: string; last_login_at: string | null }): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    status: row.status,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
    return row && toRecord(row);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .select(['organisation_kind', 'organisation_id', 'role'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ organisationKind: row.organisation_kind, organisationId: row.organisation_id, role: row.role }));
  }

  async insert(user: { email: string; displayName: string; passwordHash: string | null; status: UserStatus }, now: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('users')
      .values({
        id,
        email: normaliseEmail(user.email),
        display_name: user.displayName,
        password_hash: user.passwordHash,
        status: user.status,
        created_at: now,
        updated_at: now,
        password_changed_at: user.passwordHash ? now : null,
      })
      .execute();
    return id;
  }

  async addMembership(userId: string, membership: { organisationKind: OrganisationKind; organisationId: string; role: Role }, now: string): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ id: newId(), user_id: userId, organisation_kind: membership.organisationKind, organisation_id: membership.organisationId, role: membership.role, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'organisation_kind', 'organisation_id', 'role']).doNothing())
      .execute();
  }

  async removeMembership(userId: string, membership: Membership): Promise<void> {
    await this.db
      .deleteFrom('memberships')
      .where('user_id', '=', userId)
      .where('organisation_kind', '=', membership.organisationKind)
      .where('organisation_id', '=', membership.organisationId)
      .where('role', '=', membership.role)
      .execute();
  }

  async setPassword(userId: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now, status: 'active' })
      .where('id', '=', userId)
      .where('status', 'in', ['invited', 'active'])
      .execute();
  }

  async update(userId: string, changes: Partial<Pick<UserRow, 'display_name' | 'email' | 'status' | 'last_login_at' | 'password_hash'>>, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ ...changes, ...(changes.email ? { email: normaliseEmail(changes.email) } : {}), updated_at: now })
      .where('id', '=', userId)
      .execute();
  }

  /** People who belong to the given organisations (for a funder admin's list), with their roles. */
  async list(filter: { organisationIds?: string[]; search?: string; limit: number; offset: number }): Promise<UserWithMemberships[]> {
    let query = this.db.selectFrom('users').selectAll().where('status', '<>', 'erased');
    if (filter.organisationIds) {
      const ids = filter.organisationIds;
      query = query.where((eb) => eb.exists(eb.selectFrom('memberships as m').select('m.id').whereRef('m.user_id', '=', 'users.id').where('m.organisation_id', 'in', ids.length > 0 ? ids : ['-'])));
    }
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[%_\\]/g, '')}%`;
      query = query.where((eb) => eb.or([eb('email', 'like', pattern), eb(eb.fn('lower', ['display_name']), 'like', pattern)]));
    }
    const rows = await query.orderBy('display_name').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
    if (rows.length === 0) return [];
    const memberships = await this.db
      .selectFrom('memberships')
      .select(['user_id', 'organisation_kind', 'organisation_id', 'role'])
      .where(
        'user_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((row) => ({
      ...toRecord(row),
      memberships: memberships
        .filter((m) => m.user_id === row.id)
        .map((m) => ({ organisationKind: m.organisation_kind, organisationId: m.organisation_id, role: m.role })),
    }));
  }

  async listAll(): Promise<UserWithMemberships[]> {
    return this.list({ limit: 10_000, offset: 0 });
  }
}
