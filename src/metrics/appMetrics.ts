/**
 * The application's Prometheus metrics, in registries of our own (never prom-client's global
 * one), so that tests and benchmarks can build several apps in one process.
 *
 * - Process metrics (CPU, memory, event loop, GC): one registry per process, shared by every
 *   app, because they describe the process and each collector installs observers that are
 *   never removed.
 * - HTTP: counted per route *pattern*, method and status class, so ids and tokens in URLs
 *   cannot multiply the series.
 * - Registrations, outbox and job lag: read from the database at scrape time, so every
 *   instance reports the same truth without any use case knowing about metrics, and a
 *   restarted instance loses nothing.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { OperationsRepository } from '../db/repositories/operationsRepository.js';
import type { RegistrationStatus } from '../db/schema.js';
import type { Clock } from '../domain/clock.js';

/** Every status, so that a status with no registration shows 0 rather than no series. */
export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted', 'offered', 'rejected', 'expired', 'cancelled'];

/** The route label of requests that matched no route (404s of scanners, typos). */
export const UNMATCHED_ROUTE = 'unmatched';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A scrape must not hang on a stuck database: Prometheus would time out and show nothing. */
const DATABASE_TIMEOUT_MS = 2000;

let processRegistry: Registry | null = null;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface HttpObservation {
  method: string;
  /** The route pattern (`/formations/:slug`), or null when no route matched. */
  route: string | null;
  statusCode: number;
  seconds: number;
}

export class AppMetrics {
  private readonly registry = new Registry();
  /** Process and application metrics, served together. */
  private readonly served: Registry;
  private readonly operations: OperationsRepository;
  private readonly httpRequests: Counter<'method' | 'route' | 'status_class'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly databaseUp: Gauge;
  private readonly registrations: Gauge<'status'>;
  private readonly outboxPending: Gauge;
  private readonly outboxFailed: Gauge;
  private readonly outboxOldestPendingAge: Gauge;
  private readonly jobLag: Gauge<'job'>;

  constructor(
    database: Database,
    private readonly clock: Clock,
  ) {
    this.operations = new OperationsRepository(database.db, database.dialect);
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'relais_http_requests_total',
      help: 'Requêtes HTTP traitées, par route (motif), méthode et classe de statut.',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'relais_http_request_duration_seconds',
      help: 'Durée de traitement des requêtes HTTP, par route (motif), méthode et classe de statut.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.databaseUp = new Gauge({
      name: 'relais_database_up',
      help: '1 si la base a répondu lors de cette collecte, 0 sinon (les mesures lues en base sont alors absentes ou à zéro, donc sans signification).',
      registers,
    });
    this.registrations = new Gauge({
      name: 'relais_registrations',
      help: 'Inscriptions par statut, comptées en base à chaque collecte (toutes instances confondues).',
      labelNames: ['status'],
      registers,
    });
    this.outboxPending = new Gauge({
      name: 'relais_outbox_pending',
      help: 'Courriels en attente d’envoi dans l’outbox (y compris ceux qui attendent un nouvel essai).',
      registers,
    });
    this.outboxFailed = new Gauge({
      name: 'relais_outbox_failed',
      help: 'Courriels abandonnés après échecs (statut failed) : à examiner.',
      registers,
    });
    this.outboxOldestPendingAge = new Gauge({
      name: 'relais_outbox_oldest_pending_age_seconds',
      help: 'Âge du plus ancien courriel en attente d’envoi (0 si aucun).',
      registers,
    });
    this.jobLag = new Gauge({
      name: 'relais_job_lag_seconds',
      help: 'Retard des tâches de fond : outbox = depuis quand le plus ancien courriel dû attend ; offer_expiry = depuis quand la plus ancienne offre échue n’a pas été passée à la personne suivante (0 si à jour).',
      labelNames: ['job'],
      registers,
    });
    this.served = Registry.merge([processMetrics(), this.registry]);
  }

  get contentType(): string {
    return this.served.contentType;
  }

  observeHttp(observation: HttpObservation): void {
    const labels = {
      method: KNOWN_METHODS.has(observation.method) ? observation.method : 'OTHER',
      route: observation.route ?? UNMATCHED_ROUTE,
      status_class: `${Math.floor(observation.statusCode / 100)}xx`,
    };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, observation.seconds);
  }

  /** The text exposition, after reading the database figures of this scrape. */
  async render(): Promise<string> {
    await this.refreshFromDatabase();
    return this.served.metrics();
  }

  private async refreshFromDatabase(): Promise<void> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const ageOf = (iso: string | null) => (iso === null ? 0 : Math.max(0, (now.getTime() - Date.parse(iso)) / 1000));
    try {
      const [registrations, outbox, overdueOffer] = await withTimeout(
        Promise.all([this.operations.registrationsByStatus(), this.operations.outboxBacklog(nowIso), this.operations.oldestOverdueOffer(nowIso)]),
        DATABASE_TIMEOUT_MS,
      );
      for (const status of REGISTRATION_STATUSES) this.registrations.set({ status }, registrations.get(status) ?? 0);
      this.outboxPending.set(outbox.pending);
      this.outboxFailed.set(outbox.failed);
      this.outboxOldestPendingAge.set(ageOf(outbox.oldestPendingCreatedAt));
      this.jobLag.set({ job: 'outbox' }, ageOf(outbox.oldestDueAt));
      this.jobLag.set({ job: 'offer_expiry' }, ageOf(overdueOffer));
      this.databaseUp.set(1);
    } catch {
      // Stale figures would look like a healthy backlog: drop them, and say why.
      for (const gauge of [this.registrations, this.outboxPending, this.outboxFailed, this.outboxOldestPendingAge, this.jobLag]) gauge.reset();
      this.databaseUp.set(0);
    }
  }
}

/** Rejects when `promise` has not settled within `ms`; the timer never outlives the race. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
