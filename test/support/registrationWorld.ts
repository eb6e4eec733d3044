/**
 * A world to register people in: the demo catalogue (Module 1 with future groups 4–6, Module 2
 * with groups 1–2, Module 1 required by Module 2), its employers and accounts, plus helpers to
 * add staff and act as the demo HR contact, a second employer's HR or the funder's manager.
 */
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { addStaffMember } from '../../src/use-cases/registrations/manageStaff.js';
import type { RegistrationDeps } from '../../src/use-cases/registrations/seatRecipe.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { seedDemoFixture, type DemoFixture } from './signedIn.js';

export interface RegistrationWorld {
  deps: RegistrationDeps;
  fixture: DemoFixture;
  moduleOne: { trainingId: string; groupIds: string[] };
  moduleTwo: { trainingId: string; groupIds: string[] };
  hr: Acting;
  otherHr: Acting;
  manager: Acting;
  /** Adds `count` people to an employer's staff (the demo HR's employer by default). */
  addStaff(count: number, options?: { employerId?: string; profession?: string; prefix?: string }): Promise<string[]>;
  /** Sets a group's maximum and minimum number of trainees (minimum: 8, or the maximum when lower). */
  setCapacity(sessionId: string, maxTrainees: number, minTrainees?: number): Promise<void>;
}

export function hrActing(userId: string, employerId: string, label = 'RH Test <rh@test.example>'): Acting {
  return { actor: { kind: 'user', userId, memberships: [{ organisationKind: 'employer', organisationId: employerId, role: 'employer_hr' }] }, label, meta: { ip: '127.0.0.1', userAgent: 'test' } };
}

export function funderActing(userId: string, funderId: string, role: 'funder_admin' | 'funder_manager' = 'funder_manager'): Acting {
  return { actor: { kind: 'user', userId, memberships: [{ organisationKind: 'funder', organisationId: funderId, role }] }, label: 'Chargée de mission <chargee@opco.example>', meta: { ip: '127.0.0.1', userAgent: 'test' } };
}

let staffSequence = 0;

export async function buildRegistrationWorld(database: Database, clock: Clock, baseUrl = new URL('http://relais.test/')): Promise<RegistrationWorld> {
  const fixture = await seedDemoFixture(database, clock);
  const { db } = database;
  const groupsOf = async (moduleNumber: number) => {
    const training = await db.selectFrom('trainings').select('id').where('funder_id', '=', fixture.funderId).where('module_number', '=', moduleNumber).executeTakeFirstOrThrow();
    const groups = await db.selectFrom('sessions').select('id').where('training_id', '=', training.id).where('is_demo', '=', 1).orderBy('position').execute();
    return { trainingId: training.id, groupIds: groups.map((group) => group.id) };
  };
  // The other employer's HR: a second account, so that fair share and privacy can be tried.
  const repos = repositoriesOn(db, database.dialect);
  const at = clock.now().toISOString();
  const otherHrId = await repos.users.insert({ email: 'rh@autre-etablissement.example', displayName: 'RH Autre', passwordHash: null, status: 'active' }, at);
  await repos.users.addMembership(otherHrId, { organisationKind: 'employer', organisationId: fixture.otherEmployerId, role: 'employer_hr' }, at);
  const hr = hrActing(fixture.userIds.employer_hr, fixture.employerId, 'RH Tilleuls <rh@tilleuls.example>');
  const otherHr = hrActing(otherHrId, fixture.otherEmployerId, 'RH Autre <rh@autre-etablissement.example>');
  return {
    deps: { database, clock, config: { baseUrl } },
    fixture,
    moduleOne: await groupsOf(1),
    moduleTwo: await groupsOf(2),
    hr,
    otherHr,
    manager: funderActing(fixture.userIds.funder_manager, fixture.funderId),
    async addStaff(count, options = {}) {
      const employerId = options.employerId ?? fixture.employerId;
      const acting = employerId === fixture.otherEmployerId ? otherHr : hr;
      const ids: string[] = [];
      for (let index = 0; index < count; index += 1) {
        staffSequence += 1;
        const prefix = options.prefix ?? 'Personne';
        ids.push(
          await addStaffMember(database, clock, acting, employerId, {
            firstName: `${prefix}${staffSequence}`,
            lastName: `Test${staffSequence}`,
            email: `personne${staffSequence}.${employerId.slice(-6)}@structure.example`,
            profession: options.profession ?? 'educateur_specialise',
          }),
        );
      }
      return ids;
    },
    async setCapacity(sessionId, maxTrainees, minTrainees) {
      await db
        .updateTable('sessions')
        .set({ max_trainees: maxTrainees, min_trainees: minTrainees ?? Math.min(maxTrainees, 8) })
        .where('id', '=', sessionId)
        .execute();
    },
  };
}
