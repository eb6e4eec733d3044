/**
 * "Mot de passe oublié": a request always gets the same answer (no account enumeration); an
 * active account receives a link valid one hour, which cancels earlier links. Setting the new
 * password ends every open session of the person.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { normaliseEmail } from '../../db/repositories/userRepository.js';
import { passwordProblem } from '../../domain/accounts/passwordPolicy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { expiresText, passwordResetMail } from '../../notifications/accountMails.js';
import { hashPassword, hashToken, randomToken } from '../../security/secrets.js';
import { inTransaction, repositoriesOn } from '../repositories.js';
import { INVALID_LINK_MESSAGE } from './acceptInvitation.js';
import type { RequestMeta } from './requestContext.js';
import { ensureNotThrottled } from './throttleGuard.js';

export const RESET_VALIDITY_MS = 60 * 60 * 1000;
export const RESET_REQUESTED_MESSAGE =
  'Si un compte actif correspond à cette adresse, un lien pour choisir un nouveau mot de passe vient d’y être envoyé. Il est valable une heure.';

export async function requestPasswordReset(database: Database, clock: Clock, config: Pick<Config, 'baseUrl'>, input: { email: string; meta: RequestMeta }): Promise<void> {
  const now = clock.now();
  const at = now.toISOString();
  const email = normaliseEmail(input.email).slice(0, 320);
  await ensureNotThrottled(repositoriesOn(database.db, database.dialect), 'password_reset', { accountKey: email, ip: input.meta.ip }, now, true);
  await inTransaction(database, async (repos) => {
    await repos.loginAttempts.record({ kind: 'password_reset', accountKey: email, ip: input.meta.ip, succeeded: true }, at);
    const user = await repos.users.findByEmail(email);
    if (!user || user.status !== 'active') return;
    await repos.oneTimeTokens.revokeOutstanding(user.id, 'password_reset', at);
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + RESET_VALIDITY_MS);
    await repos.oneTimeTokens.insert({ purpose: 'password_reset', tokenHash: hashToken(token), userId: user.id, expiresAt: expiresAt.toISOString() }, at);
    const mail = passwordResetMail({ name: user.displayName, link: new URL(`/mot-de-passe/nouveau/${token}`, config.baseUrl).toString(), expiresText: expiresText(expiresAt) });
    await repos.outbox.enqueue({ kind: 'account.password_reset', recipient: user.email, subject: mail.subject, text: mail.text, funderId: null }, now); // secret link: for the recipient only
    await repos.audit.append(
      { actorUserId: null, actorLabel: 'Anonyme', ip: input.meta.ip, action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, summary: 'Demande de réinitialisation du mot de passe' },
      at,
    );
  });
}

export async function isPasswordResetLinkUsable(database: Database, clock: Clock, token: string): Promise<boolean> {
  const repos = repositoriesOn(database.db, database.dialect);
  return (await repos.oneTimeTokens.findUsable('password_reset', hashToken(token), clock.now().toISOString())) !== undefined;
}

export async function resetPassword(database: Database, clock: Clock, input: { token: string; password: string; passwordConfirmation: string; meta: RequestMeta }): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const record = await repos.oneTimeTokens.findUsable('password_reset', hashToken(input.token), at);
    const user = record?.userId ? await repos.users.findById(record.userId) : undefined;
    if (!record || !user || user.status !== 'active') throw new DomainError('LINK_INVALID', INVALID_LINK_MESSAGE);
    const problem = passwordProblem(input.password, { email: user.email });
    if (problem) throw new DomainError('VALIDATION_FAILED', problem, { fields: { password: problem } });
    if (input.password !== input.passwordConfirmation) {
      throw new DomainError('VALIDATION_FAILED', 'Les deux mots de passe ne sont pas identiques.', { fields: { passwordConfirmation: 'Les deux mots de passe ne sont pas identiques.' } });
    }
    if (!(await repos.oneTimeTokens.consume(record.id, at))) throw new DomainError('LINK_INVALID', INVALID_LINK_MESSAGE);
    await repos.users.setPassword(user.id, await hashPassword(input.password), at);
    await repos.sessions.revokeAllOf(user.id, at);
    await repos.audit.append(
      { actorUserId: user.id, actorLabel: `${user.displayName} <${user.email}>`, ip: input.meta.ip, action: 'user.password_reset', entityType: 'user', entityId: user.id, summary: 'Mot de passe réinitialisé, sessions fermées' },
      at,
    );
  });
}
