import { ROLE_LABELS } from '../domain/accounts/roles.js';
import { DEMO_PASSWORD } from './demoAccounts.js';
import type { DemoSeedResult } from './seedDemo.js';

/** What the first start prints: the demo catalogue and the accounts to try each space with. */
export function describeDemoSeed(seed: DemoSeedResult): string {
  const lines = [`Données de démonstration créées (${seed.trainings.length} formations).`];
  if (seed.accounts.length > 0) {
    lines.push(`Comptes de démonstration (mot de passe commun : ${DEMO_PASSWORD}) :`);
    for (const account of seed.accounts) lines.push(`  - ${account.email.padEnd(28)} ${ROLE_LABELS[account.role]}`);
  }
  return lines.join('\n');
}
