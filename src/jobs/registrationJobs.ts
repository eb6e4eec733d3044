/**
 * The registration jobs, run every minute by every instance (each step is safe to run twice
 * or concurrently: group locks, guarded transitions and mail dedupe keys):
 * - offers past their expiry pass to the next waitlisted person, and free seats (a lifted
 *   fair-share cap, a seat freed by a crash between two transactions) go to the waitlist;
 * - the 7-day reminder of confirmed trainees;
 * - « maintien ou annulation »: groups under their minimum near their start are flagged and
 *   the funder's staff are asked to decide;
 * - idempotency keys older than a week are forgotten.
 */
import type { Database } from '../db/database.js';
import { addDays, parisDateOf } from '../domain/dates/calendarDate.js';
import type { Clock } from '../domain/clock.js';
import { minimumSizeAlertMail, reminderMail } from '../notifications/registrationMails.js';
import { repositoriesOn } from '../use-cases/repositories.js';
import { noticeContext, settleGroups, type RegistrationDeps } from '../use-cases/registrations/seatRecipe.js';
import { scheduleText } from '../use-cases/registrations/registrationNotices.js';

export interface RegistrationJobsResult {
  offered: number;
  reminders: number;
  alerts: number;
}

export interface JobLogger {
  error(details: object, message: string): void;
}

const REMINDER_DAYS = 7;
const IDEMPOTENCY_KEY_DAYS = 7;

export async function runRegistrationJobs(deps: RegistrationDeps): Promise<RegistrationJobsResult> {
  const repos = repositoriesOn(deps.database.db, deps.database.dialect);
  const now = deps.clock.now();
  const due = await repos.registrations.dueOffers(now.toISOString());
  const waiting = await repos.registrations.groupsWithWaitlist();
  const offered = await settleGroups(deps, [...due.map((offer) => offer.sessionId), ...waiting]);
  // A client retries within minutes, at worst days: a week of keys answers every retry.
  await repos.idempotency.purgeBefore(new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000).toISOString());
  return { offered, reminders: await sendReminders(deps, now), alerts: await alertBelowMinimum(deps, now) };
}

async function sendReminders(deps: RegistrationDeps, now: Date): Promise<number> {
  const repos = repositoriesOn(deps.database.db, deps.database.dialect);
  const today = parisDateOf(now);
  const rows = await repos.groups.confirmedStartingBetween(addDays(today, 1), addDays(today, REMINDER_DAYS));
  let sent = 0;
  const bySession = new Map<string, string[]>();
  for (const row of rows) bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row.registrationId]);
  for (const [sessionId, ids] of bySession) {
    const facts = await repos.registrations.groupFacts(sessionId);
    if (!facts) continue;
    const context = noticeContext(repos, facts, deps, now);
    const schedule = await scheduleText(context);
    const contacts = await repos.registrations.contactsOf(ids);
    const group = { trainingTitle: facts.trainingTitle, label: facts.label, city: facts.city, dates: (context.days ?? []).map((day) => day.date) };
    for (const id of ids) {
      const contact = contacts.get(id);
      if (!contact) continue;
      const mail = reminderMail({ traineeName: contact.traineeName, group, schedule, venue: [facts.venueName, facts.city].filter(Boolean).join(', ') });
      // The dedupe key makes the reminder go once, whichever instance or run gets there first.
      const id2 = await repos.outbox.enqueue({ kind: 'registration.reminder', recipient: contact.traineeEmail, subject: mail.subject, text: mail.text, dedupeKey: `reminder:${id}`, funderId: facts.funderId }, now);
      if (id2) sent += 1;
    }
  }
  return sent;
}

async function alertBelowMinimum(deps: RegistrationDeps, now: Date): Promise<number> {
  const repos = repositoriesOn(deps.database.db, deps.database.dialect);
  const groups = await repos.groups.belowMinimum(parisDateOf(now), { onlyNotAlerted: true });
  let alerts = 0;
  for (const group of groups) {
    const facts = await repos.registrations.groupFacts(group.sessionId);
    if (!facts) continue;
    const days = await repos.registrations.daysOf(group.sessionId);
    const link = new URL(`/pilotage/groupes/${group.sessionId}`, deps.config.baseUrl).toString();
    const mail = minimumSizeAlertMail({ group: { trainingTitle: facts.trainingTitle, label: facts.label, city: facts.city, dates: days.map((day) => day.date) }, confirmed: group.confirmed, minimum: group.minTrainees, link });
    const at = now.toISOString();
    await deps.database.db.transaction().execute(async (trx) => {
      const txRepos = repositoriesOn(trx, deps.database.dialect);
      if (!(await txRepos.groups.markMinSizeAlerted(group.sessionId, at))) return;
      for (const email of await txRepos.groups.funderStaffEmails(group.funderId)) {
        await txRepos.outbox.enqueue({ kind: 'group.minimum_alert', recipient: email, subject: mail.subject, text: mail.text, dedupeKey: `minimum:${group.sessionId}:${email}`, funderId: group.funderId }, now);
      }
      alerts += 1;
    });
  }
  return alerts;
}

/** Runs the jobs every `intervalMs` until stopped; a failed run is logged and retried next time. */
export class RegistrationJobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: { database: Database; clock: Clock; config: { baseUrl: URL } },
    private readonly options: { intervalMs?: number; logger?: JobLogger } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running ??= runRegistrationJobs(this.deps)
        .then(() => undefined)
        .catch((error: unknown) => this.options.logger?.error({ err: error }, 'Tâches d’inscription : échec, nouvel essai à la prochaine minute'))
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 60_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
