/**
 * The organisations funder admins manage: listing, creating, editing, (de)activating
 * employers, providers and co-funders (funders are created by operators).
 */
import type { Kysely } from 'kysely';
import { nameKey } from '../../domain/text/slugify.js';
import { newId } from '../ids.js';
import { bumpChangeCounter } from './changeCounterRepository.js';
import type { Schema } from '../schema.js';

export interface EmployerRow {
  id: string;
  funderId: string;
  name: string;
  siret: string;
  sector: string;
  regionId: string | null;
  regionName: string | null;
  city: string | null;
  postcode: string | null;
  isActive: boolean;
}

export interface ProviderRow {
  id: string;
  name: string;
  siret: string | null;
  nda: string | null;
  email: string | null;
  city: string | null;
  isActive: boolean;
}

export interface CofunderRow {
  id: string;
  name: string;
  lheoCode: string | null;
  isActive: boolean;
}

export interface EmployerFields {
  name: string;
  siret: string;
  sector: string;
  regionId: string | null;
  city: string | null;
  postcode: string | null;
}

export interface ProviderFields {
  name: string;
  siret: string | null;
  nda: string | null;
  email: string | null;
  city: string | null;
}

export interface FunderFields {
  name: string;
  shortName: string;
  website: string | null;
  regionId: string | null;
  defaultMinTrainees: number;
  defaultMaxTrainees: number;
}

export interface FunderRow extends FunderFields {
  id: string;
  slug: string;
  regionCode: string | null;
}

const EMPLOYER_COLUMNS = ['e.id', 'e.funder_id', 'e.name', 'e.siret', 'e.sector', 'e.region_id', 'r.name as region_name', 'e.city', 'e.postcode', 'e.is_active'] as const;

function toEmployerRow(row: {
  id: string;
  funder_id: string;
  name: string;
  siret: string;
  sector: string;
  region_id: string | null;
  region_name: string | null;
  city: string | null;
  postcode: string | null;
  is_active: number;
}): EmployerRow {
  return {
    id: row.id,
    funderId: row.funder_id,
    name: row.name,
    siret: row.siret,
    sector: row.sector,
    regionId: row.region_id,
    regionName: row.region_name,
    city: row.city,
    postcode: row.postcode,
    isActive: row.is_active === 1,
  };
}

