/**
 * A crowd for load tests on the registration API: several member employers of the demo funder
 * (the demo HR's own first), each with an HR account, an API token and many people. People are
 * inserted in one transaction per employer: the staff use case one by one would take longer
 * than the test it prepares. Names are zero-padded so that no name is the start of another
 * ("Stagiaire E1-P0001" never matches inside "…P00012"), which lets a test find a person's mail.
 */
import type { Database } from '../../src/db/database.js';
import { luhnIsValid } from '../../src/domain/organisations/siret.js';
import type { Clock } from '../../src/domain/clock.js';
import { createApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import { inTransaction } from '../../src/use-cases/repositories.js';
import { hrActing, type RegistrationWorld } from './registrationWorld.js';

export interface CrowdPerson {
  traineeId: string;
  /** "First Last", as mails and API answers write it. */
  name: string;
}

export interface CrowdEmployer {
  employerId: string;
  hrEmail: string;
  /** Bearer token with registrations:read and registrations:write. */
  token: string;
  people: CrowdPerson[];
}

export interface Crowd {
  employers: CrowdEmployer[];
  /** Everyone, employers interleaved (E1 P1, E2 P1, … E1 P2…), with the token that may register them. */
  people: Array<CrowdPerson & { token: string; employerId: string }>;
  tokenOf(traineeId: string): string;
}

export async function buildCrowd(database: Database, clock: Clock, world: RegistrationWorld, options: { employers: number; peoplePerEmployer: number }): Promise<Crowd> {
  const employers: CrowdEmployer[] = [];
  for (let index = 1; index <= options.employers; index += 1) {
    const { employerId, userId, hrEmail } = index === 1 ? demoHr(world) : await addEmployerWithHr(database, clock, world.fixture.funderId, index);
    const { token } = await createApiToken(database, clock, hrActing(userId, employerId), { userId, name: 'Logiciel RH (test de charge)', scopes: ['registrations:read', 'registrations:write'], expiresInDays: 30 });
    const people = await addPeople(database, clock, employerId, index, options.peoplePerEmployer);
    employers.push({ employerId, hrEmail, token, people });
  }
  const people: Crowd['people'] = [];
  for (let rank = 0; rank < options.peoplePerEmployer; rank += 1) {
    for (const employer of employers) {
      const person = employer.people[rank];
      if (person) people.push({ ...person, token: employer.token, employerId: employer.employerId });
    }
  }
  const tokens = new Map(people.map((person) => [person.traineeId, person.token]));
  return {
    employers,
    people,
    tokenOf(traineeId) {
      const token = tokens.get(traineeId);
      if (!token) throw new Error(`nobody of the crowd has the id ${traineeId}`);
      return token;
    },
  };
}

function demoHr(world: RegistrationWorld) {
  return { employerId: world.fixture.employerId, userId: world.fixture.userIds.employer_hr, hrEmail: 'rh@tilleuls.example' };
}

async function addEmployerWithHr(database: Database, clock: Clock, funderId: string, index: number) {
  const at = clock.now().toISOString();
  const hrEmail = `rh@structure-${index}.example`;
  return inTransaction(database, async (repos) => {
    const employerId = await repos.organisations.insertEmployer({ funderId, name: `Structure ${index} (test de charge)`, siret: siretFor(index), sector: 'Social', regionId: null, city: 'Lille', postcode: '59000' });
    const userId = await repos.users.insert({ email: hrEmail, displayName: `RH Structure ${index}`, passwordHash: null, status: 'active' }, at);
    await repos.users.addMembership(userId, { organisationKind: 'employer', organisationId: employerId, role: 'employer_hr' }, at);
    return { employerId, userId, hrEmail };
  });
}

async function addPeople(database: Database, clock: Clock, employerId: string, employerIndex: number, count: number): Promise<CrowdPerson[]> {
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const people: CrowdPerson[] = [];
    for (let rank = 1; rank <= count; rank += 1) {
      const lastName = `E${employerIndex}-P${String(rank).padStart(4, '0')}`;
      const traineeId = await repos.trainees.insert(employerId, { firstName: 'Stagiaire', lastName, email: `${lastName.toLowerCase()}@crowd.example`, profession: 'educateur_specialise' }, at);
      people.push({ traineeId, name: `Stagiaire ${lastName}` });
    }
    return people;
  });
}

/** 14 digits passing Luhn's check, distinct for each index. */
function siretFor(index: number): string {
  const stem = `7${String(index).padStart(8, '0')}0001`;
  for (let key = 0; key <= 9; key += 1) if (luhnIsValid(`${stem}${key}`)) return `${stem}${key}`;
  throw new Error('unreachable: one key digit always passes Luhn');
}
