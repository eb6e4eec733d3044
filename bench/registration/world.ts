/**
 * The data the registration benchmark needs, written with the app's own code: the demo
 * catalogue and accounts (seedDemoIfEmpty), an API token of the demo HR contact
 * (createApiToken), extra groups of Module 1 (TrainingRepository.upsertSessions) and staff
 * (TraineeRepository.insert, all in one transaction).
 */
import type { Database } from '../../src/db/database.js';
import type { SessionWrite } from '../../src/db/repositories/trainingRepository.js';
import { STANDARD_HALF_DAYS } from '../../src/domain/catalogue/halfDaySchedule.js';
import type { Clock } from '../../src/domain/clock.js';
import { addDays, parisDateOf } from '../../src/domain/dates/calendarDate.js';
import { parisLocalToInstant } from '../../src/domain/dates/parisTime.js';
import { PROFESSION_CODES } from '../../src/domain/registrations/professions.js';
import { DEMO_FUNDER_SLUG, seedDemoIfEmpty } from '../../src/demo/seedDemo.js';
import { createApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { inTransaction, repositoriesOn, type Repositories } from '../../src/use-cases/repositories.js';

export const DEMO_HR_EMAIL = 'rh@tilleuls.example';
const API_SCOPES = ['registrations:read', 'registrations:write'];

export interface DemoBase {
  funderId: string;
  /** Module 1 of the demo track: no prerequisite, no approval, every profession. */
  trainingId: string;
  /** Module 1's demo groups 4, 5 and 6: 15 seats each, about 40, 54 and 75 days ahead. */
  demoGroupIds: string[];
  /** Module 2 (requires Module 1): another training, where the same people may be registered again. */
  moduleTwoId: string;
}

export interface StaffWorld extends DemoBase {
  employerId: string;
  /** Bearer token of the demo HR contact (registrations:read + registrations:write). */
  token: string;
  groupIds: string[];
  traineeIds: string[];
}

/** Demo catalogue and accounts on an empty, migrated database. */
export async function seedDemoBase(database: Database, clock: Clock): Promise<DemoBase> {
  await seedDemoIfEmpty(database, clock, { withAccounts: true });
  const { db } = database;
  const funder = await repositoriesOn(db, database.dialect).organisations.findFunderBySlug(DEMO_FUNDER_SLUG);
  if (!funder) throw new Error('Le financeur de démonstration n’a pas été créé');
  const moduleOf = (number: number) => db.selectFrom('trainings').select('id').where('funder_id', '=', funder.id).where('module_number', '=', number).executeTakeFirstOrThrow();
  const training = await moduleOf(1);
  const moduleTwo = await moduleOf(2);
  const groups = await db.selectFrom('sessions').select('id').where('training_id', '=', training.id).where('is_demo', '=', 1).orderBy('position').execute();
  if (groups.length !== 3) throw new Error(`Module 1 devrait avoir 3 groupes de démonstration (trouvés : ${groups.length})`);
  return { funderId: funder.id, trainingId: training.id, demoGroupIds: groups.map((group) => group.id), moduleTwoId: moduleTwo.id };
}

/**
 * The demo HR contact with `trainees` people on staff and a token, and `groups` new groups of
 * Module 1 holding `capacity` seats each (labels « Groupe banc N »), registration open.
 */
export async function prepareStaffWorld(database: Database, clock: Clock, options: { groups: number; capacity: number; trainees: number }): Promise<StaffWorld> {
  const base = await seedDemoBase(database, clock);
  const repos = repositoriesOn(database.db, database.dialect);
  const hr = await repos.users.findByEmail(DEMO_HR_EMAIL);
  if (!hr) throw new Error(`Le compte de démonstration ${DEMO_HR_EMAIL} n’a pas été créé`);
  const memberships = await repos.users.membershipsOf(hr.id);
  const employerId = memberships.find((membership) => membership.organisationKind === 'employer')?.organisationId;
  if (!employerId) throw new Error(`${DEMO_HR_EMAIL} n’est RH d’aucun établissement`);
  const acting: Acting = { actor: { kind: 'user', userId: hr.id, memberships }, label: `${hr.displayName} <${hr.email}>`, meta: { ip: '127.0.0.1', userAgent: 'bench' } };
  const { token } = await createApiToken(database, clock, acting, { userId: hr.id, name: 'Banc d’essai inscriptions', scopes: API_SCOPES, expiresInDays: 1 });
  const groupIds = await addGroups(database, clock, base.trainingId, 'Groupe banc', options.groups, options.capacity);
  const traineeIds = await inTransaction(database, (txRepos) => insertStaff(txRepos, employerId, options.trainees, clock.now().toISOString()));
  return { ...base, employerId, token, groupIds, traineeIds };
}

/** `count` open groups of a training (labels « PREFIX 1… »), two days about two months ahead. */
export async function addGroups(database: Database, clock: Clock, trainingId: string, prefix: string, count: number, capacity: number): Promise<string[]> {
  const today = parisDateOf(clock.now());
  const labels = Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
  const sessions = labels.map((label, index) => benchGroup(label, 100 + index, addDays(today, 60 + (index % 30)), capacity));
  await inTransaction(database, (repos) => repos.trainings.upsertSessions(trainingId, sessions, clock.now().toISOString()));
  // Read after the transaction: on SQLite it holds the only connection until it ends.
  const rows = await database.db.selectFrom('sessions').select(['id', 'label']).where('training_id', '=', trainingId).where('label', 'in', labels).execute();
  const byLabel = new Map(rows.map((row) => [row.label, row.id]));
  return labels.map((label) => {
    const id = byLabel.get(label);
    if (!id) throw new Error(`Groupe « ${label} » introuvable après création`);
    return id;
  });
}

/** Staff of one employer: distinct names and professional e-mails, professions in turn. */
export async function insertStaff(repos: Repositories, employerId: string, count: number, at: string, prefix = 'banc'): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    ids.push(
      await repos.trainees.insert(
        employerId,
        {
          firstName: `Personne ${index + 1}`,
          lastName: `Banc ${prefix}`,
          email: `${prefix}.${index + 1}@structure.example`,
          profession: PROFESSION_CODES[index % PROFESSION_CODES.length] ?? 'autre',
        },
        at,
      ),
    );
  }
  return ids;
}

function benchGroup(label: string, position: number, firstDay: string, capacity: number): SessionWrite {
  return {
    label,
    position,
    venueName: 'Salle du banc d’essai',
    address: '1 rue de la Mesure',
    postcode: '59000',
    city: 'Lille',
    minTrainees: 1,
    maxTrainees: capacity,
    registrationDeadline: parisLocalToInstant(addDays(firstDay, -15), '23:59').toISOString(),
    status: 'planned',
    isDemo: false,
    days: [firstDay, addDays(firstDay, 1)].map((date) => ({ date, halfDays: [...STANDARD_HALF_DAYS] })),
  };
}
