/**
 * Registrations: the rows the capacity recipe counts under the group's lock, and the lists
 * the employer, the funder and the provider read. Seats are counted here, never stored.
 */
import type { Kysely, Selectable } from 'kysely';
import type { RegistrationStatus, RegistrationTable, Schema, SessionStatus, TrainingStatus } from '../schema.js';

export interface GroupFacts {
  sessionId: string;
  trainingId: string;
  funderId: string;
  providerId: string | null;
  label: string;
  city: string | null;
  venueName: string | null;
  status: SessionStatus;
  minTrainees: number;
  maxTrainees: number;
  registrationDeadline: string | null;
  firstDate: string | null;
  lastDate: string | null;
  trainingTitle: string;
  trainingSlug: string;
  trainingStatus: TrainingStatus;
  requiresApproval: boolean;
  eligibleProfessions: string | null;
  requiresJustification: boolean;
  employerCap: number | null;
  capReleaseDays: number | null;
  offerValidityHours: number;
  requiredTrainings: Array<{ id: string; title: string }>;
}

export interface GroupCounts {
  confirmed: number;
  pending: number;
  liveOffers: number;
  waitlisted: number;
  /** Offers past their expiry not yet expired: seatRecipe.settleGroup expires them. */
  dueOffers: number;
  /** Highest seq used in the group (every status), 0 when none. */
  maxSeq: number;
  /** Seats held (confirmed, pending, live offers) per employer; filled only when asked. */
  employerHeld: Map<string, number>;
}

export interface RegistrationContacts {
  traineeName: string;
  traineeEmail: string;
  /** Null when the person who registered has left (account disabled or erased). */
  hrEmail: string | null;
}

export interface WaitingRow {
  registrationId: string;
  employerId: string;
  seq: number;
}

export type Registration = Selectable<RegistrationTable>;

export interface RegistrationView {
  id: string;
  status: RegistrationStatus;
  seq: number;
  requestedAt: string;
  statusChangedAt: string;
  offerExpiresAt: string | null;
  declaration: string | null;
  decisionReason: string | null;
  cancelReason: string | null;
  isLateCancellation: boolean;
  requestedByEmail: string | null;
  trainee: { id: string; firstName: string; lastName: string; email: string; profession: string };
  employer: { id: string; name: string; siret: string };
  session: { id: string; label: string; city: string | null; status: SessionStatus; firstDate: string | null; lastDate: string | null; registrationDeadline: string | null };
  training: { id: string; title: string; slug: string };
  /** 1-based, for waitlisted registrations. */
  waitlistPosition: number | null;
}

export interface RegistrationFilter {
  employerId?: string;
  sessionId?: string;
  funderId?: string;
  providerId?: string;
  traineeId?: string;
  statuses?: readonly RegistrationStatus[];
  ids?: readonly string[];
}

