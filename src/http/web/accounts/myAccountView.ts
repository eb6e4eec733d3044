/**
 * What "Mon compte" shows besides the forms: the roles with their organisations' names and the
 * API tokens with their state. Reading only; every change goes through a use case.
 */
import type { ApiTokenRecord } from '../../../db/repositories/apiTokenRepository.js';
import { ORGANISATION_KIND_LABELS, ROLE_LABELS } from '../../../domain/accounts/roles.js';
import { listApiTokens } from '../../../use-cases/accounts/apiTokens.js';
import type { Acting } from '../../../use-cases/accounts/requestContext.js';
import type { SignedIn } from '../../../use-cases/accounts/resolveSession.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import type { AccountRole, AccountToken, MyAccountPageProps } from '../../../views/accounts/MyAccountPage.js';
import type { AppContext } from '../../context.js';

async function rolesOf(context: AppContext, signedIn: SignedIn): Promise<AccountRole[]> {
  const { organisations } = repositoriesOn(context.database.db, context.database.dialect);
  return Promise.all(
    signedIn.actor.memberships.map(async (membership) => ({
      roleLabel: ROLE_LABELS[membership.role],
      organisationName: (await organisations.findOrganisation(membership.organisationKind, membership.organisationId))?.name ?? 'Organisation supprimée',
      organisationKindLabel: ORGANISATION_KIND_LABELS[membership.organisationKind],
    })),
  );
}

function presentToken(token: ApiTokenRecord, now: string): AccountToken {
  const state = token.revokedAt ? 'revoked' : token.expiresAt !== null && token.expiresAt <= now ? 'expired' : 'active';
  return { id: token.id, name: token.name, prefix: token.tokenPrefix, scopes: token.scopes, createdAt: token.createdAt, expiresAt: token.expiresAt, lastUsedAt: token.lastUsedAt, state };
}

export async function myAccountView(context: AppContext, signedIn: SignedIn, acting: Acting): Promise<Pick<MyAccountPageProps, 'identity' | 'roles' | 'tokens'>> {
  const now = context.clock.now().toISOString();
  const [roles, tokens] = await Promise.all([rolesOf(context, signedIn), listApiTokens(context.database, acting)]);
  return { identity: { displayName: signedIn.displayName, email: signedIn.email }, roles, tokens: tokens.map((token) => presentToken(token, now)) };
}
