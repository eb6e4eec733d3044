/**
 * The lists behind « Pilotage » (funder staff) and « Espace organisme » (providers): groups with
 * their first and last days, and how many registrations each group holds per state. Two
 * grouped queries whatever the number of groups; seats are counted here, never stored.
 */
import type { Kysely } from 'kysely';
import type { Schema, SessionStatus, TrainingStatus } from '../schema.js';

/** Which groups: a funder's, or those of trainings some providers deliver; optionally one training. */
export interface GroupScope {
  funderId?: string;
  providerIds?: readonly string[];
  trainingId?: string;
  trainingStatuses?: readonly TrainingStatus[];
}

export interface SteeringGroup {
  sessionId: string;
  trainingId: string;
  trainingTitle: string;
  moduleNumber: number | null;
  moduleTitle: string | null;
  trainingStatus: TrainingStatus;
  providerId: string | null;
  providerName: string | null;
  label: string;
  city: string | null;
  status: SessionStatus;
  minTrainees: number;
  maxTrainees: number;
  registrationDeadline: string | null;
  firstDate: string | null;
  lastDate: string | null;
  maintainedAt: string | null;
}

/** Registrations per state; offers count only while live (their expiry is ahead). */
export interface RegistrationTally {
  confirmed: number;
  pending: number;
  offered: number;
  waitlisted: number;
}

export const EMPTY_TALLY: Readonly<RegistrationTally> = Object.freeze({ confirmed: 0, pending: 0, offered: 0, waitlisted: 0 });

export class SteeringRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Groups of the scope, by training title then group position; none when the scope names no owner. */
  async groups(scope: GroupScope): Promise<SteeringGroup[]> {
    if (scope.funderId === undefined && (scope.providerIds === undefined || scope.providerIds.length === 0)) return [];
    const rows = await this.db
      .selectFrom('sessions as s')
      .innerJoin('trainings as t', 't.id', 's.training_id')
      .leftJoin('providers as p', 'p.id', 't.provider_id')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('session_days')
            .select((inner) => ['session_id', inner.fn.min<string>('date').as('first_date'), inner.fn.max<string>('date').as('last_date')])
            .groupBy('session_id')
            .as('d'),
        (join) => join.onRef('d.session_id', '=', 's.id'),
      )
      .select([
        's.id',
        's.training_id',
        's.label',
        's.city',
        's.status',
        's.min_trainees',
        's.max_trainees',
        's.registration_deadline',
        's.maintained_at',
        't.title',
        't.module_number',
        't.module_title',
        't.status as training_status',
        't.provider_id',
        'p.name as provider_name',
        'd.first_date',
        'd.last_date',
      ])
      .$if(scope.funderId !== undefined, (qb) => qb.where('t.funder_id', '=', scope.funderId ?? ''))
      .$if(scope.providerIds !== undefined, (qb) => qb.where('t.provider_id', 'in', [...(scope.providerIds ?? [])]))
      .$if(scope.trainingId !== undefined, (qb) => qb.where('t.id', '=', scope.trainingId ?? ''))
      .$if(scope.trainingStatuses !== undefined, (qb) => qb.where('t.status', 'in', [...(scope.trainingStatuses ?? [])]))
      .orderBy('t.title')
      .orderBy('t.id')
      .orderBy('s.position')
      .orderBy('s.id')
      .execute();
    return rows.map((row) => ({
      sessionId: row.id,
      trainingId: row.training_id,
      trainingTitle: row.title,
      moduleNumber: row.module_number,
      moduleTitle: row.module_title,
      trainingStatus: row.training_status,
      providerId: row.provider_id,
      providerName: row.provider_name ?? null,
      label: row.label,
      city: row.city,
      status: row.status,
      minTrainees: row.min_trainees,
      maxTrainees: row.max_trainees,
      registrationDeadline: row.registration_deadline,
      firstDate: row.first_date ?? null,
      lastDate: row.last_date ?? null,
      maintainedAt: row.maintained_at,
    }));
  }

  /** Active registrations of the scope's groups per group and state, in one grouped query. */
  async tallies(scope: GroupScope, nowIso: string): Promise<Map<string, RegistrationTally>> {
    const tallies = new Map<string, RegistrationTally>();
    if (scope.funderId === undefined && (scope.providerIds === undefined || scope.providerIds.length === 0)) return tallies;
    const rows = await this.db
      .selectFrom('registrations as r')
      .innerJoin('trainings as t', 't.id', 'r.training_id')
      .select((eb) => ['r.session_id', 'r.status', eb.fn.countAll<number>().as('total')])
      .where('r.status', 'in', ['pending', 'confirmed', 'offered', 'waitlisted'])
      // An offer past its expiry holds nothing, even before the job marks it expired.
      .where((eb) => eb.or([eb('r.status', '<>', 'offered'), eb('r.offer_expires_at', '>', nowIso)]))
      .$if(scope.funderId !== undefined, (qb) => qb.where('r.funder_id', '=', scope.funderId ?? ''))
      .$if(scope.providerIds !== undefined, (qb) => qb.where('t.provider_id', 'in', [...(scope.providerIds ?? [])]))
      .$if(scope.trainingId !== undefined, (qb) => qb.where('r.training_id', '=', scope.trainingId ?? ''))
      .$if(scope.trainingStatuses !== undefined, (qb) => qb.where('t.status', 'in', [...(scope.trainingStatuses ?? [])]))
      .groupBy(['r.session_id', 'r.status'])
      .execute();
    for (const row of rows) {
      const tally = tallies.get(row.session_id) ?? { ...EMPTY_TALLY };
      const total = Number(row.total);
      if (row.status === 'confirmed') tally.confirmed += total;
      else if (row.status === 'pending') tally.pending += total;
      else if (row.status === 'offered') tally.offered += total;
      else tally.waitlisted += total;
      tallies.set(row.session_id, tally);
    }
    return tallies;
  }
}
