/**
 * Funder admins create, edit, deactivate and reactivate employers, providers and co-funders.
 * Every field error is returned at once, keyed by field, in French; nothing is half-written;
 * every change is in the audit log.
 */
import type { Database } from '../../db/database.js';
import type { EmployerFields, ProviderFields } from '../../db/repositories/organisationDirectoryRepository.js';
import { can, type Resource } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { isEmployerSector, isValidNda } from '../../domain/organisations/sectors.js';
import { isValidSiret, normaliseSiret } from '../../domain/organisations/siret.js';
import { validateEmail, validateName, type FieldErrors, throwIfInvalid } from '../accounts/fieldValidation.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { inTransaction, type Repositories } from '../repositories.js';

export interface EmployerInput {
  name: string;
  siret: string;
  sector: string;
  regionCode: string;
  city: string;
  postcode: string;
}

export interface ProviderInput {
  name: string;
  siret: string;
  nda: string;
  email: string;
  city: string;
}

const optional = (value: string) => (value.trim() === '' ? null : value.trim());

function ensureAllowed(acting: Acting, resource: Resource): void {
  if (!can(acting.actor, 'organisations.manage', resource)) throw forbidden();
}

async function employerFields(repos: Repositories, input: EmployerInput, exceptId?: string): Promise<EmployerFields> {
  const errors: FieldErrors = {};
  const name = validateName(input.name, errors, 'name', 'la raison sociale');
  const siret = normaliseSiret(input.siret);
  if (!isValidSiret(siret)) errors.siret = 'SIRET invalide : 14 chiffres dont la clé de contrôle (vérifiez sur l’avis de situation SIRENE).';
  else {
    const existing = await repos.directory.findEmployerBySiret(siret);
    if (existing && existing.id !== exceptId) errors.siret = `Ce SIRET est déjà enregistré (${existing.name}).`;
  }
  if (!isEmployerSector(input.sector)) errors.sector = 'Choisissez un secteur dans la liste.';
  let regionId: string | null = null;
  if (input.regionCode.trim() !== '') {
    regionId = (await repos.organisations.findRegionByCode(input.regionCode.trim()))?.id ?? null;
    if (!regionId) errors.regionCode = 'Choisissez une région dans la liste.';
  }
  const postcode = optional(input.postcode);
  if (postcode && !/^\d{5}$/.test(postcode)) errors.postcode = 'Le code postal compte 5 chiffres.';
  throwIfInvalid(errors);
  return { name, siret, sector: input.sector, regionId, city: optional(input.city), postcode };
}

async function providerFields(repos: Repositories, input: ProviderInput, exceptId?: string): Promise<ProviderFields> {
  const errors: FieldErrors = {};
  const name = validateName(input.name, errors, 'name', 'le nom de l’organisme');
  const siret = optional(normaliseSiret(input.siret));
  if (siret && !isValidSiret(siret)) errors.siret = 'SIRET invalide : 14 chiffres dont la clé de contrôle.';
  const nda = optional(input.nda.replace(/\s/g, ''));
  if (nda && !isValidNda(nda)) errors.nda = 'Le numéro de déclaration d’activité compte 11 chiffres.';
  const email = optional(input.email) ? validateEmail(input.email, errors) : null;
  if (!errors.name && !errors.siret) {
    const conflict = await repos.directory.findProviderConflict({ name, siret }, exceptId);
    if (conflict) errors[conflict.field] = conflict.field === 'siret' ? `Ce SIRET est déjà celui de ${conflict.name}.` : `Un organisme porte déjà ce nom (${conflict.name}).`;
  }
  throwIfInvalid(errors);
  return { name, siret, nda, email, city: optional(input.city) };
}

function audit(repos: Repositories, acting: Acting, at: string, action: string, entityType: string, entityId: string, summary: string, details?: Record<string, unknown>) {
  return repos.audit.append({ actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action, entityType, entityId, summary, details }, at);
}

export async function createEmployer(database: Database, clock: Clock, acting: Acting, funderId: string, input: EmployerInput): Promise<string> {
  ensureAllowed(acting, { type: 'employer', employerId: '', funderId });
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const fields = await employerFields(repos, input);
    const id = await repos.directory.insertEmployer(funderId, fields, at);
    await audit(repos, acting, at, 'organisation.created', 'employer', id, `Établissement créé : ${fields.name} (SIRET ${fields.siret})`, { ...fields });
    return id;
  });
}

export async function updateEmployer(database: Database, clock: Clock, acting: Acting, employerId: string, input: EmployerInput): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const before = await repos.directory.findEmployer(employerId);
    if (!before) throw notFound('Établissement');
    ensureAllowed(acting, { type: 'employer', employerId, funderId: before.funderId });
    const fields = await employerFields(repos, input, employerId);
    await repos.directory.updateEmployer(employerId, fields, at);
    await audit(repos, acting, at, 'organisation.updated', 'employer', employerId, `Établissement modifié : ${fields.name}`, { before: { name: before.name, siret: before.siret, sector: before.sector }, after: { ...fields } });
  });
}

export async function createProvider(database: Database, clock: Clock, acting: Acting, input: ProviderInput): Promise<string> {
  ensureAllowed(acting, { type: 'provider', providerId: '' });
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const fields = await providerFields(repos, input);
    const id = await repos.directory.insertProvider(fields, at);
    await audit(repos, acting, at, 'organisation.created', 'provider', id, `Organisme de formation créé : ${fields.name}`, { ...fields });
    return id;
  });
}

