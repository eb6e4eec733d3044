/**
 * Personal access tokens for API clients (an employer's HR system, a funder's BI): shown once,
 * stored hashed, with scopes and an expiry, revocable. Requests carry
 * `Authorization: Bearer rls_…`.
 */
import type { Database } from '../../db/database.js';
import type { ApiTokenRecord } from '../../db/repositories/apiTokenRepository.js';
import { API_TOKEN_PREFIX, isApiScope, MAX_API_TOKEN_DAYS, type ApiScope } from '../../domain/accounts/apiScopes.js';
import { can, type Actor } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { hashToken, randomToken } from '../../security/secrets.js';
import { inTransaction, repositoriesOn } from '../repositories.js';
import { type FieldErrors, throwIfInvalid, validateName } from './fieldValidation.js';
import { actorUserId, SYSTEM, type Acting } from './requestContext.js';

export interface CreateApiTokenInput {
  /** The owner: the acting person, or anyone when created by an operator from the CLI. */
  userId: string;
  name: string;
  scopes: string[];
  expiresInDays: number | null;
}

export async function createApiToken(database: Database, clock: Clock, acting: Acting, input: CreateApiTokenInput): Promise<{ token: string; id: string }> {
  if (!can(acting.actor, 'account.manage', { type: 'user', userId: input.userId })) throw forbidden();
  return issueApiToken(database, clock, acting, input);
}

/** `relais token create`: an operator with access to the server creates a token for anyone. */
export async function createApiTokenAsOperator(database: Database, clock: Clock, input: CreateApiTokenInput): Promise<{ token: string; id: string }> {
  return issueApiToken(database, clock, SYSTEM, input);
}

async function issueApiToken(database: Database, clock: Clock, acting: Acting, input: CreateApiTokenInput): Promise<{ token: string; id: string }> {
  const errors: FieldErrors = {};
  const name = validateName(input.name, errors, 'name', 'un nom pour ce jeton');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) errors.scopes = 'Choisissez au moins une autorisation.';
  else if (!scopes.every(isApiScope)) errors.scopes = `Autorisation inconnue : ${scopes.filter((s) => !isApiScope(s)).join(', ')}.`;
  const days = input.expiresInDays;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_API_TOKEN_DAYS)) errors.expiresInDays = `La durée doit être comprise entre 1 et ${MAX_API_TOKEN_DAYS} jours.`;
  throwIfInvalid(errors);

  const now = clock.now();
  const at = now.toISOString();
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  return inTransaction(database, async (repos) => {
    const owner = await repos.users.findById(input.userId);
    if (!owner || owner.status !== 'active') throw new DomainError('VALIDATION_FAILED', 'Ce compte n’est pas actif : un jeton ne peut pas lui être attribué.');
    const id = await repos.apiTokens.insert(
      {
        userId: input.userId,
        name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        scopes,
        expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString(),
      },
      at,
    );
    await repos.audit.append(
      { actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action: 'api_token.created', entityType: 'user', entityId: input.userId, summary: `Jeton d’API créé : ${name} (${scopes.join(', ')})` },
      at,
    );
    return { token, id };
  });
}

export async function revokeApiToken(database: Database, clock: Clock, acting: Acting, tokenId: string): Promise<void> {
  const userId = actorUserId(acting);
  if (!userId || !can(acting.actor, 'account.manage', { type: 'user', userId })) throw forbidden();
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    if (!(await repos.apiTokens.revoke(tokenId, userId, at))) throw new DomainError('NOT_FOUND', 'Jeton introuvable ou déjà révoqué.');
    await repos.audit.append({ actorUserId: userId, actorLabel: acting.label, ip: acting.meta.ip, action: 'api_token.revoked', entityType: 'user', entityId: userId, summary: 'Jeton d’API révoqué' }, at);
  });
}

export async function listApiTokens(database: Database, acting: Acting): Promise<ApiTokenRecord[]> {
  const userId = actorUserId(acting);
  if (!userId) throw forbidden();
  return repositoriesOn(database.db, database.dialect).apiTokens.listOf(userId);
}

/** Bearer token → actor (its owner's roles, narrowed by the token's scopes), or null. */
export async function authenticateApiToken(database: Database, clock: Clock, bearer: string): Promise<{ actor: Actor; label: string } | null> {
  if (!bearer.startsWith(API_TOKEN_PREFIX) || bearer.length > 200) return null;
  const now = clock.now().toISOString();
  const repos = repositoriesOn(database.db, database.dialect);
  const token = await repos.apiTokens.findUsableByHash(hashToken(bearer), now);
  if (!token) return null;
  const memberships = await repos.users.membershipsOf(token.userId);
  // « Dernière utilisation » to the minute: not one write per API request.
  if (token.lastUsedAt === null || Date.parse(token.lastUsedAt) < Date.parse(now) - 60_000) await repos.apiTokens.touch(token.id, now);
  return { actor: { kind: 'user', userId: token.userId, memberships, viaApiToken: { scopes: token.scopes as ApiScope[] } }, label: `${token.owner.displayName} <${token.owner.email}> (jeton ${token.name})` };
}
