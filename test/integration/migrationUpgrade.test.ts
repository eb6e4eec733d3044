/**
 * Forward-only migrations must keep working data. For every step of the migration list, a
 * fresh database is brought to that step only (the schema of a database created at that
 * point), filled with the data that schema can hold, written with raw inserts because the
 * current repositories target the current schema; then it is migrated to the latest schema
 * and read back through the current repositories and used by a current use case. An upgrade
 * that drops a column, adds a NOT NULL column without a default, or loses rows fails here.
 *
 * Adding a migration adds a step by itself. When a migration changes a table seeded below,
 * gate the new columns on that migration (see `applied`), as 0008 does for funders.
 */
import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { allMigrations } from '../../src/db/migrations/index.js';
import { registerTrainees } from '../../src/use-cases/registrations/registerTrainees.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const NOW = '2026-11-25T09:00:00Z';
const TODAY = '2026-11-25';
/** Written before the upgrade: instants of an older release. */
const BEFORE = '2026-01-15T10:00:00.000Z';

const ID = {
  funder: 'upgrade-funder',
  provider: 'upgrade-provider',
  theme: 'upgrade-theme',
  employer: 'upgrade-employer',
  training: 'upgrade-training',
  session: 'upgrade-session',
  dayOne: 'upgrade-day-1',
  dayTwo: 'upgrade-day-2',
  user: 'upgrade-user',
  membership: 'upgrade-membership',
  audit: 'upgrade-audit',
  mail: 'upgrade-mail',
  trainee: 'upgrade-trainee',
  registration: 'upgrade-registration',
} as const;
const SLUG = 'pratique-aller-vers-publics';
const HR_EMAIL = 'rh@mise-a-jour.example';
const DATES = ['2027-03-10', '2027-03-11'] as const;

const MIGRATION_NAMES = Object.keys(allMigrations('sqlite'));

async function migrateUpTo(database: Database, target: string): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => allMigrations(database.dialect) } });
  const result = await migrator.migrateTo(target);
  if (result.error) throw result.error;
}

