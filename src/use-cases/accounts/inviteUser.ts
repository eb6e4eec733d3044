/**
 * A funder admin invites a person into an organisation with a role. A new person gets an
 * account waiting for its password and an invitation mail with a link valid 7 days; a person
 * who already has an account simply gains the role.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { OrganisationKind, Role } from '../../db/schema.js';
import { can, type Resource } from '../../domain/accounts/policy.js';
import { ROLE_KIND, ROLE_LABELS } from '../../domain/accounts/roles.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { expiresText, invitationMail } from '../../notifications/accountMails.js';
import { hashToken, randomToken } from '../../security/secrets.js';
import { inTransaction, type Repositories } from '../repositories.js';
import { validateEmail, validateName, type FieldErrors, throwIfInvalid } from './fieldValidation.js';
import { actingFunderId, actorUserId, SYSTEM, type Acting } from './requestContext.js';
import { ensureNotThrottled } from './throttleGuard.js';

export const INVITATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteUserInput {
  email: string;
  displayName: string;
  organisationKind: OrganisationKind;
  organisationId: string;
  role: Role;
}

export interface InviteUserResult {
  userId: string;
  /** The link sent by mail (null when the person already had an account). */
  invitationLink: string | null;
}

/** Inviting into an organisation is allowed to whoever may manage that organisation. */
export function organisationResource(kind: OrganisationKind, id: string, funderId: string | null): Resource {
  switch (kind) {
    case 'funder':
      return { type: 'funder', funderId: id };
    case 'employer':
      return { type: 'employer', employerId: id, funderId: funderId ?? '' };
    case 'provider':
      return { type: 'provider', providerId: id };
    case 'cofunder':
      return { type: 'cofunder', cofunderId: id };
  }
}

export async function inviteUser(database: Database, clock: Clock, config: Pick<Config, 'baseUrl'>, acting: Acting, input: InviteUserInput): Promise<InviteUserResult> {
  const errors: FieldErrors = {};
  const email = validateEmail(input.email, errors);
  const displayName = validateName(input.displayName, errors, 'displayName');
  if (ROLE_KIND[input.role] !== input.organisationKind) errors.role = 'Ce rôle ne correspond pas à ce type d’organisation.';
  throwIfInvalid(errors);

  const now = clock.now();
  return inTransaction(database, async (repos) => {
    const organisation = await repos.organisations.findOrganisation(input.organisationKind, input.organisationId);
    if (!organisation) throw new DomainError('VALIDATION_FAILED', 'Organisation introuvable.', { fields: { organisationId: 'Organisation introuvable.' } });
    if (!can(acting.actor, 'organisations.manage', organisationResource(organisation.kind, organisation.id, organisation.funderId))) throw forbidden();
    if (!organisation.isActive) throw new DomainError('VALIDATION_FAILED', 'Cette organisation est désactivée : réactivez-la avant d’y inviter quelqu’un.');
    const inviterId = actorUserId(acting);
    await ensureNotThrottled(repos, 'invitation', { accountKey: inviterId, ip: acting.meta.ip }, now, true);
    await repos.loginAttempts.record({ kind: 'invitation', accountKey: inviterId, ip: acting.meta.ip, succeeded: true }, now.toISOString());
    return invite(repos, now, config, acting, { ...input, email, displayName }, organisation.name, organisation.funderId);
  });
}

/**
 * The same invitation made by an operator from the command line (`relais user create`): the
 * operator has the server, so no policy or rate limit applies; it is audited as "Système".
 */
export async function inviteUserAsOperator(database: Database, clock: Clock, config: Pick<Config, 'baseUrl'>, input: InviteUserInput): Promise<InviteUserResult> {
  const errors: FieldErrors = {};
  const email = validateEmail(input.email, errors);
  const displayName = validateName(input.displayName, errors, 'displayName');
  if (ROLE_KIND[input.role] !== input.organisationKind) errors.role = 'Ce rôle ne correspond pas à ce type d’organisation.';
  throwIfInvalid(errors);
  return inTransaction(database, async (repos) => {
    const organisation = await repos.organisations.findOrganisation(input.organisationKind, input.organisationId);
    if (!organisation) throw new DomainError('VALIDATION_FAILED', 'Organisation introuvable.');
    return invite(repos, clock.now(), config, SYSTEM, { ...input, email, displayName }, organisation.name, organisation.funderId);
  });
}

async function invite(
  repos: Repositories,
  now: Date,
  config: Pick<Config, 'baseUrl'>,
  acting: Acting,
  input: InviteUserInput,
  organisationName: string,
  organisationFunderId: string | null,
): Promise<InviteUserResult> {
  const at = now.toISOString();
  const existing = await repos.users.findByEmail(input.email);
  if (existing?.status === 'disabled' || existing?.status === 'erased') {
    throw new DomainError('CONFLICT', 'Ce compte est désactivé : réactivez-le depuis la liste des personnes avant de l’inviter à nouveau.');
  }
  const userId = existing?.id ?? (await repos.users.insert({ email: input.email, displayName: input.displayName, passwordHash: null, status: 'invited' }, at));
  const membership = { organisationKind: input.organisationKind, organisationId: input.organisationId, role: input.role };
  await repos.users.addMembership(userId, membership, at);
  await repos.audit.append(
    {
      actorUserId: actorUserId(acting),
      actorLabel: acting.label,
      ip: acting.meta.ip,
      action: existing ? 'user.role_added' : 'user.invited',
      entityType: 'user',
      entityId: userId,
      summary: `${existing ? 'Rôle ajouté' : 'Invitation'} : ${input.email} — ${ROLE_LABELS[input.role]} (${organisationName})`,
      details: { ...membership },
    },
    at,
  );
  if (existing && existing.status === 'active') return { userId, invitationLink: null };

  await repos.oneTimeTokens.revokeOutstanding(userId, 'invitation', at);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
  await repos.oneTimeTokens.insert({ purpose: 'invitation', tokenHash: hashToken(token), userId, expiresAt: expiresAt.toISOString() }, at);
  const link = new URL(`/invitation/${token}`, config.baseUrl).toString();
  const mail = invitationMail({
    inviteeName: existing?.displayName ?? input.displayName,
    inviterName: acting.label.replace(/\s*<.*>$/, ''),
    organisationName,
    roleLabel: ROLE_LABELS[input.role],
    link,
    expiresText: expiresText(expiresAt),
  });
  // The inviting funder's admins may read it (and pass the link on); the link grants only this invitation.
  await repos.outbox.enqueue({ kind: 'account.invitation', recipient: input.email, subject: mail.subject, text: mail.text, funderId: organisationFunderId ?? actingFunderId(acting) }, now);
  return { userId, invitationLink: link };
}
