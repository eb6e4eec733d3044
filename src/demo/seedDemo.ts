/**
 * Demo data for a first start: the funder OPCO Santé Hauts-de-France, the provider APSN, the
 * co-funder DGCS, a few member employers, and the seed fiche imported through the real
 * importer. The seed's own groups keep their real dates (March 2022, shown as past); clearly
 * labelled future groups are added so that registration can be tried. Runs only on an empty
 * database.
 */
import { readFile } from 'node:fs/promises';
import type { Database } from '../db/database.js';
import type { TraineeFields } from '../db/repositories/traineeRepository.js';
import type { SessionWrite } from '../db/repositories/trainingRepository.js';
import { STANDARD_HALF_DAYS } from '../domain/catalogue/halfDaySchedule.js';
import type { Clock } from '../domain/clock.js';
import { addDays, parisDateOf } from '../domain/dates/calendarDate.js';
import { parisLocalToInstant } from '../domain/dates/parisTime.js';
import { importFiche } from '../use-cases/importFiche.js';
import { seedDemoAccounts, type DemoAccount } from './demoAccounts.js';
import { inTransaction, repositoriesOn } from '../use-cases/repositories.js';

const FICHES_DIR = new URL('../../demo/fiches/', import.meta.url);
export const DEMO_FUNDER_SLUG = 'opco-sante-hdf';
const DEMO_THEME = 'Stratégie nationale de prévention et de lutte contre la pauvreté';
/** Centre social Les Tilleuls, the employer of the demo HR contact (rh@tilleuls.example). */
const DEMO_HR_SIRET = '44852136900018';
const DEMO_STAFF: readonly TraineeFields[] = [
  { firstName: 'Hélène', lastName: 'Dupont', email: 'helene.dupont@tilleuls.example', profession: 'educateur_specialise' },
  { firstName: 'Karim', lastName: 'Benali', email: 'karim.benali@tilleuls.example', profession: 'assistant_service_social' },
  { firstName: 'Sophie', lastName: 'Martin', email: 'sophie.martin@tilleuls.example', profession: 'cesf' },
  { firstName: 'Julien', lastName: 'Lefebvre', email: 'julien.lefebvre@tilleuls.example', profession: 'moniteur_educateur' },
  { firstName: 'Nadia', lastName: 'Moreau', email: 'nadia.moreau@tilleuls.example', profession: 'infirmier' },
  { firstName: 'Thomas', lastName: 'Lambert', email: 'thomas.lambert@tilleuls.example', profession: 'cadre' },
];

export interface DemoSeedResult {
  seeded: boolean;
  trainings: string[];
  accounts: DemoAccount[];
}