export class OrganisationDirectoryRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async listEmployers(funderIds: string[], search?: string): Promise<EmployerRow[]> {
    if (funderIds.length === 0) return [];
    let query = this.db
      .selectFrom('employers as e')
      .leftJoin('regions as r', 'r.id', 'e.region_id')
      .select(EMPLOYER_COLUMNS)
      .where('e.funder_id', 'in', funderIds);
    if (search) query = query.where((eb) => eb.or([eb(eb.fn('lower', ['e.name']), 'like', `%${search.toLowerCase()}%`), eb('e.siret', 'like', `${search.replace(/\s/g, '')}%`)]));
    const rows = await query.orderBy('e.name').limit(500).execute();
    return rows.map(toEmployerRow);
  }

  async findEmployer(id: string): Promise<EmployerRow | undefined> {
    const row = await this.db
      .selectFrom('employers as e')
      .leftJoin('regions as r', 'r.id', 'e.region_id')
      .select(EMPLOYER_COLUMNS)
      .where('e.id', '=', id)
      .executeTakeFirst();
    return row && toEmployerRow(row);
  }

  async findEmployerBySiret(siret: string): Promise<{ id: string; name: string } | undefined> {
    return this.db.selectFrom('employers').select(['id', 'name']).where('siret', '=', siret).executeTakeFirst();
  }

  async insertEmployer(funderId: string, fields: EmployerFields, now: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('employers')
      .values({ id, funder_id: funderId, name: fields.name, siret: fields.siret, sector: fields.sector, region_id: fields.regionId, city: fields.city, postcode: fields.postcode, created_at: now, updated_at: now })
      .execute();
    return id;
  }

  async updateEmployer(id: string, fields: EmployerFields, now: string): Promise<void> {
    await this.db
      .updateTable('employers')
      .set({ name: fields.name, siret: fields.siret, sector: fields.sector, region_id: fields.regionId, city: fields.city, postcode: fields.postcode, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async listProviders(search?: string): Promise<ProviderRow[]> {
    let query = this.db.selectFrom('providers').selectAll();
    if (search) query = query.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', `%${search.toLowerCase()}%`), eb('siret', 'like', `${search.replace(/\s/g, '')}%`)]));
    const rows = await query.orderBy('name').limit(500).execute();
    return rows.map((row) => ({ id: row.id, name: row.name, siret: row.siret, nda: row.nda, email: row.email, city: row.city, isActive: row.is_active === 1 }));
  }

  async findProvider(id: string): Promise<ProviderRow | undefined> {
    const row = await this.db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, name: row.name, siret: row.siret, nda: row.nda, email: row.email, city: row.city, isActive: row.is_active === 1 };
  }

  async findProviderConflict(fields: { name: string; siret: string | null }, exceptId?: string): Promise<{ field: 'name' | 'siret'; name: string } | undefined> {
    let query = this.db
      .selectFrom('providers')
      .select(['id', 'name', 'siret', 'name_key'])
      .where((eb) => eb.or([eb('name_key', '=', nameKey(fields.name)), ...(fields.siret ? [eb('siret', '=', fields.siret)] : [])]));
    if (exceptId) query = query.where('id', '<>', exceptId);
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    return { field: fields.siret && row.siret === fields.siret ? 'siret' : 'name', name: row.name };
  }

  async insertProvider(fields: ProviderFields, now: string): Promise<string> {
    // Providers and co-funders are shown on the public training pages.
    await bumpChangeCounter(this.db, 'catalogue');
    const id = newId();
    await this.db
      .insertInto('providers')
      .values({ id, name: fields.name, name_key: nameKey(fields.name), siret: fields.siret, nda: fields.nda, email: fields.email, city: fields.city, created_at: now, updated_at: now })
      .execute();
    return id;
  }

  async updateProvider(id: string, fields: ProviderFields, now: string): Promise<void> {
    await bumpChangeCounter(this.db, 'catalogue');
    await this.db
      .updateTable('providers')
      .set({ name: fields.name, name_key: nameKey(fields.name), siret: fields.siret, nda: fields.nda, email: fields.email, city: fields.city, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async listCofunders(): Promise<CofunderRow[]> {
    const rows = await this.db.selectFrom('cofunders').selectAll().orderBy('name').execute();
    return rows.map((row) => ({ id: row.id, name: row.name, lheoCode: row.lheo_code, isActive: row.is_active === 1 }));
  }

  async findCofunderByName(name: string, exceptId?: string): Promise<{ id: string } | undefined> {
    let query = this.db.selectFrom('cofunders').select('id').where('name_key', '=', nameKey(name));
    if (exceptId) query = query.where('id', '<>', exceptId);
    return query.executeTakeFirst();
  }

  async insertCofunder(fields: { name: string; lheoCode: string | null }, now: string): Promise<string> {
    await bumpChangeCounter(this.db, 'catalogue');
    const id = newId();
    await this.db.insertInto('cofunders').values({ id, name: fields.name, name_key: nameKey(fields.name), lheo_code: fields.lheoCode, created_at: now, updated_at: now }).execute();
    return id;
  }

  async updateCofunder(id: string, fields: { name: string; lheoCode: string | null }, now: string): Promise<void> {
    await bumpChangeCounter(this.db, 'catalogue');
    await this.db.updateTable('cofunders').set({ name: fields.name, name_key: nameKey(fields.name), lheo_code: fields.lheoCode, updated_at: now }).where('id', '=', id).execute();
  }

  async setActive(kind: 'employer' | 'provider' | 'cofunder', id: string, active: boolean, now: string): Promise<boolean> {
    await bumpChangeCounter(this.db, 'catalogue');
    const table = ({ employer: 'employers', provider: 'providers', cofunder: 'cofunders' } as const)[kind];
    const result = await this.db.updateTable(table).set({ is_active: active ? 1 : 0, updated_at: now }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findFunder(id: string): Promise<FunderRow | undefined> {
    const row = await this.db
      .selectFrom('funders as f')
      .leftJoin('regions as r', 'r.id', 'f.region_id')
      .select(['f.id', 'f.slug', 'f.name', 'f.short_name', 'f.website', 'f.region_id', 'r.code as region_code', 'f.default_min_trainees', 'f.default_max_trainees'])
      .where('f.id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        slug: row.slug,
        name: row.name,
        shortName: row.short_name,
        website: row.website,
        regionId: row.region_id,
        regionCode: row.region_code,
        defaultMinTrainees: row.default_min_trainees,
        defaultMaxTrainees: row.default_max_trainees,
      }
    );
  }

  async updateFunder(id: string, fields: FunderFields, now: string): Promise<void> {
    // The funder's name is on every training page.
    await bumpChangeCounter(this.db, 'catalogue');
    await this.db
      .updateTable('funders')
      .set({
        name: fields.name,
        short_name: fields.shortName,
        website: fields.website,
        region_id: fields.regionId,
        default_min_trainees: fields.defaultMinTrainees,
        default_max_trainees: fields.defaultMaxTrainees,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async listRegions(): Promise<Array<{ id: string; code: string; name: string }>> {
    return this.db.selectFrom('regions').select(['id', 'code', 'name']).orderBy('name').execute();
  }
}
