/**
 * « Mon personnel »: the HR contact keeps the list of staff they register (name, professional
 * email, profession). People are deactivated, never deleted, so past registrations keep them.
 */
import type { Database } from '../../db/database.js';
import type { Trainee, TraineeFields } from '../../db/repositories/traineeRepository.js';
import { can } from '../../domain/accounts/policy.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { isProfession, professionLabel } from '../../domain/registrations/professions.js';
import { actorUserId, type Acting } from '../accounts/requestContext.js';
import { throwIfInvalid, validateEmail, validateName, type FieldErrors } from '../accounts/fieldValidation.js';
import { inTransaction, repositoriesOn, type Repositories } from '../repositories.js';

export interface StaffInput {
  firstName: string;
  lastName: string;
  email: string;
  profession: string;
}

/** The employers whose staff the actor manages (HR contacts: usually one). */
export function managedEmployerIds(acting: Acting): string[] {
  const actor = acting.actor;
  if (actor.kind !== 'user') return [];
  return actor.memberships.filter((m) => m.organisationKind === 'employer' && m.role === 'employer_hr').map((m) => m.organisationId);
}

async function assertManages(repos: Repositories, acting: Acting, employerId: string): Promise<{ name: string; funderId: string }> {
  const employer = await repos.organisations.findOrganisation('employer', employerId);
  if (!employer || !employer.funderId) throw notFound('Établissement');
  if (!can(acting.actor, 'employer.people.manage', { type: 'employer', employerId, funderId: employer.funderId })) throw forbidden();
  return { name: employer.name, funderId: employer.funderId };
}

function validate(input: StaffInput): TraineeFields {
  const errors: FieldErrors = {};
  const fields = {
    firstName: validateName(input.firstName, errors, 'firstName', 'le prénom'),
    lastName: validateName(input.lastName, errors, 'lastName', 'le nom'),
    email: validateEmail(input.email, errors),
    profession: input.profession.trim(),
  };
  if (!isProfession(fields.profession)) errors.profession = 'Choisissez une profession dans la liste.';
  throwIfInvalid(errors);
  return fields;
}

export async function listStaff(database: Database, acting: Acting, employerId: string, options: { includeInactive?: boolean } = {}): Promise<Trainee[]> {
  const repos = repositoriesOn(database.db, database.dialect);
  const employer = await repos.organisations.findOrganisation('employer', employerId);
  if (!employer || !employer.funderId) throw notFound('Établissement');
  if (!can(acting.actor, 'employer.read', { type: 'employer', employerId, funderId: employer.funderId })) throw forbidden();
  return repos.trainees.listForEmployer(employerId, options);
}

export async function findStaffMember(database: Database, acting: Acting, traineeId: string): Promise<Trainee> {
  const repos = repositoriesOn(database.db, database.dialect);
  const trainee = await repos.trainees.findById(traineeId);
  if (!trainee) throw notFound('Personne');
  const employer = await repos.organisations.findOrganisation('employer', trainee.employerId);
  if (!employer?.funderId || !can(acting.actor, 'employer.read', { type: 'employer', employerId: trainee.employerId, funderId: employer.funderId })) throw notFound('Personne');
  return trainee;
}

export async function addStaffMember(database: Database, clock: Clock, acting: Acting, employerId: string, input: StaffInput): Promise<string> {
  const fields = validate(input);
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const employer = await assertManages(repos, acting, employerId);
    if (await repos.trainees.findByEmail(employerId, fields.email)) {
      throw new DomainError('CONFLICT', 'Une personne de votre personnel a déjà cette adresse : modifiez sa fiche plutôt que d’en créer une seconde.', { fields: { email: 'Adresse déjà utilisée.' } });
    }
    const id = await repos.trainees.insert(employerId, fields, at);
    await audit(repos, acting, employer.funderId, id, 'trainee.created', `Personne ajoutée : ${fields.firstName} ${fields.lastName} (${professionLabel(fields.profession)}) — ${employer.name}`, at);
    return id;
  });
}

export async function updateStaffMember(database: Database, clock: Clock, acting: Acting, traineeId: string, input: StaffInput): Promise<void> {
  const fields = validate(input);
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const trainee = await repos.trainees.findById(traineeId);
    if (!trainee) throw notFound('Personne');
    const employer = await assertManages(repos, acting, trainee.employerId);
    const sameEmail = await repos.trainees.findByEmail(trainee.employerId, fields.email);
    if (sameEmail && sameEmail.id !== traineeId) {
      throw new DomainError('CONFLICT', 'Une autre personne de votre personnel a déjà cette adresse.', { fields: { email: 'Adresse déjà utilisée.' } });
    }
    await repos.trainees.update(traineeId, fields, at);
    await audit(repos, acting, employer.funderId, traineeId, 'trainee.updated', `Fiche modifiée : ${fields.firstName} ${fields.lastName}`, at);
  });
}

export async function setStaffMemberActive(database: Database, clock: Clock, acting: Acting, traineeId: string, active: boolean): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(database, async (repos) => {
    const trainee = await repos.trainees.findById(traineeId);
    if (!trainee) throw notFound('Personne');
    const employer = await assertManages(repos, acting, trainee.employerId);
    await repos.trainees.setActive(traineeId, active, at);
    const name = `${trainee.firstName} ${trainee.lastName}`;
    await audit(repos, acting, employer.funderId, traineeId, active ? 'trainee.reactivated' : 'trainee.deactivated', `${active ? 'Réactivée' : 'Retirée du personnel'} : ${name}`, at);
  });
}

async function audit(repos: Repositories, acting: Acting, funderId: string, traineeId: string, action: string, summary: string, at: string): Promise<void> {
  await repos.audit.append({ actorUserId: actorUserId(acting), actorLabel: acting.label, ip: acting.meta.ip, action, entityType: 'trainee', entityId: traineeId, summary, funderId }, at);
}
