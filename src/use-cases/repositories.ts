/**
 * The repositories bound to one connection or one transaction. A use case opens its
 * transaction and builds them on it, so everything it writes commits or rolls back together.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '../db/database.js';
import { ApiTokenRepository } from '../db/repositories/apiTokenRepository.js';
import { AuditRepository } from '../db/repositories/auditRepository.js';
import { CatalogueRepository } from '../db/repositories/catalogueRepository.js';
import { LoginAttemptRepository } from '../db/repositories/loginAttemptRepository.js';
import { OneTimeTokenRepository } from '../db/repositories/oneTimeTokenRepository.js';
import { OutboxRepository } from '../db/repositories/outboxRepository.js';
import { SessionRepository } from '../db/repositories/sessionRepository.js';
import { UserRepository } from '../db/repositories/userRepository.js';
import { OrganisationDirectoryRepository } from '../db/repositories/organisationDirectoryRepository.js';
import { OrganisationRepository } from '../db/repositories/organisationRepository.js';
import { RetentionRepository } from '../db/repositories/retentionRepository.js';
import { SearchIndexRepository } from '../db/repositories/searchIndexRepository.js';
import { TrainingRepository } from '../db/repositories/trainingRepository.js';
import type { Schema } from '../db/schema.js';
import { GroupRepository } from '../db/repositories/groupRepository.js';
import { IdempotencyRepository } from '../db/repositories/idempotencyRepository.js';
import { RegistrationRepository } from '../db/repositories/registrationRepository.js';
import { TraineeRepository } from '../db/repositories/traineeRepository.js';
import { SteeringRepository } from '../db/repositories/steeringRepository.js';

export interface Repositories {
  organisations: OrganisationRepository;
  directory: OrganisationDirectoryRepository;
  trainings: TrainingRepository;
  searchIndex: SearchIndexRepository;
  catalogue: CatalogueRepository;
  users: UserRepository;
  sessions: SessionRepository;
  oneTimeTokens: OneTimeTokenRepository;
  apiTokens: ApiTokenRepository;
  audit: AuditRepository;
  loginAttempts: LoginAttemptRepository;
  outbox: OutboxRepository;
  retention: RetentionRepository;
  trainees: TraineeRepository;
  registrations: RegistrationRepository;
  idempotency: IdempotencyRepository;
  groups: GroupRepository;
  steering: SteeringRepository;
}

export function repositoriesOn(db: Kysely<Schema>, dialect: DialectName): Repositories {
  return {
    organisations: new OrganisationRepository(db),
    directory: new OrganisationDirectoryRepository(db),
    trainings: new TrainingRepository(db),
    searchIndex: new SearchIndexRepository(db, dialect),
    catalogue: new CatalogueRepository(db, dialect),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    oneTimeTokens: new OneTimeTokenRepository(db),
    apiTokens: new ApiTokenRepository(db),
    audit: new AuditRepository(db),
    loginAttempts: new LoginAttemptRepository(db),
    outbox: new OutboxRepository(db, dialect),
    retention: new RetentionRepository(db),
    trainees: new TraineeRepository(db),
    registrations: new RegistrationRepository(db),
    idempotency: new IdempotencyRepository(db),
    groups: new GroupRepository(db),
    steering: new SteeringRepository(db),
  };
}

/** Runs `work` in one transaction with repositories bound to it. */
export function inTransaction<T>(database: Database, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return database.db.transaction().execute((trx) => work(repositoriesOn(trx, database.dialect)));
}
