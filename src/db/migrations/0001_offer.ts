/**
 * The offer side: organisations, reference data, trainings with their fiche fields, groups
 * with days and half-days. Portable schema-builder DDL only; see ../schema.ts for the
 * conventions (text ids, ISO text instants, 0/1 booleans, minutes for durations). Instants
 * have no database default: the two engines would write them in different formats, so the
 * application always sets them.
 */
import { sql, type Kysely } from 'kysely';

// Kysely<any> is the documented type for migrations: they must not depend on the current schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('funders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('lheo_code', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('website', 'text')
    .addColumn('default_min_trainees', 'integer', (c) => c.notNull().check(sql`default_min_trainees >= 0`))
    .addColumn('default_max_trainees', 'integer', (c) => c.notNull().check(sql`default_max_trainees > 0`))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('siret', 'text', (c) => c.unique())
    .addColumn('nda', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cofunders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('lheo_code', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('employers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('siret', 'text', (c) => c.notNull().unique())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('city', 'text')
    .addColumn('postcode', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('themes_funder_slug_unique', ['funder_id', 'slug'])
    .execute();

  await db.schema
    .createTable('tracks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tracks_funder_slug_unique', ['funder_id', 'slug'])
    .execute();

  await db.schema
    .createTable('funder_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funder_contacts_funder_idx').on('funder_contacts').columns(['funder_id', 'email']).execute();

  await db.schema
    .createTable('trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funders.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
    .addColumn('module_number', 'integer', (c) => c.check(sql`module_number > 0`))
    .addColumn('module_title', 'text')
    .addColumn('theme_id', 'text', (c) => c.references('themes.id'))
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('provider_id', 'text', (c) => c.references('providers.id'))
    .addColumn('contact_id', 'text', (c) => c.references('funder_contacts.id'))
    .addColumn('public_text', 'text')
    .addColumn('duration_days', 'real', (c) => c.check(sql`duration_days > 0`))
    .addColumn('duration_minutes', 'integer', (c) => c.check(sql`duration_minutes > 0`))
    .addColumn('context', 'text')
    .addColumn('prerequisites', 'text')
    .addColumn('capacity_max', 'integer', (c) => c.check(sql`capacity_max > 0`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'archived')`))
    .addColumn('source_text', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('trainings_funder_source_unique', ['funder_id', 'source_key'])
    .execute();
  await db.schema.createIndex('trainings_status_title_idx').on('trainings').columns(['status', 'title']).execute();
  await db.schema.createIndex('trainings_region_idx').on('trainings').column('region_id').execute();
  await db.schema.createIndex('trainings_theme_idx').on('trainings').column('theme_id').execute();
  await db.schema.createIndex('trainings_track_idx').on('trainings').column('track_id').execute();

  for (const table of ['training_sectors', 'training_objectives', 'training_content_items']) {
    await db.schema
      .createTable(table)
      .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['training_id', 'position'])
      .execute();
  }
  await db.schema.createIndex('training_sectors_text_idx').on('training_sectors').column('text').execute();

  await db.schema
    .createTable('training_extra_sections')
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_extra_sections_pk', ['training_id', 'position'])
    .execute();

  await db.schema
    .createTable('training_cofunders')
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addColumn('cofunder_id', 'text', (c) => c.notNull().references('cofunders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_cofunders_pk', ['training_id', 'cofunder_id'])
    .execute();

  await db.schema
    .createTable('training_prerequisites')
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addColumn('required_training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('training_prerequisites_pk', ['training_id', 'required_training_id'])
    .addCheckConstraint('training_prerequisites_not_self', sql`training_id <> required_training_id`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('venue_name', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('min_trainees', 'integer', (c) => c.notNull().check(sql`min_trainees >= 0`))
    .addColumn('max_trainees', 'integer', (c) => c.notNull().check(sql`max_trainees > 0`))
    .addColumn('registration_deadline', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'confirmed', 'cancelled')`))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sessions_min_le_max', sql`min_trainees <= max_trainees`)
    .addUniqueConstraint('sessions_training_label_unique', ['training_id', 'label'])
    .execute();
  await db.schema.createIndex('sessions_city_idx').on('sessions').column('city').execute();

  await db.schema
    .createTable('session_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('session_days_session_date_unique', ['session_id', 'date'])
    .execute();
  await db.schema.createIndex('session_days_date_idx').on('session_days').columns(['date', 'session_id']).execute();

  await db.schema
    .createTable('half_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_day_id', 'text', (c) => c.notNull().references('session_days.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('morning', 'afternoon')`))
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addUniqueConstraint('half_days_day_period_unique', ['session_day_id', 'period'])
    .addCheckConstraint('half_days_start_before_end', sql`start_time < end_time`)
    .execute();
}
