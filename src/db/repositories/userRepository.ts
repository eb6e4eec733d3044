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
  /** Funders the person belongs to, directly or through their employer. */
  funderIds: string[];
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

  /**
   * The funder a person's records belong to: their funder, or their employer's funder; null
   * for people of the shared directories only (providers, co-funders).
   */
  async funderScopeOf(userId: string): Promise<string | null> {
    const direct = await this.db
      .selectFrom('memberships')
      .select('organisation_id')
      .where('user_id', '=', userId)
      .where('organisation_kind', '=', 'funder')
      .orderBy('created_at')
      .executeTakeFirst();
    if (direct) return direct.organisation_id;
    const viaEmployer = await this.db
      .selectFrom('memberships as m')
      .innerJoin('employers as e', 'e.id', 'm.organisation_id')
      .select('e.funder_id')
      .where('m.user_id', '=', userId)
      .where('m.organisation_kind', '=', 'employer')
      .orderBy('m.created_at')
      .executeTakeFirst();
    return viaEmployer?.funder_id ?? null;
  }

  /** Every funder a person belongs to, directly or through an employer. */
  async funderIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .leftJoin('employers as e', (join) => join.onRef('e.id', '=', 'm.organisation_id').on('m.organisation_kind', '=', 'employer'))
      .select(['m.organisation_kind', 'm.organisation_id', 'e.funder_id'])
      .where('m.user_id', '=', userId)
      .execute();
    const ids = rows.flatMap((row) => (row.organisation_kind === 'funder' ? [row.organisation_id] : row.funder_id ? [row.funder_id] : []));
    return [...new Set(ids)];
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
      .selectFrom('memberships as m')
      .leftJoin('employers as e', (join) => join.onRef('e.id', '=', 'm.organisation_id').on('m.organisation_kind', '=', 'employer'))
      .select(['m.user_id', 'm.organisation_kind', 'm.organisation_id', 'm.role', 'e.funder_id as employer_funder_id'])
      .where(
        'm.user_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((row) => {
      const own = memberships.filter((m) => m.user_id === row.id);
      const funderIds = own.flatMap((m) => (m.organisation_kind === 'funder' ? [m.organisation_id] : m.employer_funder_id ? [m.employer_funder_id] : []));
      return {
        ...toRecord(row),
        memberships: own.map((m) => ({ organisationKind: m.organisation_kind, organisationId: m.organisation_id, role: m.role })),
        funderIds: [...new Set(funderIds)],
      };
    });
  }

  async listAll(): Promise<UserWithMemberships[]> {
    return this.list({ limit: 10_000, offset: 0 });
  }
}
