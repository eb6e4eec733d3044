/**
 * Registration: the staff of member employers (trainees), their registrations into groups
 * with the waitlist and offers, idempotency keys, the registration settings of a training
 * (approval, eligible professions, justification, fair share), the funder's defaults (offer
 * validity, when the minimum group size is checked), the group's "maintien ou annulation"
 * decision, and attachments of outbox mails (rendered when the mail is sent).
 */
import { sql, type Kysely } from 'kysely';

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'rejected', 'waitlisted', 'offered', 'expired', 'cancelled'] as const;
/** The statuses that make a person "in" a group: the partial unique index (session, trainee) covers them. */
export const ACTIVE_REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered'] as const;

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trainees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('employer_id', 'text', (c) => c.notNull().references('employers.id'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('profession', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .addUniqueConstraint('trainees_employer_email_unique', ['employer_id', 'email'])
    .execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('employer_id', 'text', (c) => c.notNull().references('employers.id'))
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${quoted(REGISTRATION_STATUSES)})`)))
    // Order of decision inside the group, taken under the group's lock: the waitlist's FIFO order.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('declaration', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('offer_expires_at', 'text')
    .addColumn('offer_token_hash', 'text', (c) => c.unique())
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('is_late_cancellation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('moved_from_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('registrations_session_seq_unique', ['session_id', 'seq'])
    .execute();
  // The backstop against duplicates: one active registration per person and group.
  await db.schema
    .createIndex('registrations_active_unique')
    .on('registrations')
    .columns(['session_id', 'trainee_id'])
    .unique()
    .where(sql.raw<boolean>(`status in (${quoted(ACTIVE_REGISTRATION_STATUSES)})`))
    .execute();
  await db.schema.createIndex('registrations_session_status_idx').on('registrations').columns(['session_id', 'status', 'seq']).execute();
  await db.schema.createIndex('registrations_trainee_idx').on('registrations').columns(['trainee_id', 'training_id']).execute();
  await db.schema.createIndex('registrations_employer_idx').on('registrations').columns(['employer_id', 'requested_at']).execute();
  await db.schema.createIndex('registrations_funder_status_idx').on('registrations').columns(['funder_id', 'status']).execute();
  await db.schema.createIndex('registrations_offer_expiry_idx').on('registrations').columns(['status', 'offer_expires_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  await db.schema.alterTable('trainings').addColumn('requires_approval', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Space-separated profession codes; null: every profession.
  await db.schema.alterTable('trainings').addColumn('eligible_professions', 'text').execute();
  await db.schema.alterTable('trainings').addColumn('requires_justification', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('trainings').addColumn('employer_cap', 'integer').execute();
  await db.schema.alterTable('trainings').addColumn('cap_release_days', 'integer').execute();

  await db.schema.alterTable('funders').addColumn('offer_validity_hours', 'integer', (c) => c.notNull().defaultTo(48)).execute();
  await db.schema.alterTable('funders').addColumn('min_size_check_days', 'integer', (c) => c.notNull().defaultTo(21)).execute();

  await db.schema.alterTable('sessions').addColumn('min_size_alerted_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('maintained_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('maintained_by', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('cancelled_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('cancel_reason', 'text').execute();

  // JSON list of documents to render when the mail is sent, e.g. [{"kind":"convocation_pdf","registrationId":"…"}].
  await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
}
