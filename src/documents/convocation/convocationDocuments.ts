/**
 * A registration's convocation, loaded and rendered: for the outbox (src/mail/attachments.ts)
 * and for the download links of the employer and trainee pages.
 */
import type { Database } from '../../db/database.js';
import { ConvocationRepository } from '../../db/repositories/convocationRepository.js';
import type { ConvocationFacts } from './convocationFacts.js';
import { renderConvocationIcs } from './convocationIcs.js';
import { renderConvocationPdf } from './convocationPdf.js';

export function loadConvocationFacts(database: Database, registrationId: string): Promise<ConvocationFacts | undefined> {
  return new ConvocationRepository(database.db).findConvocation(registrationId);
}

/**
 * Why there is no convocation to give, or null when there is one. Only a confirmed seat in a
 * group that still takes place is convened: a convocation for a cancelled registration (or
 * group) would send someone to a training that will not have them.
 */
export function convocationUnavailableReason(facts: ConvocationFacts): string | null {
  if (facts.registration.status !== 'confirmed') return `l’inscription n’est pas confirmée (statut ${facts.registration.status})`;
  if (facts.session.cancelled) return 'le groupe est annulé';
  return null;
}

/** The PDF; undefined when the registration does not exist or has no convocation (see above). */
export async function convocationPdfFor(database: Database, registrationId: string): Promise<Buffer | undefined> {
  const facts = await loadConvocationFacts(database, registrationId);
  if (!facts || convocationUnavailableReason(facts) !== null) return undefined;
  return renderConvocationPdf(facts);
}

/** The .ics text; undefined when the registration does not exist or has no convocation. */
export async function convocationIcsFor(database: Database, registrationId: string): Promise<string | undefined> {
  const facts = await loadConvocationFacts(database, registrationId);
  if (!facts || convocationUnavailableReason(facts) !== null) return undefined;
  return renderConvocationIcs(facts);
}

/** "convocation-dupont-helene": ASCII, safe in a Content-Disposition header and on any disk. */
export function convocationFileStem(facts: ConvocationFacts): string {
  const name = `${facts.trainee.lastName} ${facts.trainee.firstName}`
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return name === '' ? 'convocation' : `convocation-${name}`;
}
