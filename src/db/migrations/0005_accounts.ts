/**
 * Accounts and the security baseline: people, their roles in organisations, login sessions,
 * single-use tokens (invitation, password reset, email change, trainee magic links), API
 * tokens, the append-only audit log, login attempts (rate limits shared by every instance),
 * retention settings, and the mail outbox. Secrets are never stored: only SHA-256 hashes of
 * random tokens and argon2id hashes of passwords.
 */
import { sql, type Kysely } from 'kysely';

export const ROLES_BY_KIND = {
  funder: ['funder_admin', 'funder_manager'],
  provider: ['provider_coordinator', 'trainer'],
  employer: ['employer_hr'],
  cofunder: ['cofunder_viewer'],
} as const;

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited', 'active', 'disabled', 'erased')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text')
    .addColumn('last_login_at', 'text')
    .execute();

  const roleCheck = Object.entries(ROLES_BY_KIND)
    .map(([kind, roles]) => `(organisation_kind = '${kind}' AND role IN (${quoted(roles)}))`)
    .join(' OR ');
  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('memberships_role_matches_kind', sql.raw(roleCheck))
    .addUniqueConstraint('memberships_unique', ['user_id', 'organisation_kind', 'organisation_id', 'role'])
    .execute();
  await db.schema.createIndex('memberships_organisation_idx').on('memberships').columns(['organisation_kind', 'organisation_id']).execute();

  await db.schema
    .createTable('user_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('user_sessions_user_idx').on('user_sessions').column('user_id').execute();

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password_reset', 'email_change', 'trainee_access')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('one_time_tokens_user_idx').on('one_time_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    // The funder whose admins may read the entry; null for the shared directories
    // (providers, co-funders), which every funder admin maintains.
    .addColumn('funder_id', 'text', (c) => c.references('funders.id'))
    .execute();
  await db.schema.createIndex('audit_log_funder_idx').on('audit_log').columns(['funder_id', 'occurred_at']).execute();
  await db.schema.createIndex('audit_log_occurred_idx').on('audit_log').column('occurred_at').execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').column('actor_user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text')
    .addColumn('ip', 'text')
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_account_idx').on('login_attempts').columns(['kind', 'account_key', 'attempted_at']).execute();
  await db.schema.createIndex('login_attempts_ip_idx').on('login_attempts').columns(['kind', 'ip', 'attempted_at']).execute();

  // Per funder: each funder answers for the data of its own offer. Kinds without a row use
  // the legal defaults (use-cases/personal-data/retention.ts).
  await db.schema
    .createTable('retention_settings')
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('years', 'integer', (c) => c.notNull().check(sql`years between 1 and 50`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('retention_settings_pk', ['funder_id', 'kind'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'kept', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    // The funder whose admins may read the mail on "Courriels envoyés"; null: nobody but the recipient.
    .addColumn('funder_id', 'text', (c) => c.references('funders.id'))
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
}
