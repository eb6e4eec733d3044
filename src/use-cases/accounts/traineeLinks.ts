/**
 * Magic links for trainees, who have no password: a random token bound to one purpose and one
 * subject (e.g. signing the attendance of a registration, answering an evaluation), expiring,
 * revocable, single use when the purpose requires it, and stored hashed. Delivery and the
 * pages that use them come with registration and delivery.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import type { Clock } from '../../domain/clock.js';
import { hashToken, randomToken } from '../../security/secrets.js';
import { repositoriesOn } from '../repositories.js';

export interface TraineeLinkSubject {
  /** What the link is about, e.g. "registration". */
  type: string;
  id: string;
}

/** Creates a link token inside the caller's transaction; returns the token to put in the URL. */
export async function issueTraineeLinkToken(db: Kysely<Schema>, dialect: DialectName, clock: Clock, subject: TraineeLinkSubject, validityMs: number): Promise<string> {
  const now = clock.now();
  const token = randomToken();
  await repositoriesOn(db, dialect).oneTimeTokens.insert(
    { purpose: 'trainee_access', tokenHash: hashToken(token), subjectType: subject.type, subjectId: subject.id, expiresAt: new Date(now.getTime() + validityMs).toISOString() },
    now.toISOString(),
  );
  return token;
}

/**
 * The subject a link gives access to, or null if the token is unknown, expired, revoked or,
 * with `consume`, already used. Consuming is atomic: two concurrent uses, one winner.
 */
export async function redeemTraineeLinkToken(
  db: Kysely<Schema>,
  dialect: DialectName,
  clock: Clock,
  token: string,
  expected: { type: string },
  options: { consume: boolean },
): Promise<TraineeLinkSubject | null> {
  if (token.length < 20 || token.length > 200) return null;
  const at = clock.now().toISOString();
  const repos = repositoriesOn(db, dialect);
  const record = await repos.oneTimeTokens.findUsable('trainee_access', hashToken(token), at);
  if (!record || record.subjectType !== expected.type || !record.subjectId) return null;
  if (options.consume && !(await repos.oneTimeTokens.consume(record.id, at))) return null;
  return { type: record.subjectType, id: record.subjectId };
}

export async function revokeTraineeLinks(db: Kysely<Schema>, dialect: DialectName, clock: Clock, subject: TraineeLinkSubject): Promise<void> {
  await repositoriesOn(db, dialect).oneTimeTokens.revokeForSubject(subject.type, subject.id, 'trainee_access', clock.now().toISOString());
}
