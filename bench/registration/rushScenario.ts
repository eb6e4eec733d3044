/**
 * Part (c), the rush on SQLite: --employers member employers (own HR account, API token, one
 * person each) register at the same instant into the demo's 3 groups of 15 seats, employer n
 * into group n mod 3, each request on its own connection (../support/httpBurst.ts).
 *
 * Measured: from the first request sent until every request is answered AND every mail of
 * those registrations is in the outbox table — this process polls the count in the app's
 * SQLite file. Mails are written in the registration's own transaction, so they are expected
 * to be there as soon as the answers are; the poll checks it rather than assumes it.
 * Then the database is checked: exactly 15 confirmed per group, the rest waitlisted, one row
 * per person, seq 1…n without gaps, the confirmed ones first in seq order.
 *
 * Before the rush, the app (just started) registers people of the demo HR into a group of its
 * own for 3 s, so that the rush meets warm code like a running server, then the outbox worker
 * is left to keep those mails: the rush starts on an idle server.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { percentile } from '../support/autocannon.js';
import { burst, type BurstRequest } from '../support/httpBurst.js';
import { measureDynamic } from '../support/dynamicLoad.js';
import { readOnlySqlite } from './checks.js';
import type { Launcher } from './launcher.js';
import type { Options } from './options.js';
import { OutcomeTally, registrationStream } from './requests.js';
import { profileRegistration, type QueryProfile } from './queryProfile.js';
import { prepareRushWorld, type RushWorld } from './rushWorld.js';
import { prepareStaffWorld } from './world.js';

const POLL_MS = 5;
const WARMUP_SECONDS = 3;
const MAILS_PER_OUTCOME: Record<string, number> = { confirmed: 2, waitlisted: 1, pending: 1 };

export interface GroupCount {
  sessionId: string;
  registrations: number;
  confirmed: number;
  waitlisted: number;
  other: number;
  people: number;
  seqGaps: number;
  /** Confirmed registrations whose seq is above a waitlisted one's: FIFO broken. */
  confirmedAfterWaitlisted: number;
}

export interface RushResult {
  employers: number;
  seatsPerGroup: number;
  setupSeconds: number;
  /** First request sent → every answer in and every mail row in the outbox. */
  totalMs: number;
  answersMs: number;
  mailsMs: number;
  /** Time this process took to hand every request to the socket layer. */
  dispatchMs: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  statuses: Record<string, number>;
  failed: number;
  firstFailure: string | null;
  outcomes: Record<string, number>;
  mailsExpected: number;
  mailsSeen: number;
  groups: GroupCount[];
  overbooked: boolean;
  exactlyFull: boolean;
  /** Everyone else waitlisted, one row per person, seq without gaps, confirmed ones first. */
  consistent: boolean;
  warmupRegistrations: number;
  /** A registration into a full group with a never-used token, traced after the rush. */
  profile: QueryProfile | null;
}