/** `withAccounts` is false in production: demo accounts have a public password. */
export async function seedDemoIfEmpty(database: Database, clock: Clock, options: { withAccounts: boolean } = { withAccounts: true }): Promise<DemoSeedResult> {
  const repos = repositoriesOn(database.db, database.dialect);
  if ((await repos.organisations.countFunders()) > 0) return { seeded: false, trainings: [], accounts: [] };

  await inTransaction(database, async ({ organisations, trainees }) => {
    const regionId = (await organisations.findRegionByCode('32'))?.id ?? null;
    const funderId = await organisations.insertFunder({
      slug: DEMO_FUNDER_SLUG,
      name: 'OPCO Santé Hauts-de-France',
      short_name: 'OPCO Santé',
      lheo_code: '16',
      region_id: regionId,
      website: 'https://www.opco-sante.fr',
      default_min_trainees: 8,
      default_max_trainees: 15,
    });
    const providerId = await organisations.findOrCreateProvider('APSN');
    await organisations.updateProviderIdentity(providerId, { siret: '81234567600017', nda: '32590987659', city: 'Lille' });
    const dgcs = await organisations.findOrCreateCofunder('DGCS');
    await organisations.updateCofunderCode(dgcs, '13');
    const employers = [
      { name: 'Centre social Les Tilleuls (démo)', siret: '44852136900018', sector: 'Social', city: 'Lille', postcode: '59000' },
      { name: 'Association Accueil et Solidarité (démo)', siret: '51234098500013', sector: 'Social', city: 'Arras', postcode: '62000' },
      { name: 'EHPAD Les Hortensias (démo)', siret: '78451236000016', sector: 'Médico-social', city: 'Amiens', postcode: '80000' },
      { name: 'Service d’accompagnement Horizon (démo)', siret: '90125874900018', sector: 'Médico-social', city: 'Valenciennes', postcode: '59300' },
    ];
    const at = clock.now().toISOString();
    for (const employer of employers) {
      const employerId = await organisations.insertEmployer({ funderId, regionId, ...employer });
      // The demo HR contact's staff, so that registering can be tried at once.
      if (employer.siret === DEMO_HR_SIRET) for (const person of DEMO_STAFF) await trainees.insert(employerId, person, at);
    }
  });

  const trainings: string[] = [];
  for (const file of ['aller-vers-module-1.txt', 'aller-vers-module-2-demo.txt']) {
    const text = await readFile(new URL(file, FICHES_DIR), 'utf8');
    const result = await importFiche(database, clock, { text, funderSlug: DEMO_FUNDER_SLUG, regionCode: '32', themeName: DEMO_THEME, publish: true });
    if (result.saved) trainings.push(result.saved.trainingId);
  }
  const [moduleOne, moduleTwo] = trainings;
  const today = parisDateOf(clock.now());
  await inTransaction(database, async (repos) => {
    const now = clock.now().toISOString();
    if (moduleOne) {
      await repos.trainings.upsertSessions(
        moduleOne,
        [
          demoGroup(4, 'Lille', 'Maison régionale de l’autonomie, 12 rue de la Solidarité', '59000', nextWeekday(today, 40, 4)),
          demoGroup(5, 'Arras', 'Salle Vauban, 3 place des Héros', '62000', nextWeekday(today, 54, 4)),
          demoGroup(6, 'Amiens', 'Espace formation APSN, 8 boulevard d’Alsace-Lorraine', '80000', nextWeekday(today, 75, 4)),
        ],
        now,
      );
      await repos.searchIndex.reindexTraining(moduleOne);
    }
    if (moduleTwo) {
      await repos.trainings.upsertSessions(
        moduleTwo,
        [
          demoGroup(1, 'Lille', 'Maison régionale de l’autonomie, 12 rue de la Solidarité', '59000', nextWeekday(today, 100, 4)),
          demoGroup(2, 'Amiens', 'Espace formation APSN, 8 boulevard d’Alsace-Lorraine', '80000', nextWeekday(today, 110, 4)),
        ],
        now,
      );
      await repos.searchIndex.reindexTraining(moduleTwo);
    }
  });
  const accounts = options.withAccounts ? await seedDemoAccounts(database, clock) : [];
  return { seeded: true, trainings, accounts };
}

/** The first given weekday (1 = Monday … 4 = Thursday) at least `afterDays` days from today. */
function nextWeekday(today: string, afterDays: number, weekday: number): string {
  let date = addDays(today, afterDays);
  while (new Date(`${date}T12:00:00Z`).getUTCDay() !== weekday) date = addDays(date, 1);
  return date;
}

/** A two-day group (Thursday and Friday) whose registrations close 15 days before, at 23:59 Paris time. */
function demoGroup(number: number, city: string, venue: string, postcode: string, firstDay: string): SessionWrite {
  const days = [firstDay, addDays(firstDay, 1)];
  return {
    label: `Groupe ${number}`,
    position: number,
    venueName: null,
    address: venue,
    postcode,
    city,
    minTrainees: 8,
    maxTrainees: 15,
    registrationDeadline: parisLocalToInstant(addDays(firstDay, -15), '23:59').toISOString(),
    status: 'planned',
    isDemo: true,
    days: days.map((date) => ({ date, halfDays: [...STANDARD_HALF_DAYS] })),
  };
}