/**
 * The data a database at this step can hold, in the columns that existed then. Typed loosely:
 * the current Schema type describes the latest tables, not these.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function seedOldSchema(db: Kysely<any>, applied: ReadonlySet<string>): Promise<void> {
  const at = BEFORE;
  // Regions are reference data shipped by 0003; before it the table exists but is empty.
  const regionId = applied.has('0003_reference_regions') ? 'region-32' : null;
  const registrationEra = applied.has('0008_registrations');

  await db
    .insertInto('funders')
    .values({
      id: ID.funder,
      slug: 'opco-mise-a-jour',
      name: 'OPCO Santé Mise à jour',
      short_name: 'OPCO Santé',
      lheo_code: '16',
      region_id: regionId,
      website: null,
      default_min_trainees: 6,
      default_max_trainees: 15,
      is_active: 1,
      created_at: at,
      updated_at: at,
      // Set to a non-default value when the column exists, to tell kept data from defaults.
      ...(registrationEra ? { offer_validity_hours: 72, min_size_check_days: 14 } : {}),
    })
    .execute();
  await db
    .insertInto('providers')
    .values({ id: ID.provider, name: 'APSN Formation', name_key: 'apsn formation', siret: '44306184100047', nda: '31590000059', city: 'Lille', is_active: 1, created_at: at, updated_at: at })
    .execute();
  await db.insertInto('themes').values({ id: ID.theme, funder_id: ID.funder, name: 'Lutte contre la pauvreté', slug: 'lutte-contre-la-pauvrete', created_at: at }).execute();
  await db
    .insertInto('employers')
    .values({ id: ID.employer, funder_id: ID.funder, name: 'Centre social Les Érables', siret: '73282932000074', sector: 'social', region_id: regionId, city: 'Lille', postcode: '59000', is_active: 1, created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('trainings')
    .values({
      id: ID.training,
      funder_id: ID.funder,
      slug: SLUG,
      source_key: 'pratique-aller-vers-publics-module-1',
      title: 'La pratique de l’Aller Vers les publics',
      track_id: null,
      module_number: null,
      module_title: null,
      theme_id: ID.theme,
      region_id: regionId,
      provider_id: ID.provider,
      contact_id: null,
      public_text: 'Travailleurs sociaux',
      duration_days: 2,
      duration_minutes: 840,
      context: 'Aller au-devant des publics éloignés.',
      prerequisites: null,
      capacity_max: 15,
      status: 'published',
      source_text: null,
      published_at: at,
      created_at: at,
      updated_at: at,
      ...(registrationEra ? { requires_approval: 0, eligible_professions: null, requires_justification: 0, employer_cap: 4, cap_release_days: 10 } : {}),
    })
    .execute();
  await db
    .insertInto('training_objectives')
    .values([
      { training_id: ID.training, position: 1, text: 'Repérer les publics invisibles' },
      { training_id: ID.training, position: 2, text: 'Construire une démarche d’aller vers' },
    ])
    .execute();
  await db.insertInto('training_sectors').values({ training_id: ID.training, position: 1, text: 'Social' }).execute();
  await db
    .insertInto('sessions')
    .values({
      id: ID.session,
      training_id: ID.training,
      position: 1,
      label: 'Groupe 1',
      venue_name: 'Maison des associations',
      address: '27 rue Jean Bart',
      postcode: '59000',
      city: 'Lille',
      min_trainees: 4,
      max_trainees: 12,
      registration_deadline: null,
      status: 'planned',
      is_demo: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('session_days')
    .values([
      { id: ID.dayOne, session_id: ID.session, date: DATES[0], position: 1 },
      { id: ID.dayTwo, session_id: ID.session, date: DATES[1], position: 2 },
    ])
    .execute();
  await db
    .insertInto('half_days')
    .values(
      [ID.dayOne, ID.dayTwo].flatMap((dayId) => [
        { id: `${dayId}-am`, session_day_id: dayId, period: 'morning', start_time: '09:00', end_time: '12:30' },
        { id: `${dayId}-pm`, session_day_id: dayId, period: 'afternoon', start_time: '13:30', end_time: '17:00' },
      ]),
    )
    .execute();

  if (applied.has('0002_catalogue_search')) {
    // The importer writes this row with the training; the same text, in both engines' table.
    await db.insertInto('training_search').values({ training_id: ID.training, body: 'La pratique de l’Aller Vers les publics Repérer les publics invisibles' }).execute();
  }

  if (applied.has('0005_accounts')) {
    await db.insertInto('users').values({ id: ID.user, email: HR_EMAIL, display_name: 'Camille Rh', password_hash: null, status: 'active', created_at: at, updated_at: at }).execute();
    await db
      .insertInto('memberships')
      .values({ id: ID.membership, user_id: ID.user, organisation_kind: 'employer', organisation_id: ID.employer, role: 'employer_hr', created_at: at })
      .execute();
    await db
      .insertInto('audit_log')
      .values({ id: ID.audit, occurred_at: at, actor_user_id: null, actor_label: 'Système', ip: null, action: 'user.invited', entity_type: 'user', entity_id: ID.user, summary: 'Invitation de Camille Rh', details: null, funder_id: ID.funder })
      .execute();
    // A mail still waiting when the upgrade starts: it must go out after it.
    await db
      .insertInto('outbox')
      .values({
        id: ID.mail,
        kind: 'account.invitation',
        dedupe_key: null,
        recipient: HR_EMAIL,
        subject: 'Votre invitation à Relais',
        text_body: 'Bonjour,',
        html_body: null,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        claimed_until: null,
        last_error: null,
        created_at: at,
        sent_at: null,
        funder_id: ID.funder,
      })
      .execute();
  }

  if (registrationEra) {
    await db
      .insertInto('trainees')
      .values({ id: ID.trainee, employer_id: ID.employer, first_name: 'Léa', last_name: 'Dupont', email: 'lea.dupont@erables.example', profession: 'educateur_specialise', is_active: 1, created_at: at, updated_at: at, erased_at: null })
      .execute();
    await db
      .insertInto('registrations')
      .values({
        id: ID.registration,
        session_id: ID.session,
        training_id: ID.training,
        trainee_id: ID.trainee,
        employer_id: ID.employer,
        funder_id: ID.funder,
        status: 'confirmed',
        seq: 1,
        requested_at: at,
        requested_by: ID.user,
        declaration: null,
        status_changed_at: at,
        offer_expires_at: null,
        offer_token_hash: null,
        decided_by: null,
        decision_reason: null,
        cancel_reason: null,
        is_late_cancellation: 0,
        moved_from_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

describe.each(TEST_DIALECTS)('schema upgrades keep working data (%s)', (dialect) => {
  let empty: TestDatabase | undefined;

  afterEach(async () => {
    await empty?.cleanup();
    empty = undefined;
  });

  it('lists every migration in the order it runs', () => {
    expect(MIGRATION_NAMES.length).toBeGreaterThan(0);
    expect([...MIGRATION_NAMES].sort()).toEqual(MIGRATION_NAMES);
    expect(Object.keys(allMigrations(dialect))).toEqual(MIGRATION_NAMES);
  });

  it.each(MIGRATION_NAMES.map((name, index) => [name, index] as const))('from a database at %s, with data, to the latest schema', async (step, index) => {
    empty = await createTestDatabase(dialect, { migrate: false });
    const { database } = empty;
    const applied = new Set(MIGRATION_NAMES.slice(0, index + 1));
    await migrateUpTo(database, step);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await seedOldSchema(database.db as unknown as Kysely<any>, applied);

    const upgraded = await migrateToLatest(database);
    expect(upgraded).toEqual(MIGRATION_NAMES.slice(index + 1));
    expect(await migrateToLatest(database)).toEqual([]);

    const hadAccounts = applied.has('0005_accounts');
    const hadRegistrations = applied.has('0008_registrations');
    const repos = repositoriesOn(database.db, database.dialect);

    // The catalogue shows the training and its group with days, half-days and seats.
    const catalogue = await repos.catalogue.search({ filters: {}, limit: 20, offset: 0, today: TODAY, now: NOW });
    expect(catalogue.total).toBe(1);
    const summary = catalogue.items[0];
    expect(summary).toMatchObject({
      id: ID.training,
      slug: SLUG,
      title: 'La pratique de l’Aller Vers les publics',
      providerName: 'APSN Formation',
      themeName: 'Lutte contre la pauvreté',
      regionName: applied.has('0003_reference_regions') ? 'Hauts-de-France' : null,
      durationMinutes: 840,
    });
    expect(summary?.sessions).toHaveLength(1);
    expect(summary?.sessions[0]).toMatchObject({
      id: ID.session,
      label: 'Groupe 1',
      city: 'Lille',
      minTrainees: 4,
      maxTrainees: 12,
      status: 'planned',
      isDemo: false,
      confirmed: hadRegistrations ? 1 : 0,
      pending: 0,
      liveOffers: 0,
    });
    expect(summary?.sessions[0]?.days).toEqual(
      DATES.map((date) => ({
        date,
        halfDays: [
          { period: 'morning', startTime: '09:00', endTime: '12:30' },
          { period: 'afternoon', startTime: '13:30', endTime: '17:00' },
        ],
      })),
    );
    const detail = await repos.catalogue.findPublishedBySlug(SLUG);
    expect(detail).toMatchObject({ funderName: 'OPCO Santé Mise à jour', objectives: ['Repérer les publics invisibles', 'Construire une démarche d’aller vers'], sectors: ['Social'] });
    if (applied.has('0002_catalogue_search')) {
      const found = await repos.catalogue.search({ filters: { searchTerms: ['invisibles'] }, limit: 20, offset: 0, today: TODAY, now: NOW });
      expect(found.items.map((item) => item.id)).toEqual([ID.training]);
    }

    // Columns added by later migrations: kept values where they existed, defaults where not.
    const facts = await repos.registrations.groupFacts(ID.session);
    expect(facts).toMatchObject({ trainingStatus: 'published', requiresApproval: false, offerValidityHours: hadRegistrations ? 72 : 48, employerCap: hadRegistrations ? 4 : null, firstDate: DATES[0], lastDate: DATES[1] });

    if (hadAccounts) {
      const user = await repos.users.findByEmail(HR_EMAIL);
      expect(user).toMatchObject({ id: ID.user, displayName: 'Camille Rh', status: 'active' });
      expect(await repos.users.membershipsOf(ID.user)).toEqual([{ organisationKind: 'employer', organisationId: ID.employer, role: 'employer_hr' }]);
      const audit = await repos.audit.search({ funderId: ID.funder, limit: 10, offset: 0 });
      expect(audit.items.map((entry) => entry.id)).toEqual([ID.audit]);
    }
    if (hadRegistrations) {
      const listed = await repos.registrations.list({ funderId: ID.funder });
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({
        id: ID.registration,
        status: 'confirmed',
        seq: 1,
        requestedByEmail: HR_EMAIL,
        trainee: { id: ID.trainee, firstName: 'Léa', lastName: 'Dupont', profession: 'educateur_specialise' },
        employer: { id: ID.employer, siret: '73282932000074' },
        session: { id: ID.session, label: 'Groupe 1', firstDate: DATES[0], lastDate: DATES[1] },
        training: { id: ID.training, slug: SLUG },
      });
    }

    // The upgraded data keeps working: the current registration recipe takes a seat in the old
    // group, after the registration already there (its seq continues), as the old HR contact.
    const clock = fixedClock(NOW);
    const at = clock.now().toISOString();
    let hrUserId: string = ID.user;
    if (!hadAccounts) {
      hrUserId = await repos.users.insert({ email: HR_EMAIL, displayName: 'Camille Rh', passwordHash: null, status: 'active' }, at);
      await repos.users.addMembership(hrUserId, { organisationKind: 'employer', organisationId: ID.employer, role: 'employer_hr' }, at);
    }
    const newcomer = await repos.trainees.insert(ID.employer, { firstName: 'Noé', lastName: 'Martin', email: 'noe.martin@erables.example', profession: 'educateur_specialise' }, at);
    const acting = {
      actor: { kind: 'user' as const, userId: hrUserId, memberships: await repos.users.membershipsOf(hrUserId) },
      label: `Camille Rh <${HR_EMAIL}>`,
      meta: { ip: '127.0.0.1', userAgent: 'test' },
    };
    const result = await registerTrainees({ database, clock, config: { baseUrl: new URL('http://relais.test/') } }, acting, {
      sessionId: ID.session,
      people: [{ traineeId: newcomer }],
      idempotencyKey: `upgrade-${step}`,
    });
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['confirmed']);
    const groupRows = await database.db.selectFrom('registrations').select(['trainee_id', 'status', 'seq']).where('session_id', '=', ID.session).orderBy('seq').execute();
    expect(groupRows).toEqual([...(hadRegistrations ? [{ trainee_id: ID.trainee, status: 'confirmed', seq: 1 }] : []), { trainee_id: newcomer, status: 'confirmed', seq: hadRegistrations ? 2 : 1 }]);
    const after = await repos.catalogue.findPublishedBySlug(SLUG);
    expect(after?.sessions[0]?.confirmed).toBe(hadRegistrations ? 2 : 1);

    // Mails: the one waiting before the upgrade and the new convocation are both due once.
    const claimed = await repos.outbox.claimDue(50, clock.now(), 60_000);
    const claimedIds = claimed.map((mail) => mail.id);
    if (hadAccounts) expect(claimedIds).toContain(ID.mail);
    expect(claimed.find((mail) => mail.id === ID.mail)?.attachments ?? []).toEqual([]);
    expect(claimed.filter((mail) => mail.kind === 'registration.convocation').map((mail) => mail.recipient)).toEqual(['noe.martin@erables.example']);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
  });
});