export async function runRushScenario(options: Options, launcher: Launcher, dir: string, log: (message: string) => void): Promise<RushResult> {
  const file = join(dir, 'rush.db');
  const started = performance.now();
  const database = openDatabase({ kind: 'sqlite', url: `sqlite:${file}`, filename: file });
  let warmWorld: Awaited<ReturnType<typeof prepareStaffWorld>>;
  let world: Awaited<ReturnType<typeof prepareRushWorld>>;
  try {
    await migrateToLatest(database);
    warmWorld = await prepareStaffWorld(database, systemClock, { groups: 1, capacity: options.capacity, trainees: 5000 });
    // The extra employers take no part in the rush: they are the profile's, afterwards.
    world = await prepareRushWorld(database, systemClock, options.employers + options.profileRuns);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
  } finally {
    await database.close();
  }
  const setupSeconds = (performance.now() - started) / 1000;
  const rushClients = world.clients.slice(0, options.employers);
  log(`ruée prête en ${setupSeconds.toFixed(1)} s : ${rushClients.length} établissements, 3 groupes de ${world.seatsPerGroup} places.`);

  const app = await launcher.start('application SQLite (ruée)', new URL('./appServer.ts', import.meta.url), [`sqlite:${file}`, String(options.poolSize), options.workers ? 'on' : 'off'], { profile: true });
  const reader = readOnlySqlite(file);
  let measured: Omit<RushResult, 'profile'>;
  try {
    // Warm code, then a quiet outbox: the rush starts on a running, idle server.
    const warmTally = new OutcomeTally();
    const warm = registrationStream({ token: warmWorld.token, groupIds: warmWorld.groupIds, traineeIds: warmWorld.traineeIds, keyPrefix: `warm-${process.pid}` });
    const warmed = await measureDynamic({ name: 'chauffe', origin: app.origin, next: () => warm.next(), onBody: (status, body) => warmTally.record(status, body) }, { connections: options.connections, durationSeconds: WARMUP_SECONDS });
    if (warmTally.firstRefusal) throw new Error(`chauffe de la ruée : ${warmTally.firstRefusal}`);
    await waitForQuiet(reader, options.workers);
    log(`chauffe : ${warmed.successes} inscriptions dans un autre groupe, courriels traités.`);

    // The rush's people and HR contacts all have addresses @banc.example (rushWorld.ts).
    const registrationMails = reader.prepare("SELECT count(*) AS total FROM outbox WHERE kind LIKE 'registration.%' AND recipient LIKE '%@banc.example'");
    const mailCount = () => (registrationMails.get() as { total: number }).total;
    const mailsBefore = mailCount();
    const requests: BurstRequest[] = rushClients.map((client, index) => ({
      method: 'POST',
      path: `/api/v1/sessions/${client.sessionId}/registrations`,
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json', 'idempotency-key': `rush-${process.pid}-${index}` },
      body: JSON.stringify({ people: [{ traineeId: client.traineeId }] }),
    }));

    log(`ruée : ${requests.length} demandes d’un coup…`);
    const tally = new OutcomeTally();
    let answered = 0;
    let mailsSeen = 0;
    let mailsSeenAtMs = Number.NaN;
    let mailsExpected = Number.NaN;
    const result = await (async () => {
      const pending = burst(app.origin, requests, (answer) => {
        tally.record(answer.statusCode, answer.body);
        answered += 1;
      });
      // Poll the outbox while the answers come in; stop once all answered and all mails seen.
      const poll = (async () => {
        let giveUpAt = Number.POSITIVE_INFINITY;
        for (;;) {
          const allAnswered = answered === requests.length;
          if (allAnswered && Number.isNaN(mailsExpected)) {
            mailsExpected = Object.entries(tally.outcomes).reduce((sum, [status, count]) => sum + (MAILS_PER_OUTCOME[status] ?? 0) * count, 0);
            giveUpAt = performance.now() + 30_000;
          }
          mailsSeen = mailCount() - mailsBefore;
          if (allAnswered && mailsSeen >= mailsExpected) {
            mailsSeenAtMs = performance.now();
            return;
          }
          if (performance.now() > giveUpAt) throw new Error(`courriels manquants 30 s après la dernière réponse : ${mailsSeen} sur ${mailsExpected}`);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      })();
      const [outcome] = await Promise.all([pending, poll]);
      return outcome;
    })();

    const latencies = result.answers.map((answer) => answer.latencyMs).sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    for (const answer of result.answers) statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
    const failures = result.answers.filter((answer) => answer.statusCode !== 201);
    const groups = world.demoGroupIds.map((sessionId) => countGroup(reader, sessionId));
    const answersMs = result.lastAnswerAtMs - result.startedAtMs;
    const mailsMs = mailsSeenAtMs - result.startedAtMs;
    measured = {
      employers: rushClients.length,
      seatsPerGroup: world.seatsPerGroup,
      setupSeconds,
      totalMs: Math.max(answersMs, mailsMs),
      answersMs,
      mailsMs,
      dispatchMs: result.dispatchedAtMs - result.startedAtMs,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? 0 },
      statuses,
      failed: failures.length,
      firstFailure: failures[0] ? `${failures[0].statusCode} ${failures[0].error ?? failures[0].body.slice(0, 300)}` : null,
      outcomes: tally.outcomes,
      mailsExpected,
      mailsSeen,
      groups,
      overbooked: groups.some((group) => group.confirmed > world.seatsPerGroup),
      exactlyFull: groups.every((group) => group.confirmed === world.seatsPerGroup),
      consistent: groups.every((group) => group.other === 0 && group.people === group.registrations && group.seqGaps === 0 && group.confirmedAfterWaitlisted === 0),
      warmupRegistrations: warmed.successes,
    };
  } finally {
    reader.close();
    await launcher.stop(app);
  }
  const profile = options.profileRuns > 0 ? await profileWaitlisted(file, world, options.employers) : null;
  if (profile) log(`profil (liste d’attente, jeton neuf) : ${profile.statements.total} requêtes SQL par inscription, dont ${profile.statements.underLock} sous le verrou (${profile.lockHeldMs.toFixed(2)} ms).`);
  return { ...measured, profile };
}

