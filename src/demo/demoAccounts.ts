/**
 * One demo account per role, so that every space can be tried at once. Demo only: never
 * created when NODE_ENV=production. The password is public (README), which is why these
 * accounts exist only in demo databases.
 */
import type { Database } from '../db/database.js';
import type { OrganisationKind, Role } from '../db/schema.js';
import type { Clock } from '../domain/clock.js';
import { hashPassword } from '../security/secrets.js';
import { inTransaction } from '../use-cases/repositories.js';

export const DEMO_PASSWORD = 'demo-relais-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  organisation: { kind: OrganisationKind; key: string };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@opco.example', displayName: 'Amélie Admin (démo)', role: 'funder_admin', organisation: { kind: 'funder', key: 'opco-sante-hdf' } },
  { email: 'chargee@opco.example', displayName: 'Chloé Chargée de mission (démo)', role: 'funder_manager', organisation: { kind: 'funder', key: 'opco-sante-hdf' } },
  { email: 'coordination@apsn.example', displayName: 'Camille Coordinatrice (démo)', role: 'provider_coordinator', organisation: { kind: 'provider', key: 'APSN' } },
  { email: 'formatrice@apsn.example', displayName: 'Fanny Formatrice (démo)', role: 'trainer', organisation: { kind: 'provider', key: 'APSN' } },
  { email: 'rh@tilleuls.example', displayName: 'Romain RH (démo)', role: 'employer_hr', organisation: { kind: 'employer', key: '44852136900018' } },
  { email: 'dgcs@cofinanceur.example', displayName: 'Diane DGCS (démo)', role: 'cofunder_viewer', organisation: { kind: 'cofunder', key: 'DGCS' } },
];

export async function seedDemoAccounts(database: Database, clock: Clock): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const created: DemoAccount[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const organisation = await repos.organisations.findOrganisationByKey(account.organisation.key);
      if (!organisation || organisation.kind !== account.organisation.kind || (await repos.users.findByEmail(account.email))) continue;
      const userId = await repos.users.insert({ email: account.email, displayName: account.displayName, passwordHash, status: 'active' }, at);
      await repos.users.addMembership(userId, { organisationKind: organisation.kind, organisationId: organisation.id, role: account.role }, at);
      created.push(account);
    }
    await repos.audit.append(
      { actorUserId: null, actorLabel: 'Système', ip: null, action: 'demo.accounts_created', entityType: 'user', entityId: null, summary: `${created.length} comptes de démonstration créés` },
      at,
    );
    return created;
  });
}