export async function updateProvider(database: Database, clock: Clock, acting: Acting, providerId: string, input: ProviderInput): Promise<void> {
  ensureAllowed(acting, { type: 'provider', providerId });
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const before = await repos.directory.findProvider(providerId);
    if (!before) throw notFound('Organisme de formation');
    const fields = await providerFields(repos, input, providerId);
    await repos.directory.updateProvider(providerId, fields, at);
    await audit(repos, acting, at, 'organisation.updated', 'provider', providerId, `Organisme de formation modifié : ${fields.name}`, { before, after: { ...fields } });
  });
}

export async function saveCofunder(database: Database, clock: Clock, acting: Acting, input: { id?: string; name: string; lheoCode: string }): Promise<string> {
  ensureAllowed(acting, { type: 'cofunder', cofunderId: input.id ?? '' });
  const errors: FieldErrors = {};
  const name = validateName(input.name, errors, 'name', 'le nom du cofinanceur');
  const lheoCode = optional(input.lheoCode);
  if (lheoCode && !/^\d{1,2}$/.test(lheoCode)) errors.lheoCode = 'Code financeur LHEO invalide (1 ou 2 chiffres, par exemple 13 pour « État - Autre »).';
  throwIfInvalid(errors);
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    if (await repos.directory.findCofunderByName(name, input.id)) {
      throw new DomainError('VALIDATION_FAILED', 'Un cofinanceur porte déjà ce nom.', { fields: { name: 'Un cofinanceur porte déjà ce nom.' } });
    }
    if (input.id) {
      await repos.directory.updateCofunder(input.id, { name, lheoCode }, at);
      await audit(repos, acting, at, 'organisation.updated', 'cofunder', input.id, `Cofinanceur modifié : ${name}`);
      return input.id;
    }
    const id = await repos.directory.insertCofunder({ name, lheoCode }, at);
    await audit(repos, acting, at, 'organisation.created', 'cofunder', id, `Cofinanceur créé : ${name}`);
    return id;
  });
}

export async function setOrganisationActive(database: Database, clock: Clock, acting: Acting, kind: 'employer' | 'provider' | 'cofunder', id: string, active: boolean): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const organisation = await repos.organisations.findOrganisation(kind, id);
    if (!organisation) throw notFound('Organisation');
    const resource: Resource =
      kind === 'employer' ? { type: 'employer', employerId: id, funderId: organisation.funderId ?? '' } : kind === 'provider' ? { type: 'provider', providerId: id } : { type: 'cofunder', cofunderId: id };
    ensureAllowed(acting, resource);
    await repos.directory.setActive(kind, id, active, at);
    await audit(repos, acting, at, active ? 'organisation.reactivated' : 'organisation.deactivated', kind, id, `${organisation.name} ${active ? 'réactivé' : 'désactivé'}`);
  });
}

export interface FunderInput {
  name: string;
  shortName: string;
  website: string;
  regionCode: string;
  defaultMinTrainees: string;
  defaultMaxTrainees: string;
}

/** A funder admin edits their own funder: names, website, region, default group sizes for imported fiches. */
export async function updateFunder(database: Database, clock: Clock, acting: Acting, funderId: string, input: FunderInput): Promise<void> {
  ensureAllowed(acting, { type: 'funder', funderId });
  const errors: FieldErrors = {};
  const name = validateName(input.name, errors, 'name', 'le nom du financeur');
  const shortName = validateName(input.shortName, errors, 'shortName', 'le nom court');
  const website = optional(input.website);
  if (website && !/^https?:\/\/[^\s]+\.[^\s]+$/.test(website)) errors.website = 'Adresse de site invalide (exemple : https://www.opco-sante.fr).';
  const defaultMin = Number(input.defaultMinTrainees);
  const defaultMax = Number(input.defaultMaxTrainees);
  if (!/^\d+$/.test(input.defaultMinTrainees.trim()) || defaultMin > 500) errors.defaultMinTrainees = 'Indiquez un nombre entier de personnes (0 à 500).';
  if (!/^\d+$/.test(input.defaultMaxTrainees.trim()) || defaultMax < 1 || defaultMax > 500) errors.defaultMaxTrainees = 'Indiquez un nombre entier de personnes (1 à 500).';
  else if (!errors.defaultMinTrainees && defaultMin > defaultMax) errors.defaultMinTrainees = 'Le minimum ne peut pas dépasser le maximum.';
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    let regionId: string | null = null;
    if (input.regionCode.trim() !== '') {
      regionId = (await repos.organisations.findRegionByCode(input.regionCode.trim()))?.id ?? null;
      if (!regionId) errors.regionCode = 'Choisissez une région dans la liste.';
    }
    throwIfInvalid(errors);
    const before = await repos.directory.findFunder(funderId);
    if (!before) throw notFound('Financeur');
    const fields = { name, shortName, website, regionId, defaultMinTrainees: defaultMin, defaultMaxTrainees: defaultMax };
    await repos.directory.updateFunder(funderId, fields, at);
    await audit(repos, acting, at, 'organisation.updated', 'funder', funderId, `Financeur modifié : ${name}`, { before, after: fields });
  });
}
