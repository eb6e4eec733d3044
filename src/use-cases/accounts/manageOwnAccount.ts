/**
 * "Mon compte": change one's password (other sessions are closed) and one's email (confirmed
 * by a link sent to the new address; the old address is told).
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { passwordProblem } from '../../domain/accounts/passwordPolicy.js';
import { can } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { emailChangedNoticeMail, emailChangeMail, expiresText } from '../../notifications/accountMails.js';
import { hashPassword, hashToken, randomToken, verifyPassword } from '../../security/secrets.js';
import { inTransaction } from '../repositories.js';
import { INVALID_LINK_MESSAGE } from './acceptInvitation.js';
import { validateEmail, type FieldErrors, throwIfInvalid } from './fieldValidation.js';
import type { Acting } from './requestContext.js';

export const EMAIL_CHANGE_VALIDITY_MS = 24 * 60 * 60 * 1000;

function ownUserId(acting: Acting): string {
  if (acting.actor.kind !== 'user' || !can(acting.actor, 'account.manage', { type: 'user', userId: acting.actor.userId })) throw forbidden();
  return acting.actor.userId;
}

export async function changePassword(
  database: Database,
  clock: Clock,
  acting: Acting,
  input: { currentPassword: string; newPassword: string; newPasswordConfirmation: string; currentSessionId: string | null },
): Promise<void> {
  const userId = ownUserId(acting);
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const user = await repos.users.findById(userId);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new DomainError('VALIDATION_FAILED', 'Le mot de passe actuel est incorrect.', { fields: { currentPassword: 'Le mot de passe actuel est incorrect.' } });
    }
    const problem = passwordProblem(input.newPassword, { email: user.email });
    if (problem) throw new DomainError('VALIDATION_FAILED', problem, { fields: { newPassword: problem } });
    if (input.newPassword !== input.newPasswordConfirmation) {
      throw new DomainError('VALIDATION_FAILED', 'Les deux mots de passe ne sont pas identiques.', { fields: { newPasswordConfirmation: 'Les deux mots de passe ne sont pas identiques.' } });
    }
    await repos.users.setPassword(userId, await hashPassword(input.newPassword), at);
    await repos.sessions.revokeAllOf(userId, at, input.currentSessionId ?? undefined);
    await repos.audit.append({ actorUserId: userId, actorLabel: acting.label, ip: acting.meta.ip, action: 'user.password_changed', entityType: 'user', entityId: userId, summary: 'Mot de passe modifié' }, at);
  });
}

export async function requestEmailChange(database: Database, clock: Clock, config: Pick<Config, 'baseUrl'>, acting: Acting, input: { newEmail: string; password: string }): Promise<void> {
  const userId = ownUserId(acting);
  const errors: FieldErrors = {};
  const newEmail = validateEmail(input.newEmail, errors, 'newEmail');
  throwIfInvalid(errors);
  const now = clock.now();
  const at = now.toISOString();
  await inTransaction(database, async (repos) => {
    const user = await repos.users.findById(userId);
    if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
      throw new DomainError('VALIDATION_FAILED', 'Le mot de passe est incorrect.', { fields: { password: 'Le mot de passe est incorrect.' } });
    }
    if (newEmail === user.email) throw new DomainError('VALIDATION_FAILED', 'C’est déjà l’adresse de votre compte.', { fields: { newEmail: 'C’est déjà l’adresse de votre compte.' } });
    if (await repos.users.findByEmail(newEmail)) {
      throw new DomainError('VALIDATION_FAILED', 'Cette adresse est déjà utilisée par un autre compte.', { fields: { newEmail: 'Cette adresse est déjà utilisée par un autre compte.' } });
    }
    await repos.oneTimeTokens.revokeOutstanding(userId, 'email_change', at);
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_VALIDITY_MS);
    await repos.oneTimeTokens.insert({ purpose: 'email_change', tokenHash: hashToken(token), userId, newEmail, expiresAt: expiresAt.toISOString() }, at);
    const mail = emailChangeMail({ name: user.displayName, link: new URL(`/mon-compte/adresse/${token}`, config.baseUrl).toString(), expiresText: expiresText(expiresAt) });
    await repos.outbox.enqueue({ kind: 'account.email_change', recipient: newEmail, subject: mail.subject, text: mail.text, funderId: null }, now); // secret link: for the recipient only
    await repos.audit.append(
      { actorUserId: userId, actorLabel: acting.label, ip: acting.meta.ip, action: 'user.email_change_requested', entityType: 'user', entityId: userId, summary: `Changement d’adresse demandé vers ${newEmail}` },
      at,
    );
  });
}

export async function confirmEmailChange(database: Database, clock: Clock, input: { token: string; ip: string | null }): Promise<{ newEmail: string }> {
  const now = clock.now();
  const at = now.toISOString();
  return inTransaction(database, async (repos) => {
    const record = await repos.oneTimeTokens.findUsable('email_change', hashToken(input.token), at);
    const user = record?.userId ? await repos.users.findById(record.userId) : undefined;
    if (!record || !record.newEmail || !user || user.status !== 'active') throw new DomainError('LINK_INVALID', INVALID_LINK_MESSAGE);
    if (await repos.users.findByEmail(record.newEmail)) throw new DomainError('CONFLICT', 'Cette adresse est désormais utilisée par un autre compte.');
    if (!(await repos.oneTimeTokens.consume(record.id, at))) throw new DomainError('LINK_INVALID', INVALID_LINK_MESSAGE);
    await repos.users.update(user.id, { email: record.newEmail }, at);
    const notice = emailChangedNoticeMail({ name: user.displayName, newEmail: record.newEmail });
    await repos.outbox.enqueue({ kind: 'account.email_changed', recipient: user.email, subject: notice.subject, text: notice.text, funderId: null }, now);
    await repos.audit.append(
      {
        actorUserId: user.id,
        actorLabel: `${user.displayName} <${user.email}>`,
        ip: input.ip,
        action: 'user.email_changed',
        entityType: 'user',
        entityId: user.id,
        summary: `Adresse modifiée : ${user.email} → ${record.newEmail}`,
      },
      at,
    );
    return { newEmail: record.newEmail };
  });
}
