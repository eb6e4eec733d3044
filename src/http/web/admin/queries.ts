/**
 * Reads for the admin pages that need no use case of their own: the directory lists, counts,
 * organisation names, one outbox mail. The route has asked the policy before calling them.
 */
import type { OrganisationKind } from '../../../db/schema.js';
import type { OutboxMessage } from '../../../db/repositories/outboxRepository.js';
import type { Database } from '../../../db/database.js';
import type { Membership } from '../../../domain/accounts/policy.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import type { InvitableOrganisation } from '../../../views/admin/InvitePage.js';
import { organisationKey, type OrganisationNames } from '../../../views/admin/PeoplePages.js';

const reposOf = (database: Database) => repositoriesOn(database.db, database.dialect);

export async function directoryOf(database: Database, funderId: string, search?: string) {
  const repos = reposOf(database);
  const needle = search?.trim().toLowerCase();
  const [employers, providers, cofunders] = await Promise.all([repos.directory.listEmployers([funderId], needle || undefined), repos.directory.listProviders(needle || undefined), repos.directory.listCofunders()]);
  return { employers, providers, cofunders: needle ? cofunders.filter((c) => c.name.toLowerCase().includes(needle)) : cofunders };
}

export async function organisationNamesOf(database: Database, memberships: ReadonlyArray<Pick<Membership, 'organisationKind' | 'organisationId'>>): Promise<OrganisationNames> {
  const repos = reposOf(database);
  const keys = new Map<string, { kind: OrganisationKind; id: string }>();
  for (const m of memberships) keys.set(organisationKey(m), { kind: m.organisationKind, id: m.organisationId });
  const names: Record<string, string> = {};
  await Promise.all(
    [...keys.entries()].map(async ([key, { kind, id }]) => {
      const found = await repos.organisations.findOrganisation(kind, id);
      if (found) names[key] = found.name;
    }),
  );
  return names;
}

/** The active organisations a funder admin may invite people into. */
export async function invitableOrganisationsOf(database: Database, funder: { id: string; name: string }): Promise<InvitableOrganisation[]> {
  const { employers, providers, cofunders } = await directoryOf(database, funder.id);
  return [
    { kind: 'funder', id: funder.id, name: funder.name },
    ...employers.filter((o) => o.isActive).map((o) => ({ kind: 'employer' as const, id: o.id, name: `${o.name} (${o.siret})` })),
    ...providers.filter((o) => o.isActive).map((o) => ({ kind: 'provider' as const, id: o.id, name: o.name })),
    ...cofunders.filter((o) => o.isActive).map((o) => ({ kind: 'cofunder' as const, id: o.id, name: o.name })),
  ];
}

export async function regionsOf(database: Database) {
  return reposOf(database).directory.listRegions();
}

export async function outboxPage(database: Database, query: { funderId: string; limit: number; offset: number; recipient?: string }) {
  const repos = reposOf(database);
  const [page, counts] = await Promise.all([repos.outbox.listRecent(query), repos.outbox.countByStatus(query.funderId)]);
  return { ...page, counts };
}

export function outboxCounts(database: Database, funderId: string) {
  return reposOf(database).outbox.countByStatus(funderId);
}

/** One mail of the funder's « Courriels envoyés »; another funder's mail is not found. */
export async function findOutboxMail(database: Database, id: string, funderId: string): Promise<OutboxMessage | undefined> {
  return reposOf(database).outbox.findForFunder(id, funderId);
}

/** A person with their roles, or undefined when unknown or erased. */
export async function findPerson(database: Database, userId: string) {
  const repos = reposOf(database);
  const user = await repos.users.findById(userId);
  if (!user || user.status === 'erased') return undefined;
  const [memberships, funderIds] = await Promise.all([repos.users.membershipsOf(userId), repos.users.funderIdsOf(userId)]);
  return { ...user, memberships, funderIds };
}

export function findEmployer(database: Database, id: string) {
  return reposOf(database).directory.findEmployer(id);
}

export function findProvider(database: Database, id: string) {
  return reposOf(database).directory.findProvider(id);
}

export async function findCofunder(database: Database, id: string) {
  return (await reposOf(database).directory.listCofunders()).find((cofunder) => cofunder.id === id);
}
