/**
 * A training's registration rules, set by the funder's staff: validation par le financeur,
 * eligible professions, a declarative prerequisite to justify, and the fair-share cap with
 * its release. Changing them may free or hold back seats, so the groups are settled after.
 */
import type { RegistrationSettings } from '../../db/repositories/groupRepository.js';
import { can } from '../../domain/accounts/policy.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { formatEligibleProfessions, isProfession } from '../../domain/registrations/professions.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { inTransaction, repositoriesOn } from '../repositories.js';
import { settleGroups, type RegistrationDeps } from './seatRecipe.js';

export interface RegistrationSettingsInput {
  requiresApproval: boolean;
  eligibleProfessions: readonly string[];
  requiresJustification: boolean;
  /** Empty: no cap. */
  employerCap: string;
  capReleaseDays: string;
}

export async function readRegistrationSettings(deps: RegistrationDeps, acting: Acting, trainingId: string) {
  const settings = await repositoriesOn(deps.database.db, deps.database.dialect).groups.registrationSettings(trainingId);
  if (!settings) throw notFound('Formation');
  if (!can(acting.actor, 'registrations.manage', { type: 'funder', funderId: settings.funderId })) throw forbidden();
  return settings;
}

function parseOptionalInteger(raw: string, min: number, max: number): number | null | undefined {
  const value = raw.trim();
  if (value === '') return null;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

export async function updateRegistrationSettings(deps: RegistrationDeps, acting: Acting, trainingId: string, input: RegistrationSettingsInput): Promise<void> {
  const errors: Record<string, string> = {};
  if (input.eligibleProfessions.some((code) => !isProfession(code))) errors.eligibleProfessions = 'Choisissez des professions de la liste.';
  const employerCap = parseOptionalInteger(input.employerCap, 1, 100);
  if (employerCap === undefined) errors.employerCap = 'Un nombre de places entre 1 et 100, ou vide pour ne pas plafonner.';
  const capReleaseDays = parseOptionalInteger(input.capReleaseDays, 0, 365);
  if (capReleaseDays === undefined) errors.capReleaseDays = 'Un nombre de jours entre 0 et 365, ou vide pour garder le plafond jusqu’au bout.';
  if (Object.keys(errors).length > 0) throw new DomainError('VALIDATION_FAILED', Object.values(errors).join(' '), { fields: errors });
  const settings: RegistrationSettings = {
    requiresApproval: input.requiresApproval,
    eligibleProfessions: formatEligibleProfessions(input.eligibleProfessions),
    requiresJustification: input.requiresJustification,
    employerCap: employerCap ?? null,
    capReleaseDays: employerCap === null ? null : (capReleaseDays ?? null),
  };
  const at = deps.clock.now().toISOString();
  const sessionIds = await inTransaction(deps.database, async (repos) => {
    const current = await repos.groups.registrationSettings(trainingId);
    if (!current) throw notFound('Formation');
    if (!can(acting.actor, 'registrations.manage', { type: 'funder', funderId: current.funderId })) throw forbidden();
    await repos.groups.updateRegistrationSettings(trainingId, settings, at);
    await repos.audit.append(
      {
        actorUserId: actorUserId(acting),
        actorLabel: acting.label,
        ip: acting.meta.ip,
        action: 'training.registration_settings',
        entityType: 'training',
        entityId: trainingId,
        summary: `Règles d’inscription modifiées : ${current.title}`,
        details: { ...settings },
        funderId: current.funderId,
      },
      at,
    );
    return repos.groups.sessionIdsOfTraining(trainingId);
  });
  // A lifted or raised cap frees seats for waitlisted people of capped employers.
  await settleGroups(deps, sessionIds);
}