/**
 * After the rush, with the app stopped: employers never seen before register into a full
 * group — a fresh token (its first use is recorded) and the waitlist path, as in the rush.
 */
async function profileWaitlisted(file: string, world: RushWorld, employers: number): Promise<QueryProfile | null> {
  const runs = world.clients.slice(employers).map((client) => ({ token: client.token, traineeId: client.traineeId }));
  const sessionId = world.demoGroupIds[0];
  if (runs.length === 0 || !sessionId) return null;
  return profileRegistration({ dialect: 'sqlite', filename: file }, { sessionId, runs });
}

/**
 * autocannon stops at the end of the warm-up without waiting for the requests in flight: wait
 * until no registration has been written for 200 ms and (worker on) no mail is pending.
 */
async function waitForQuiet(reader: ReturnType<typeof readOnlySqlite>, workers: boolean): Promise<void> {
  const state = reader.prepare("SELECT (SELECT count(*) FROM registrations) AS registrations, (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending");
  let previous = -1;
  let stableSince = performance.now();
  const deadline = performance.now() + 60_000;
  for (;;) {
    const { registrations, pending } = state.get() as { registrations: number; pending: number };
    if (registrations !== previous) {
      previous = registrations;
      stableSince = performance.now();
    }
    if (performance.now() - stableSince >= 200 && (!workers || pending === 0)) return;
    if (performance.now() > deadline) throw new Error('la chauffe de la ruée ne s’est pas terminée (inscriptions ou courriels encore en cours après 60 s)');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function countGroup(reader: ReturnType<typeof readOnlySqlite>, sessionId: string): GroupCount {
  const row = reader
    .prepare(
      `SELECT count(*) AS registrations,
              coalesce(sum(status = 'confirmed'), 0) AS confirmed,
              coalesce(sum(status = 'waitlisted'), 0) AS waitlisted,
              count(DISTINCT trainee_id) AS people,
              coalesce(max(seq), 0) AS max_seq,
              coalesce(min(seq), 1) AS min_seq
         FROM registrations WHERE session_id = ?`,
    )
    .get(sessionId) as { registrations: number; confirmed: number; waitlisted: number; people: number; max_seq: number; min_seq: number };
  const fifo = reader
    .prepare(
      `SELECT count(*) AS total FROM registrations c
        WHERE c.session_id = ? AND c.status = 'confirmed'
          AND EXISTS (SELECT 1 FROM registrations w WHERE w.session_id = c.session_id AND w.status = 'waitlisted' AND w.seq < c.seq)`,
    )
    .get(sessionId) as { total: number };
  return {
    sessionId,
    registrations: row.registrations,
    confirmed: row.confirmed,
    waitlisted: row.waitlisted,
    other: row.registrations - row.confirmed - row.waitlisted,
    people: row.people,
    seqGaps: row.max_seq - row.min_seq + 1 - row.registrations,
    confirmedAfterWaitlisted: fifo.total,
  };
}
