/**
 * The rush: many member employers, each with its own HR contact, API token and one person on
 * staff, all about to register into the demo's three groups of 15 seats (Module 1, groups
 * 4–6). Employers, accounts and staff are written through the repositories in one
 * transaction; each token through createApiToken, as its owner.
 */
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import { isValidSiret } from '../../src/domain/organisations/siret.js';
import { createApiToken } from '../../src/use-cases/accounts/apiTokens.js';
import type { Acting } from '../../src/use-cases/accounts/requestContext.js';
import { inTransaction } from '../../src/use-cases/repositories.js';
import { seedDemoBase, type DemoBase } from './world.js';

export interface RushClient {
  token: string;
  traineeId: string;
  sessionId: string;
}

export interface RushWorld extends DemoBase {
  clients: RushClient[];
  seatsPerGroup: number;
}

export async function prepareRushWorld(database: Database, clock: Clock, employers: number): Promise<RushWorld> {
  const base = await seedDemoBase(database, clock);
  const seats = await database.db.selectFrom('sessions').select(['id', 'max_trainees']).where('id', 'in', base.demoGroupIds).execute();
  const seatsPerGroup = seats[0]?.max_trainees ?? 0;
  if (seats.some((group) => group.max_trainees !== seatsPerGroup)) throw new Error('Les groupes de démonstration n’ont pas tous la même capacité');
  const at = clock.now().toISOString();
  const people = await inTransaction(database, async (repos) => {
    const created: Array<{ userId: string; employerId: string; traineeId: string; email: string }> = [];
    for (let index = 0; index < employers; index += 1) {
      const number = index + 1;
      const employerId = await repos.organisations.insertEmployer({
        funderId: base.funderId,
        name: `Établissement du banc ${number}`,
        siret: benchSiret(number),
        sector: 'Social',
        regionId: null,
        city: 'Lille',
        postcode: '59000',
      });
      const email = `rh.${number}@banc.example`;
      const userId = await repos.users.insert({ email, displayName: `RH banc ${number}`, passwordHash: null, status: 'active' }, at);
      await repos.users.addMembership(userId, { organisationKind: 'employer', organisationId: employerId, role: 'employer_hr' }, at);
      const traineeId = await repos.trainees.insert(employerId, { firstName: `Personne ${number}`, lastName: 'Ruée', email: `personne.${number}@banc.example`, profession: 'educateur_specialise' }, at);
      created.push({ userId, employerId, traineeId, email });
    }
    return created;
  });
  const clients: RushClient[] = [];
  for (const [index, person] of people.entries()) {
    const acting: Acting = {
      actor: { kind: 'user', userId: person.userId, memberships: [{ organisationKind: 'employer', organisationId: person.employerId, role: 'employer_hr' }] },
      label: `RH banc <${person.email}>`,
      meta: { ip: '127.0.0.1', userAgent: 'bench' },
    };
    const { token } = await createApiToken(database, clock, acting, { userId: person.userId, name: 'Ruée', scopes: ['registrations:read', 'registrations:write'], expiresInDays: 1 });
    // Spread evenly: employer n picks group n mod 3.
    const sessionId = base.demoGroupIds[index % base.demoGroupIds.length] ?? '';
    clients.push({ token, traineeId: person.traineeId, sessionId });
  }
  return { ...base, clients, seatsPerGroup };
}

/** A valid SIRET (Luhn key) per number, away from the demo's: 99 + number on 11 digits + key. */
export function benchSiret(number: number): string {
  const body = `99${String(number).padStart(11, '0')}`;
  for (let key = 0; key <= 9; key += 1) {
    const candidate = `${body}${key}`;
    if (isValidSiret(candidate)) return candidate;
  }
  throw new Error('unreachable: one Luhn key in 0–9 always fits');
}
