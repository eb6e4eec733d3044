/**
 * Who is acting and from where: the actor for the policy, the rest for the audit log.
 */
import type { Actor } from '../../domain/accounts/policy.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface Acting {
  actor: Actor;
  /** Shown in the audit log: "Chloé Demeyere <chloe@…>", "Système", "Anonyme". */
  label: string;
  meta: RequestMeta;
}

export function actorUserId(acting: Acting): string | null {
  return acting.actor.kind === 'user' ? acting.actor.userId : null;
}

export const SYSTEM: Acting = { actor: { kind: 'anonymous' }, label: 'Système', meta: { ip: null, userAgent: null } };

/** The funder a funder admin acts for (their first funder); null for anyone else. */
export function actingFunderId(acting: Acting): string | null {
  if (acting.actor.kind !== 'user') return null;
  return acting.actor.memberships.find((m) => m.organisationKind === 'funder')?.organisationId ?? null;
}