export class RegistrationRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async groupFacts(sessionId: string): Promise<GroupFacts | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('trainings as t', 't.id', 's.training_id')
      .innerJoin('funders as f', 'f.id', 't.funder_id')
      .select((eb) => [
        's.id',
        's.training_id',
        's.label',
        's.city',
        's.venue_name',
        's.status',
        's.min_trainees',
        's.max_trainees',
        's.registration_deadline',
        't.funder_id',
        't.provider_id',
        't.title',
        't.slug',
        't.status as training_status',
        't.requires_approval',
        't.eligible_professions',
        't.requires_justification',
        't.employer_cap',
        't.cap_release_days',
        'f.offer_validity_hours',
        eb.selectFrom('session_days as d').select((inner) => inner.fn.min('d.date').as('first')).whereRef('d.session_id', '=', 's.id').as('first_date'),
        eb.selectFrom('session_days as d').select((inner) => inner.fn.max('d.date').as('last')).whereRef('d.session_id', '=', 's.id').as('last_date'),
      ])
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
    if (!row) return undefined;
    const required = await this.db
      .selectFrom('training_prerequisites as p')
      .innerJoin('trainings as r', 'r.id', 'p.required_training_id')
      .select(['r.id', 'r.title', 'r.module_title'])
      .where('p.training_id', '=', row.training_id)
      .orderBy('r.title')
      .execute();
    return {
      sessionId: row.id,
      trainingId: row.training_id,
      funderId: row.funder_id,
      providerId: row.provider_id,
      label: row.label,
      city: row.city,
      venueName: row.venue_name,
      status: row.status,
      minTrainees: row.min_trainees,
      maxTrainees: row.max_trainees,
      registrationDeadline: row.registration_deadline,
      firstDate: (row.first_date as string | null) ?? null,
      lastDate: (row.last_date as string | null) ?? null,
      trainingTitle: row.title,
      trainingSlug: row.slug,
      trainingStatus: row.training_status,
      requiresApproval: row.requires_approval === 1,
      eligibleProfessions: row.eligible_professions,
      requiresJustification: row.requires_justification === 1,
      employerCap: row.employer_cap,
      capReleaseDays: row.cap_release_days,
      offerValidityHours: row.offer_validity_hours,
      requiredTrainings: required.map((r) => ({ id: r.id, title: r.module_title ?? r.title })),
    };
  }

  /** What may change on a group while people register: read again under its lock. */
  async sessionState(sessionId: string): Promise<{ status: SessionStatus; maxTrainees: number; registrationDeadline: string | null } | undefined> {
    const row = await this.db.selectFrom('sessions').select(['status', 'max_trainees', 'registration_deadline']).where('id', '=', sessionId).executeTakeFirst();
    return row && { status: row.status, maxTrainees: row.max_trainees, registrationDeadline: row.registration_deadline };
  }

  /**
   * The recount of the recipe: call it under the group's lock. Offers past their expiry hold
   * nothing (they are counted apart, for the caller to expire). One aggregate read; seats held
   * per employer only when the fair-share cap needs them.
   */
  async countGroup(sessionId: string, nowIso: string, options: { byEmployer?: boolean } = {}): Promise<GroupCounts> {
    // Per status from the index (session_id, status, seq) alone: no table row is read, so a
    // long waitlist costs an index range, not a scan of every registration of the group.
    const perStatus = await this.db
      .selectFrom('registrations')
      .select((eb) => ['status', eb.fn.countAll<number>().as('total'), eb.fn.max('seq').as('max_seq')])
      .where('session_id', '=', sessionId)
      .groupBy('status')
      .execute();
    const counts: GroupCounts = { confirmed: 0, pending: 0, liveOffers: 0, dueOffers: 0, waitlisted: 0, maxSeq: 0, employerHeld: new Map() };
    let offered = 0;
    for (const row of perStatus) {
      const total = Number(row.total);
      counts.maxSeq = Math.max(counts.maxSeq, Number(row.max_seq ?? 0));
      if (row.status === 'confirmed') counts.confirmed = total;
      else if (row.status === 'pending') counts.pending = total;
      else if (row.status === 'waitlisted') counts.waitlisted = total;
      else if (row.status === 'offered') offered = total;
    }
    if (offered > 0) {
      // Offers are few: split them into live and past their expiry from their rows.
      const due = await this.db
        .selectFrom('registrations')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('session_id', '=', sessionId)
        .where('status', '=', 'offered')
        .where('offer_expires_at', '<=', nowIso)
        .executeTakeFirst();
      counts.dueOffers = Number(due?.total ?? 0);
      counts.liveOffers = offered - counts.dueOffers;
    }
    if (!options.byEmployer) return counts;
    const rows = await this.db
      .selectFrom('registrations')
      .select((eb) => ['employer_id', eb.fn.countAll<number>().as('total')])
      .where('session_id', '=', sessionId)
      .where('status', 'in', ['pending', 'confirmed', 'offered'])
      .where((eb) => eb.or([eb('status', '<>', 'offered'), eb('offer_expires_at', '>', nowIso)]))
      .groupBy('employer_id')
      .execute();
    for (const row of rows) counts.employerHeld.set(row.employer_id, Number(row.total));
    return counts;
  }

  async waitlist(sessionId: string): Promise<WaitingRow[]> {
    const rows = await this.db.selectFrom('registrations').select(['id', 'employer_id', 'seq']).where('session_id', '=', sessionId).where('status', '=', 'waitlisted').orderBy('seq').execute();
    return rows.map((row) => ({ registrationId: row.id, employerId: row.employer_id, seq: row.seq }));
  }

  async insert(row: Registration): Promise<void> {
    await this.db.insertInto('registrations').values(row).execute();
  }

  /** Moves a registration on only if it is still in `from`: of two concurrent moves, one wins. */
  async transition(id: string, from: RegistrationStatus | readonly RegistrationStatus[], changes: Partial<Omit<Registration, 'id'>>): Promise<boolean> {
    const result = await this.db
      .updateTable('registrations')
      .set(changes)
      .where('id', '=', id)
      .where('status', 'in', [from].flat())
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async findById(id: string): Promise<Registration | undefined> {
    return this.db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByOfferToken(tokenHash: string): Promise<Registration | undefined> {
    return this.db.selectFrom('registrations').selectAll().where('offer_token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Offers whose time is over, oldest first; `sessionId` narrows to one group. */
  async dueOffers(nowIso: string, sessionId?: string): Promise<Array<{ id: string; sessionId: string }>> {
    const rows = await this.db
      .selectFrom('registrations')
      .select(['id', 'session_id'])
      .where('status', '=', 'offered')
      .where('offer_expires_at', '<=', nowIso)
      .$if(sessionId !== undefined, (qb) => qb.where('session_id', '=', sessionId ?? ''))
      .orderBy('offer_expires_at')
      .execute();
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id }));
  }

  /** The people's active registrations in a training (every group), to keep one seat per training. */
  async activeInTraining(traineeIds: readonly string[], trainingId: string): Promise<Array<{ id: string; traineeId: string; sessionId: string; status: RegistrationStatus }>> {
    if (traineeIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('registrations')
      .select(['id', 'trainee_id', 'session_id', 'status'])
      .where('trainee_id', 'in', [...traineeIds])
      .where('training_id', '=', trainingId)
      .where('status', 'in', ['pending', 'confirmed', 'waitlisted', 'offered'])
      .execute();
    return rows.map((row) => ({ id: row.id, traineeId: row.trainee_id, sessionId: row.session_id, status: row.status }));
  }

  /** Confirmed registrations of these people, with the last day of the group: prerequisites. */
  async confirmedHistory(traineeIds: readonly string[]): Promise<Array<{ traineeId: string; trainingId: string; status: string; lastDate: string | null }>> {
    if (traineeIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('registrations as r')
      .select((eb) => [
        'r.trainee_id',
        'r.training_id',
        'r.status',
        eb.selectFrom('session_days as d').select((inner) => inner.fn.max('d.date').as('last')).whereRef('d.session_id', '=', 'r.session_id').as('last_date'),
      ])
      .where('r.trainee_id', 'in', [...traineeIds])
      .where('r.status', '=', 'confirmed')
      .execute();
    return rows.map((row) => ({ traineeId: row.trainee_id, trainingId: row.training_id, status: row.status, lastDate: (row.last_date as string | null) ?? null }));
  }

  /** Groups where a seat is free while people wait: the promotion job's work list. */
  async groupsWithWaitlist(): Promise<string[]> {
    const rows = await this.db.selectFrom('registrations').select('session_id').where('status', '=', 'waitlisted').distinct().execute();
    return rows.map((row) => row.session_id);
  }

  async list(filter: RegistrationFilter, options: { limit?: number } = {}): Promise<RegistrationView[]> {
    const rows = await this.db
      .selectFrom('registrations as r')
      .innerJoin('trainees as p', 'p.id', 'r.trainee_id')
      .innerJoin('employers as e', 'e.id', 'r.employer_id')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .innerJoin('trainings as t', 't.id', 'r.training_id')
      .leftJoin('users as u', 'u.id', 'r.requested_by')
      .select((eb) => [
        'r.id',
        'r.status',
        'r.seq',
        'r.session_id',
        'r.requested_at',
        'r.status_changed_at',
        'r.offer_expires_at',
        'r.declaration',
        'r.decision_reason',
        'r.cancel_reason',
        'r.is_late_cancellation',
        'u.email as requested_by_email',
        'p.id as trainee_id',
        'p.first_name',
        'p.last_name',
        'p.email',
        'p.profession',
        'e.id as employer_id',
        'e.name as employer_name',
        'e.siret',
        's.label',
        's.city',
        's.status as session_status',
        's.registration_deadline',
        't.id as training_id',
        't.title',
        't.slug',
        eb.selectFrom('session_days as d').select((inner) => inner.fn.min('d.date').as('first')).whereRef('d.session_id', '=', 's.id').as('first_date'),
        eb.selectFrom('session_days as d').select((inner) => inner.fn.max('d.date').as('last')).whereRef('d.session_id', '=', 's.id').as('last_date'),
      ])
      .$if(filter.employerId !== undefined, (qb) => qb.where('r.employer_id', '=', filter.employerId ?? ''))
      .$if(filter.sessionId !== undefined, (qb) => qb.where('r.session_id', '=', filter.sessionId ?? ''))
      .$if(filter.funderId !== undefined, (qb) => qb.where('r.funder_id', '=', filter.funderId ?? ''))
      .$if(filter.providerId !== undefined, (qb) => qb.where('t.provider_id', '=', filter.providerId ?? ''))
      .$if(filter.traineeId !== undefined, (qb) => qb.where('r.trainee_id', '=', filter.traineeId ?? ''))
      .$if(filter.statuses !== undefined, (qb) => qb.where('r.status', 'in', [...(filter.statuses ?? [])]))
      .$if(filter.ids !== undefined, (qb) => qb.where('r.id', 'in', filter.ids && filter.ids.length > 0 ? [...filter.ids] : ['']))
      .orderBy('r.requested_at', 'desc')
      .orderBy('r.seq', 'desc')
      .$if(options.limit !== undefined, (qb) => qb.limit(options.limit ?? 0))
      .execute();
    const positions = await this.waitlistPositions([...new Set(rows.filter((row) => row.status === 'waitlisted').map((row) => row.session_id))]);
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      seq: row.seq,
      requestedAt: row.requested_at,
      statusChangedAt: row.status_changed_at,
      offerExpiresAt: row.offer_expires_at,
      declaration: row.declaration,
      decisionReason: row.decision_reason,
      cancelReason: row.cancel_reason,
      isLateCancellation: row.is_late_cancellation === 1,
      requestedByEmail: row.requested_by_email ?? null,
      trainee: { id: row.trainee_id, firstName: row.first_name, lastName: row.last_name, email: row.email, profession: row.profession },
      employer: { id: row.employer_id, name: row.employer_name, siret: row.siret },
      session: {
        id: row.session_id,
        label: row.label,
        city: row.city,
        status: row.session_status,
        firstDate: (row.first_date as string | null) ?? null,
        lastDate: (row.last_date as string | null) ?? null,
        registrationDeadline: row.registration_deadline,
      },
      training: { id: row.training_id, title: row.title, slug: row.slug },
      waitlistPosition: row.status === 'waitlisted' ? (positions.get(row.id) ?? null) : null,
    }));
  }

  /** Position of every waitlisted registration of these groups (1 = next to be offered a seat). */
  private async waitlistPositions(sessionIds: string[]): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    if (sessionIds.length === 0) return positions;
    const rows = await this.db
      .selectFrom('registrations')
      .select(['id', 'session_id'])
      .where('session_id', 'in', sessionIds)
      .where('status', '=', 'waitlisted')
      .orderBy('session_id')
      .orderBy('seq')
      .execute();
    let current = '';
    let position = 0;
    for (const row of rows) {
      if (row.session_id !== current) {
        current = row.session_id;
        position = 0;
      }
      position += 1;
      positions.set(row.id, position);
    }
    return positions;
  }

  /** Who to write to about these registrations: the trainee, and the HR contact who registered them. */
  async contactsOf(ids: readonly string[]): Promise<Map<string, RegistrationContacts>> {
    const contacts = new Map<string, RegistrationContacts>();
    if (ids.length === 0) return contacts;
    const rows = await this.db
      .selectFrom('registrations as r')
      .innerJoin('trainees as p', 'p.id', 'r.trainee_id')
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'r.requested_by').on('u.status', '=', 'active'))
      .select(['r.id', 'p.first_name', 'p.last_name', 'p.email', 'u.email as hr_email'])
      .where('r.id', 'in', [...ids])
      .execute();
    for (const row of rows) contacts.set(row.id, { traineeName: `${row.first_name} ${row.last_name}`, traineeEmail: row.email, hrEmail: row.hr_email ?? null });
    return contacts;
  }

  /** The group's days and half-day times, for the mails. */
  async daysOf(sessionId: string): Promise<Array<{ date: string; halfDays: Array<{ startTime: string; endTime: string }> }>> {
    const rows = await this.db
      .selectFrom('session_days as d')
      .leftJoin('half_days as h', 'h.session_day_id', 'd.id')
      .select(['d.date', 'h.start_time', 'h.end_time'])
      .where('d.session_id', '=', sessionId)
      .orderBy('d.date')
      .orderBy('h.start_time')
      .execute();
    const days: Array<{ date: string; halfDays: Array<{ startTime: string; endTime: string }> }> = [];
    for (const row of rows) {
      let day = days[days.length - 1];
      if (!day || day.date !== row.date) {
        day = { date: row.date, halfDays: [] };
        days.push(day);
      }
      if (row.start_time && row.end_time) day.halfDays.push({ startTime: row.start_time, endTime: row.end_time });
    }
    return days;
  }
}
