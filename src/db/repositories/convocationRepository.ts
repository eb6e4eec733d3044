/**
 * Reads what a convocation needs (src/documents/convocation/): one query for the registration
 * and everything it points to, one for the group's days and half-days.
 */
import type { Kysely } from 'kysely';
import type { ConvocationDay, ConvocationFacts } from '../../documents/convocation/convocationFacts.js';
import type { Schema } from '../schema.js';

export class ConvocationRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async findConvocation(registrationId: string): Promise<ConvocationFacts | undefined> {
    const row = await this.db
      .selectFrom('registrations as r')
      .innerJoin('trainees as t', 't.id', 'r.trainee_id')
      .innerJoin('employers as e', 'e.id', 'r.employer_id')
      .innerJoin('trainings as tr', 'tr.id', 'r.training_id')
      .innerJoin('funders as f', 'f.id', 'r.funder_id')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .leftJoin('providers as p', 'p.id', 'tr.provider_id')
      .leftJoin('funder_contacts as c', 'c.id', 'tr.contact_id')
      .select([
        'r.id as registration_id',
        'r.status',
        'r.updated_at as registration_updated_at',
        't.first_name',
        't.last_name',
        't.email',
        'e.name as employer_name',
        'tr.id as training_id',
        'tr.title',
        'tr.module_title',
        'f.name as funder_name',
        'p.name as provider_name',
        'p.siret as provider_siret',
        'p.nda as provider_nda',
        'p.email as provider_email',
        'p.phone as provider_phone',
        'p.address as provider_address',
        'p.postcode as provider_postcode',
        'p.city as provider_city',
        'c.name as contact_name',
        'c.email as contact_email',
        'c.phone as contact_phone',
        's.id as session_id',
        's.label',
        's.venue_name',
        's.address',
        's.postcode',
        's.city',
        's.status as session_status',
        's.cancelled_at',
        's.updated_at as session_updated_at',
      ])
      .where('r.id', '=', registrationId)
      .executeTakeFirst();
    if (!row) return undefined;

    const dayRows = await this.db
      .selectFrom('session_days as d')
      .leftJoin('half_days as h', 'h.session_day_id', 'd.id')
      .select(['d.id', 'd.date', 'h.period', 'h.start_time', 'h.end_time'])
      .where('d.session_id', '=', row.session_id)
      .orderBy('d.date')
      .orderBy('d.position')
      .orderBy('h.start_time')
      .execute();
    const days: ConvocationDay[] = [];
    let currentDayId: string | null = null;
    for (const dayRow of dayRows) {
      if (dayRow.id !== currentDayId) {
        currentDayId = dayRow.id;
        days.push({ date: dayRow.date, halfDays: [] });
      }
      const day = days[days.length - 1];
      if (day && dayRow.period && dayRow.start_time && dayRow.end_time) {
        day.halfDays.push({ period: dayRow.period, startTime: dayRow.start_time, endTime: dayRow.end_time });
      }
    }

    return {
      registration: { id: row.registration_id, status: row.status },
      // ISO UTC text sorts chronologically.
      revisedAt: row.registration_updated_at > row.session_updated_at ? row.registration_updated_at : row.session_updated_at,
      trainee: { firstName: row.first_name, lastName: row.last_name, email: row.email },
      employer: { name: row.employer_name },
      training: { id: row.training_id, title: row.title, moduleTitle: row.module_title },
      provider:
        row.provider_name === null
          ? null
          : {
              name: row.provider_name,
              siret: row.provider_siret,
              nda: row.provider_nda,
              email: row.provider_email,
              phone: row.provider_phone,
              address: row.provider_address,
              postcode: row.provider_postcode,
              city: row.provider_city,
            },
      funder: { name: row.funder_name },
      contact: row.contact_name === null ? null : { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
      session: {
        id: row.session_id,
        label: row.label,
        venueName: row.venue_name,
        address: row.address,
        postcode: row.postcode,
        city: row.city,
        cancelled: row.session_status === 'cancelled' || row.cancelled_at !== null,
      },
      days,
    };
  }
}
