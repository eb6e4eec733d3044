/**
 * Two real app instances (child processes) on one database race for the seats of one group,
 * as behind a load balancer: the group lock (db/locking.ts) must hold across processes, the
 * seq must give the waitlist its FIFO order, and offers must go to the first waiting people
 * whatever instance answers. No timings are asserted: only what the database ends up holding
 * and what every request was answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { ApiClient, inPool, type ApiAnswer } from '../support/apiClient.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { buildCrowd, type Crowd } from '../support/registrationCrowd.js';
import { buildRegistrationWorld } from '../support/registrationWorld.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const CAPACITY = 15;
const RUSH = 500;
const NEWCOMERS = 50;
const CANCELLED = 5;
/** Newcomers sent twice at once (two keys, two instances): one registration each, one refusal. */
const DOUBLED = 10;
/** Requests in flight per instance at once: enough to race, few enough not to exhaust sockets. */
const IN_FLIGHT = 100;
/** Offers answered with a possible decline; later ones are accepted, so the round ends. */
const CONTESTED_OFFERS = 12;

interface Outcome {
  registrationId: string;
  traineeId: string;
  status: string;
  waitlistPosition: number | null;
}

interface RegisterBody {
  outcomes: Outcome[];
  replayed: boolean;
}

type Plan = 'accept_twice' | 'decline_twice' | 'accept_or_decline';

interface Contest {
  registrationId: string;
  plan: Plan;
  answers: [ApiAnswer, ApiAnswer];
}

/** A promise and whether it has settled yet. */
interface Settling<T> {
  promise: Promise<T>;
  settled(): boolean;
}

const HELD = ['confirmed', 'pending', 'offered'] as const;
const ACTIVE = ['confirmed', 'pending', 'offered', 'waitlisted'] as const;

