/**
 * Funders, providers, co-funders, employers and the funder's reference data (regions,
 * themes, tracks, contacts). Lookups by natural key so that imports recognise what exists.
 */
import type { Kysely } from 'kysely';
import { nameKey, slugify } from '../../domain/text/slugify.js';
import { newId } from '../ids.js';
import { bumpChangeCounter } from './changeCounterRepository.js';
import type { Funder, OrganisationKind, Region, Schema } from '../schema.js';

const isoNow = (): string => new Date().toISOString();

export interface OrganisationRef {
  kind: OrganisationKind;
  id: string;
  name: string;
  isActive: boolean;
  /** The funder an employer belongs to (null for the shared directories). */
  funderId: string | null;
}

export class OrganisationRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async listFunders(): Promise<Funder[]> {
    return this.db.selectFrom('funders').selectAll().where('is_active', '=', 1).orderBy('name').execute();
  }

  async findFunderBySlug(slug: string): Promise<Funder | undefined> {
    return this.db.selectFrom('funders').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async countFunders(): Promise<number> {
    const row = await this.db.selectFrom('funders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertFunder(funder: Omit<Funder, 'id' | 'created_at' | 'updated_at' | 'is_active' | 'offer_validity_hours' | 'min_size_check_days'>): Promise<string> {
    const id = newId();
    await this.db.insertInto('funders').values({ id, ...funder, created_at: isoNow(), updated_at: isoNow() }).execute();
    return id;
  }

  async findOrganisation(kind: OrganisationKind, id: string): Promise<OrganisationRef | undefined> {
    if (kind === 'employer') {
      // An employer answers with its funder in the same read (every registration asks).
      const employer = await this.db.selectFrom('employers').select(['id', 'name', 'is_active', 'funder_id']).where('id', '=', id).executeTakeFirst();
      return employer && { kind, id: employer.id, name: employer.name, isActive: employer.is_active === 1, funderId: employer.funder_id };
    }
    const table = ({ funder: 'funders', provider: 'providers', cofunder: 'cofunders' } as const)[kind];
    const row = await this.db.selectFrom(table).select(['id', 'name', 'is_active']).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { kind, id: row.id, name: row.name, isActive: row.is_active === 1, funderId: kind === 'funder' ? id : null };
  }

  /** An organisation named on the command line: funder slug, SIRET, or name. */
  async findOrganisationByKey(key: string): Promise<OrganisationRef | undefined> {
    const funder = await this.db.selectFrom('funders').select('id').where('slug', '=', key).executeTakeFirst();
    if (funder) return this.findOrganisation('funder', funder.id);
    const siret = key.replace(/\s/g, '');
    const employer = await this.db.selectFrom('employers').select('id').where('siret', '=', siret).executeTakeFirst();
    if (employer) return this.findOrganisation('employer', employer.id);
    const provider = await this.db
      .selectFrom('providers')
      .select('id')
      .where((eb) => eb.or([eb('siret', '=', siret), eb('name_key', '=', nameKey(key))]))
      .executeTakeFirst();
    if (provider) return this.findOrganisation('provider', provider.id);
    const cofunder = await this.db.selectFrom('cofunders').select('id').where('name_key', '=', nameKey(key)).executeTakeFirst();
    if (cofunder) return this.findOrganisation('cofunder', cofunder.id);
    return undefined;
  }

  async findRegionByCode(code: string): Promise<Region | undefined> {
    return this.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async findRegionBySlug(slug: string): Promise<Region | undefined> {
    return this.db.selectFrom('regions').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** The provider named on a fiche, created on first sight (SIRET and NDA are added later). */
  async findOrCreateProvider(name: string, details: { siret?: string; nda?: string; city?: string } = {}): Promise<string> {
    const key = nameKey(name);
    const existing = await this.db.selectFrom('providers').select('id').where('name_key', '=', key).executeTakeFirst();
    if (existing) return existing.id;
    const id = newId();
    await this.db
      .insertInto('providers')
      .values({ id, name, name_key: key, siret: details.siret ?? null, nda: details.nda ?? null, city: details.city ?? null, created_at: isoNow(), updated_at: isoNow() })
      .execute();
    return id;
  }

  async findOrCreateCofunder(name: string, lheoCode: string | null = null): Promise<string> {
    const key = nameKey(name);
    const existing = await this.db.selectFrom('cofunders').select('id').where('name_key', '=', key).executeTakeFirst();
    if (existing) return existing.id;
    const id = newId();
    await this.db.insertInto('cofunders').values({ id, name, name_key: key, lheo_code: lheoCode, created_at: isoNow(), updated_at: isoNow() }).execute();
    return id;
  }

  /** A funder's contact person, recognised by email (or by name when the fiche gives no email). */
  async findOrCreateContact(funderId: string, contact: { name: string; email: string | null }): Promise<string> {
    let query = this.db.selectFrom('funder_contacts').select(['id', 'name']).where('funder_id', '=', funderId);
    query = contact.email ? query.where('email', '=', contact.email) : query.where('name', '=', contact.name).where('email', 'is', null);
    const existing = await query.executeTakeFirst();
    if (existing) {
      if (existing.name !== contact.name) {
        await this.db.updateTable('funder_contacts').set({ name: contact.name }).where('id', '=', existing.id).execute();
      }
      return existing.id;
    }
    const id = newId();
    await this.db.insertInto('funder_contacts').values({ id, funder_id: funderId, name: contact.name, email: contact.email, created_at: isoNow() }).execute();
    return id;
  }

  async findOrCreateTrack(funderId: string, title: string): Promise<string> {
    const slug = slugify(title);
    const existing = await this.db
      .selectFrom('tracks')
      .select('id')
      .where('funder_id', '=', funderId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (existing) return existing.id;
    const id = newId();
    await this.db.insertInto('tracks').values({ id, funder_id: funderId, title, slug, created_at: isoNow() }).execute();
    return id;
  }

  async findOrCreateTheme(funderId: string, name: string): Promise<string> {
    const slug = slugify(name);
    const existing = await this.db
      .selectFrom('themes')
      .select('id')
      .where('funder_id', '=', funderId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (existing) return existing.id;
    const id = newId();
    await this.db.insertInto('themes').values({ id, funder_id: funderId, name, slug, created_at: isoNow() }).execute();
    return id;
  }

  async updateProviderIdentity(id: string, identity: { siret: string; nda: string; city: string | null }): Promise<void> {
    await bumpChangeCounter(this.db, 'catalogue');
    await this.db.updateTable('providers').set(identity).where('id', '=', id).execute();
  }

  async updateCofunderCode(id: string, lheoCode: string): Promise<void> {
    await this.db.updateTable('cofunders').set({ lheo_code: lheoCode, created_at: isoNow(), updated_at: isoNow() }).where('id', '=', id).execute();
  }

  async insertEmployer(employer: {
    funderId: string;
    name: string;
    siret: string;
    sector: string;
    regionId: string | null;
    city: string | null;
    postcode: string | null;
  }): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('employers')
      .values({
        id,
        funder_id: employer.funderId,
        name: employer.name,
        siret: employer.siret,
        sector: employer.sector,
        region_id: employer.regionId,
        city: employer.city,
        postcode: employer.postcode,
        created_at: isoNow(),
        updated_at: isoNow(),
      })
      .execute();
    return id;
  }
}
