/**
 * Group-level registration data: the funder's « maintien ou annulation » decision, the groups
 * the jobs look at (reminders, minimum size), a training's registration settings, and who at
 * the funder hears about decisions to take.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface RegistrationSettings {
  requiresApproval: boolean;
  /** Space-separated profession codes, null: every profession. */
  eligibleProfessions: string | null;
  requiresJustification: boolean;
  employerCap: number | null;
  capReleaseDays: number | null;
}

export interface GroupBelowMinimum {
  sessionId: string;
  funderId: string;
  confirmed: number;
  minTrainees: number;
}

export class GroupRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async setCancelled(sessionId: string, reason: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ status: 'cancelled', cancelled_at: at, cancel_reason: reason, updated_at: at })
      .where('id', '=', sessionId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async setMaintained(sessionId: string, userId: string | null, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ maintained_at: at, maintained_by: userId, updated_at: at }).where('id', '=', sessionId).execute();
  }

  async markMinSizeAlerted(sessionId: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('sessions').set({ min_size_alerted_at: at }).where('id', '=', sessionId).where('min_size_alerted_at', 'is', null).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async decisionOf(sessionId: string): Promise<{ alertedAt: string | null; maintainedAt: string | null; cancelledAt: string | null; cancelReason: string | null } | undefined> {
    const row = await this.db.selectFrom('sessions').select(['min_size_alerted_at', 'maintained_at', 'cancelled_at', 'cancel_reason']).where('id', '=', sessionId).executeTakeFirst();
    return row && { alertedAt: row.min_size_alerted_at, maintainedAt: row.maintained_at, cancelledAt: row.cancelled_at, cancelReason: row.cancel_reason };
  }

  /**
   * Groups not cancelled nor maintained, starting after `today` and no later than the funder's
   * check horizon, with fewer confirmed registrations than their minimum.
   */
  async belowMinimum(today: string, options: { onlyNotAlerted: boolean; funderId?: string }): Promise<GroupBelowMinimum[]> {
    const rows = await this.db
      .selectFrom('sessions as s')
      .innerJoin('trainings as t', 't.id', 's.training_id')
      .innerJoin('funders as f', 'f.id', 't.funder_id')
      .select((eb) => [
        's.id',
        't.funder_id',
        's.min_trainees',
        'f.min_size_check_days',
        eb.selectFrom('session_days as d').select((inner) => inner.fn.min('d.date').as('first')).whereRef('d.session_id', '=', 's.id').as('first_date'),
        eb
          .selectFrom('registrations as r')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('r.session_id', '=', 's.id')
          .where('r.status', '=', 'confirmed')
          .as('confirmed'),
      ])
      .where('s.status', '<>', 'cancelled')
      .where('s.maintained_at', 'is', null)
      .where('t.status', '=', 'published')
      .$if(options.onlyNotAlerted, (qb) => qb.where('s.min_size_alerted_at', 'is', null))
      .$if(options.funderId !== undefined, (qb) => qb.where('t.funder_id', '=', options.funderId ?? ''))
      .execute();
    return rows
      .filter((row) => {
        const first = row.first_date as string | null;
        if (first === null || first <= today) return false;
        const horizon = new Date(`${today}T00:00:00Z`);
        horizon.setUTCDate(horizon.getUTCDate() + row.min_size_check_days);
        return first <= horizon.toISOString().slice(0, 10) && Number(row.confirmed ?? 0) < row.min_trainees;
      })
      .map((row) => ({ sessionId: row.id, funderId: row.funder_id, confirmed: Number(row.confirmed ?? 0), minTrainees: row.min_trainees }));
  }

  /** Confirmed registrations of groups whose first day is in [from, to]: the 7-day reminder. */
  async confirmedStartingBetween(from: string, to: string): Promise<Array<{ registrationId: string; sessionId: string }>> {
    const rows = await this.db
      .selectFrom('registrations as r')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .select(['r.id', 'r.session_id'])
      .where('r.status', '=', 'confirmed')
      .where('s.status', '<>', 'cancelled')
      .where((eb) =>
        eb(
          eb.selectFrom('session_days as d').select((inner) => inner.fn.min('d.date').as('first')).whereRef('d.session_id', '=', 's.id'),
          '>=',
          from,
        ),
      )
      .where((eb) =>
        eb(
          eb.selectFrom('session_days as d').select((inner) => inner.fn.min('d.date').as('first')).whereRef('d.session_id', '=', 's.id'),
          '<=',
          to,
        ),
      )
      .execute();
    return rows.map((row) => ({ registrationId: row.id, sessionId: row.session_id }));
  }

  /** The other groups of a training still ahead and not cancelled, for the « groupe annulé » mail. */
  async otherGroups(trainingId: string, exceptSessionId: string, today: string): Promise<Array<{ sessionId: string; label: string; city: string | null; firstDate: string | null; lastDate: string | null }>> {
    const rows = await this.db
      .selectFrom('sessions as s')
      .select((eb) => [
        's.id',
        's.label',
        's.city',
        eb.selectFrom('session_days as d').select((inner) => inner.fn.min('d.date').as('first')).whereRef('d.session_id', '=', 's.id').as('first_date'),
        eb.selectFrom('session_days as d').select((inner) => inner.fn.max('d.date').as('last')).whereRef('d.session_id', '=', 's.id').as('last_date'),
      ])
      .where('s.training_id', '=', trainingId)
      .where('s.id', '<>', exceptSessionId)
      .where('s.status', '<>', 'cancelled')
      .orderBy('s.position')
      .execute();
    return rows
      .map((row) => ({ sessionId: row.id, label: row.label, city: row.city, firstDate: (row.first_date as string | null) ?? null, lastDate: (row.last_date as string | null) ?? null }))
      .filter((row) => row.firstDate === null || row.firstDate > today);
  }

  async sessionIdsOfTraining(trainingId: string): Promise<string[]> {
    return (await this.db.selectFrom('sessions').select('id').where('training_id', '=', trainingId).execute()).map((row) => row.id);
  }

  async registrationSettings(trainingId: string): Promise<(RegistrationSettings & { funderId: string; title: string }) | undefined> {
    const row = await this.db
      .selectFrom('trainings')
      .select(['funder_id', 'title', 'requires_approval', 'eligible_professions', 'requires_justification', 'employer_cap', 'cap_release_days'])
      .where('id', '=', trainingId)
      .executeTakeFirst();
    return (
      row && {
        funderId: row.funder_id,
        title: row.title,
        requiresApproval: row.requires_approval === 1,
        eligibleProfessions: row.eligible_professions,
        requiresJustification: row.requires_justification === 1,
        employerCap: row.employer_cap,
        capReleaseDays: row.cap_release_days,
      }
    );
  }

  async updateRegistrationSettings(trainingId: string, settings: RegistrationSettings, at: string): Promise<void> {
    await this.db
      .updateTable('trainings')
      .set({
        requires_approval: settings.requiresApproval ? 1 : 0,
        eligible_professions: settings.eligibleProfessions,
        requires_justification: settings.requiresJustification ? 1 : 0,
        employer_cap: settings.employerCap,
        cap_release_days: settings.capReleaseDays,
        updated_at: at,
      })
      .where('id', '=', trainingId)
      .execute();
  }

  /** Active admins and managers of a funder: who is asked to decide. */
  async funderStaffEmails(funderId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.email')
      .where('m.organisation_kind', '=', 'funder')
      .where('m.organisation_id', '=', funderId)
      .where('m.role', 'in', ['funder_admin', 'funder_manager'])
      .where('u.status', '=', 'active')
      .distinct()
      .orderBy('u.email')
      .execute();
    return rows.map((row) => row.email);
  }
}
