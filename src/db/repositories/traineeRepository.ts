/** The staff an employer keeps in Relais, to register them into groups. */
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../ids.js';
import type { Schema, TraineeTable } from '../schema.js';

export interface Trainee {
  id: string;
  employerId: string;
  firstName: string;
  lastName: string;
  email: string;
  profession: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TraineeFields {
  firstName: string;
  lastName: string;
  email: string;
  profession: string;
}

export class TraineeRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(employerId: string, fields: TraineeFields, at: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('trainees')
      .values({ id, employer_id: employerId, first_name: fields.firstName, last_name: fields.lastName, email: fields.email, profession: fields.profession, created_at: at, updated_at: at, erased_at: null })
      .execute();
    return id;
  }

  async update(id: string, fields: TraineeFields, at: string): Promise<void> {
    await this.db
      .updateTable('trainees')
      .set({ first_name: fields.firstName, last_name: fields.lastName, email: fields.email, profession: fields.profession, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async setActive(id: string, active: boolean, at: string): Promise<void> {
    await this.db.updateTable('trainees').set({ is_active: active ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
  }

  /** Erasure: the row stays (registrations keep their figures), nothing identifies the person any more. */
  async anonymise(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('trainees')
      .set({ first_name: 'Personne', last_name: 'effacée', email: `efface-${id}@invalid.example`, is_active: 0, erased_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async findById(id: string): Promise<Trainee | undefined> {
    const row = await this.db.selectFrom('trainees').selectAll().where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
    return row && toTrainee(row);
  }

  async findManyByIds(ids: readonly string[]): Promise<Trainee[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('trainees').selectAll().where('id', 'in', [...ids]).where('erased_at', 'is', null).execute();
    return rows.map(toTrainee);
  }

  async findByEmail(employerId: string, email: string): Promise<Trainee | undefined> {
    const row = await this.db.selectFrom('trainees').selectAll().where('employer_id', '=', employerId).where('email', '=', email).executeTakeFirst();
    return row && toTrainee(row);
  }

  /** Staff list by name; inactive people last when included. */
  async listForEmployer(employerId: string, options: { includeInactive?: boolean } = {}): Promise<Trainee[]> {
    const rows = await this.db
      .selectFrom('trainees')
      .selectAll()
      .where('employer_id', '=', employerId)
      .where('erased_at', 'is', null)
      .$if(!options.includeInactive, (qb) => qb.where('is_active', '=', 1))
      .orderBy('is_active', 'desc')
      .orderBy('last_name')
      .orderBy('first_name')
      .orderBy('id')
      .execute();
    return rows.map(toTrainee);
  }
}

function toTrainee(row: Selectable<TraineeTable>): Trainee {
  return {
    id: row.id,
    employerId: row.employer_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    profession: row.profession,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