describe.each(TEST_DIALECTS)(
  'registration races between two app instances on %s',
  { timeout: 120_000 },
  (dialect) => {
    let test: TestDatabase;
    let crowd: Crowd;
    let groupId: string;
    let instances: AppProcess[] = [];
    let clients: ApiClient[] = [];

    const rows = () =>
      test.database.db.selectFrom('registrations').select(['id', 'trainee_id', 'status', 'seq', 'requested_at', 'cancel_reason']).where('session_id', '=', groupId).orderBy('seq').execute();
    const clientFor = (index: number) => clients[index % 2] as ApiClient;
    const register = (index: number, person: Crowd['people'][number], key: string) =>
      clientFor(index).post(`/api/v1/sessions/${groupId}/registrations`, person.token, { people: [{ traineeId: person.traineeId }] }, { 'idempotency-key': key });

    beforeAll(async () => {
      test = await createTestDatabase(dialect);
      // The real clock: the instances use it too, and the demo groups are weeks ahead.
      const world = await buildRegistrationWorld(test.database, systemClock);
      groupId = world.moduleOne.groupIds[0] ?? '';
      await world.setCapacity(groupId, CAPACITY);
      crowd = await buildCrowd(test.database, systemClock, world, { employers: 5, peoplePerEmployer: (RUSH + NEWCOMERS) / 5 });
      instances = await Promise.all(['A', 'B'].map((name) => startAppProcess({ name: `instance ${name} (${dialect})`, databaseUrl: test.url })));
      clients = instances.map((instance) => new ApiClient(instance.origin, IN_FLIGHT));
    }, 120_000);

    afterAll(async () => {
      for (const client of clients) client.close();
      await Promise.all(instances.map((instance) => instance.kill()));
      await test?.cleanup();
    });

    it('gives the seats to the first decided and waitlists the others in order, whichever instance answers', async () => {
      const rush = crowd.people.slice(0, RUSH);
      const answers = await inPool(rush, 2 * IN_FLIGHT, (person, index) => register(index, person, `rush-${index}-${person.traineeId}`));

      const failures = answers.map((answer, index) => ({ index, answer, output: instances[index % 2]?.output() })).filter(({ answer }) => answer.status !== 201);
      expect(failures.slice(0, 3), `${failures.length} answers were not 201`).toEqual([]);
      const outcomes = answers.map((answer, index) => {
        const body = answer.body as RegisterBody;
        expect(body.replayed).toBe(false);
        expect(body.outcomes.map((outcome) => outcome.traineeId)).toEqual([rush[index]?.traineeId]);
        return body.outcomes[0] as Outcome;
      });

      const stored = await rows();
      expect(stored).toHaveLength(RUSH);
      expect(new Set(stored.map((row) => row.trainee_id)).size).toBe(RUSH);
      expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: RUSH }, (_, index) => index + 1));
      expect(stored.filter((row) => row.status === 'confirmed').map((row) => row.seq)).toEqual(Array.from({ length: CAPACITY }, (_, index) => index + 1));
      expect(stored.filter((row) => row.status === 'waitlisted')).toHaveLength(RUSH - CAPACITY);
      // Decided in seq order under the lock: the decision instants follow it (both instances share the machine's clock).
      const instants = stored.map((row) => row.requested_at);
      expect(instants).toEqual([...instants].sort());

      // Each answer told the truth, and nobody left the waitlist during the rush: position = seq − capacity.
      const seqOf = new Map(stored.map((row) => [row.id, row.seq]));
      const statusOf = new Map(stored.map((row) => [row.id, row.status]));
      for (const outcome of outcomes) {
        const seq = seqOf.get(outcome.registrationId) ?? 0;
        expect(outcome.status).toBe(statusOf.get(outcome.registrationId));
        expect(outcome.waitlistPosition).toBe(outcome.status === 'waitlisted' ? seq - CAPACITY : null);
      }
    });

    it('keeps the seats counted while cancellations, new registrations and offer answers race', async () => {
      const before = await rows();
      const initialWaitlist = before.filter((row) => row.status === 'waitlisted').map((row) => row.seq);
      const cancelled = before.filter((row) => row.status === 'confirmed').filter((_, index) => index % 3 === 0).slice(0, CANCELLED);
      expect(cancelled).toHaveLength(CANCELLED);

      const sampler = sampleHeldSeats();
      const newcomers = crowd.people.slice(RUSH);
      const registerNewcomers = (from: number, to: number) => inPool(newcomers.slice(from, to), 2 * IN_FLIGHT, (person, index) => register(from + index, person, `late-${from + index}-${person.traineeId}`));
      // Half the newcomers come with the cancellations, the other half once offers are out, so
      // that they race with the answers too.
      const firstWave = settling(
        Promise.all([Promise.all(cancelled.map((row, index) => clientFor(index).post(`/api/v1/registrations/${row.id}/cancel`, crowd.tokenOf(row.trainee_id), {}))), registerNewcomers(0, NEWCOMERS / 2)]),
      );
      // Some of the second half are also sent a second time at once, with another key, through the other instance.
      const doubled = newcomers.slice(NEWCOMERS / 2, NEWCOMERS / 2 + DOUBLED);
      const registerDoubles = () => Promise.all(doubled.map((person, index) => register(NEWCOMERS / 2 + index + 1, person, `again-${index}-${person.traineeId}`)));
      const waves: { second: Settling<[ApiAnswer[], ApiAnswer[]]> | null } = { second: null };
      const contests = await answerOffersUntilSettled(
        () => {
          waves.second ??= settling(Promise.all([registerNewcomers(NEWCOMERS / 2, NEWCOMERS), registerDoubles()]));
        },
        () => firstWave.settled() && waves.second !== null && waves.second.settled(),
      );
      const [cancelAnswers, firstNewcomers] = await firstWave.promise;
      const [secondNewcomers, doubleAnswers] = (await waves.second?.promise) ?? [[], []];
      const maxHeld = await sampler.stop();

      expect(cancelAnswers.map((answer) => [answer.status, answer.body])).toEqual(cancelled.map((row) => [200, { registrationId: row.id, late: false }]));
      // Of the same person sent twice at once, one request registers and the other is refused.
      const newcomerAnswers = [...firstNewcomers, ...secondNewcomers];
      const pairs = doubled.map((_, index) => [newcomerAnswers[NEWCOMERS / 2 + index] as ApiAnswer, doubleAnswers[index] as ApiAnswer]);
      expect(pairs.map((pair) => pair.map((answer) => answer.status).sort())).toEqual(doubled.map(() => [201, 409]));
      expect(pairs.map((pair) => (pair.find((answer) => answer.status === 409)?.body as { error: { code: string } }).error.code)).toEqual(doubled.map(() => 'ALREADY_REGISTERED'));
      const registered = pairs.map((pair) => pair.find((answer) => answer.status === 201) as ApiAnswer);
      const others = newcomerAnswers.filter((_, index) => index < NEWCOMERS / 2 || index >= NEWCOMERS / 2 + DOUBLED);
      expect(others.filter((answer) => answer.status !== 201)).toEqual([]);
      // Newcomers never pass the waitlist: every free seat was already offered to someone waiting.
      expect([...others, ...registered].map((answer) => (answer.body as RegisterBody).outcomes[0]?.status)).toEqual(Array(NEWCOMERS).fill('waitlisted'));

      // Of two answers sent at once to the same offer through both instances, exactly one wins; the other is told 410.
      let declined = 0;
      for (const contest of contests) {
        const statuses = contest.answers.map((answer) => answer.status).sort();
        expect(statuses, `offer ${contest.registrationId} (${contest.plan}): ${JSON.stringify(contest.answers)}`).toEqual([200, 410]);
        const loser = contest.answers.find((answer) => answer.status === 410);
        expect((loser?.body as { error: { code: string } }).error.code).toBe('OFFER_UNAVAILABLE');
        const winner = contest.answers.find((answer) => answer.status === 200)?.body as { registrationId: string; status: string };
        if (winner.status === 'cancelled') declined += 1;
      }

      const after = await rows();
      const count = (statuses: readonly string[]) => after.filter((row) => statuses.includes(row.status)).length;
      expect(maxHeld).toBeLessThanOrEqual(CAPACITY);
      // No free seat is left while people wait, and no offer is left unanswered.
      expect(count(HELD)).toBe(CAPACITY);
      expect(count(['offered'])).toBe(0);
      expect(after.map((row) => row.seq)).toEqual(Array.from({ length: RUSH + NEWCOMERS }, (_, index) => index + 1));
      const activeTrainees = after.filter((row) => (ACTIVE as readonly string[]).includes(row.status)).map((row) => row.trainee_id);
      expect(new Set(activeTrainees).size).toBe(activeTrainees.length);
      expect(after.filter((row) => row.cancel_reason === 'employer').map((row) => row.id)).toEqual(cancelled.map((row) => row.id));

      // FIFO: the people offered a seat are exactly the first of the waitlist, one per freed seat or declined offer.
      const everOffered = after.filter((row) => row.seq > CAPACITY && (row.status === 'confirmed' || row.cancel_reason === 'offer_declined')).map((row) => row.seq);
      expect(contests).toHaveLength(CANCELLED + declined);
      expect(everOffered).toEqual(initialWaitlist.slice(0, CANCELLED + declined));
      expect(new Set(contests.map((contest) => contest.registrationId))).toEqual(new Set(after.filter((row) => everOffered.includes(row.seq)).map((row) => row.id)));

      // Each offer and each confirmation left its mail in the outbox, once.
      const mails = await test.database.db.selectFrom('outbox').select(['kind', 'dedupe_key']).execute();
      expect(mails.filter((mail) => mail.kind === 'registration.offer')).toHaveLength(CANCELLED + declined);
      const convocations = mails.filter((mail) => mail.kind === 'registration.convocation').map((mail) => mail.dedupe_key);
      expect(convocations.sort()).toEqual(after.filter((row) => row.status === 'confirmed' || row.cancel_reason === 'employer').map((row) => `convocation:${row.id}`).sort());

      // The API reads back what the database holds, from either instance.
      const employer = crowd.employers[0];
      const listed = await clientFor(1).get(`/api/v1/sessions/${groupId}/registrations`, employer?.token ?? '');
      expect(listed.status).toBe(200);
      const ownRows = after.filter((row) => employer?.people.some((person) => person.traineeId === row.trainee_id));
      const items = (listed.body as { items: Array<{ id: string; status: string }> }).items;
      expect(new Map(items.map((item) => [item.id, item.status]))).toEqual(new Map(ownRows.map((row) => [row.id, row.status])));
    });

    /**
     * Answers every offer as soon as it appears in the database: the same offer twice at once,
     * once through each instance. The first offers may be declined (the seat then passes on),
     * the later ones are accepted, so the round ends. Resolves once the other work is done, no
     * answer is in flight and no offer is left.
     */
    async function answerOffersUntilSettled(onOffers: () => void, othersDone: () => boolean): Promise<Contest[]> {
      const seen = new Set<string>();
      const contests: Contest[] = [];
      const started: Array<Promise<void>> = [];
      let answering = 0;
      for (;;) {
        const finished = othersDone() && answering === 0;
        const offered = await test.database.db.selectFrom('registrations').select(['id', 'trainee_id']).where('session_id', '=', groupId).where('status', '=', 'offered').orderBy('seq').execute();
        if (finished && offered.length === 0) {
          // Rethrows what went wrong in an answer's bookkeeping rather than losing it.
          await Promise.all(started);
          return contests;
        }
        if (offered.length > 0) onOffers();
        for (const offer of offered.filter((each) => !seen.has(each.id))) {
          seen.add(offer.id);
          const plan = planFor(seen.size - 1);
          const token = crowd.tokenOf(offer.trainee_id);
          const [first, second] = plan === 'accept_twice' ? ['accept', 'accept'] : plan === 'decline_twice' ? ['decline', 'decline'] : ['accept', 'decline'];
          // Which instance gets which answer changes from one offer to the next.
          const side = seen.size;
          answering += 1;
          started.push(
            Promise.all([clientFor(side).post(`/api/v1/offers/${offer.id}/${first}`, token, {}), clientFor(side + 1).post(`/api/v1/offers/${offer.id}/${second}`, token, {})])
              .then((answers) => {
                contests.push({ registrationId: offer.id, plan, answers });
              })
              .finally(() => {
                answering -= 1;
              }),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    function settling<T>(promise: Promise<T>): Settling<T> {
      let done = false;
      const tracked = promise.finally(() => {
        done = true;
      });
      return { promise: tracked, settled: () => done };
    }

    function planFor(index: number): Plan {
      if (index >= CONTESTED_OFFERS) return 'accept_twice';
      return (['accept_twice', 'decline_twice', 'accept_or_decline'] as const)[index % 3] ?? 'accept_twice';
    }

    /** Counts the seats held in one statement (one snapshot) again and again, and keeps the highest. */
    function sampleHeldSeats(): { stop(): Promise<number> } {
      let running = true;
      let max = 0;
      const loop = (async () => {
        while (running) {
          const row = await test.database.db
            .selectFrom('registrations')
            .select((eb) => eb.fn.countAll<number>().as('held'))
            .where('session_id', '=', groupId)
            .where('status', 'in', HELD)
            .executeTakeFirstOrThrow();
          max = Math.max(max, Number(row.held));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          return max;
        },
      };
    }
  },
);
