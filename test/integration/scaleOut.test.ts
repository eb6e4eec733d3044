/**
 * Scale-out: two real app instances (child processes) on one database, each sending the
 * outbox to its own SMTP server, as two machines behind a load balancer would.
 *
 * (a) The registration jobs run on every instance (REGISTRATION_JOBS_SECONDS=1 here, 60 in
 *     production). Offers are made through the API, then their deadline is moved into the
 *     past while both instances are paused (SIGSTOP): resumed together (SIGCONT), both find
 *     their job timer overdue and run the jobs over the same offers at the same moment. Each
 *     offer must expire once, each next person be offered once, each mail reach a server once.
 * (b) Graceful shutdown: SIGTERM reaches one instance while 50 requests are inside it (their
 *     headers answered « 100 Continue », their bodies not yet sent) and while its outbox
 *     worker is in the middle of a mail. The listener must close at once, every one of the 50
 *     get a complete 2xx answer, the process exit 0 although the client keeps its kept-alive
 *     sockets open (as nginx does), and the mails it had claimed be sent or given back.
 *
 * Nothing is timed but the waits themselves: every assertion is about answers, rows and mails.
 */
import { request as httpRequest, Agent, type ClientRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { outboxMessageId } from '../../src/mail/mailTransport.js';
import { ApiClient, inPool, type ApiAnswer } from '../support/apiClient.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { buildCrowd, type Crowd } from '../support/registrationCrowd.js';
import { buildRegistrationWorld } from '../support/registrationWorld.js';
import { parseMessage, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtpServer.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const MAIL_FROM = 'Relais <ne-pas-repondre@relais.test>';
/** Seats per group, and how many of them are cancelled to start the offers. */
const CAPACITY = 3;
const CANCELLED = 2;
/** People waiting per group: offered CANCELLED at a time, one more left waiting at the end. */
const WAITING = 3 * CANCELLED + CANCELLED + 1;
/** Times the live offers are made to expire under both instances' jobs. */
const EXPIRY_ROUNDS = 3;
const IN_FLIGHT = 50;
/** Registrations made to get the instance's outbox worker busy before SIGTERM (a few batches). */
const MAIL_MAKERS = 20;
const WAIT_MS = 20_000;
/** SIGTERM to exit: a hang (a kept-alive socket, a timer) shows as a failure, not as a slow pass. */
const SHUTDOWN_LIMIT_MS = 15_000;

interface Outcome {
  registrationId: string;
  traineeId: string;
  status: string;
}

interface Person {
  traineeId: string;
  name: string;
  token: string;
}

describe.each(TEST_DIALECTS)('two app instances on one %s database', { timeout: 60_000 }, (dialect) => {
  let test: TestDatabase;
  let crowd: Crowd;
  let groupIds: string[];
  /** A sends through the gated server (to hold a mail mid-send), B through a plain one. */
  let gated: GatedSmtpServer;
  let plain: TestSmtpServer;
  let instanceA: AppProcess;
  let instanceB: AppProcess;
  let clientA: ApiClient;
  let clientB: ApiClient;
  let nextPerson = 0;

  const takePeople = (count: number): Person[] => {
    const people = crowd.people.slice(nextPerson, nextPerson + count);
    if (people.length < count) throw new Error('crowd too small for this test');
    nextPerson += count;
    return people.map((person) => ({ traineeId: person.traineeId, name: person.name, token: person.token }));
  };
  const register = (client: ApiClient, groupId: string, person: Person, key: string) =>
    client.post(`/api/v1/sessions/${groupId}/registrations`, person.token, { people: [{ traineeId: person.traineeId }] }, { 'idempotency-key': key });
  const outboxRows = () => test.database.db.selectFrom('outbox').select(['id', 'kind', 'recipient', 'subject', 'status', 'claimed_until']).execute();
  const allReceived = () => [...gated.received, ...plain.received];
  const outputs = () => `--- A ---\n${instanceA.output()}\n--- B ---\n${instanceB.output()}`;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    // The real clock: the instances use it too, and the demo groups are weeks ahead.
    const world = await buildRegistrationWorld(test.database, systemClock);
    groupIds = world.moduleOne.groupIds;
    for (const groupId of groupIds) await world.setCapacity(groupId, CAPACITY);
    const needed = groupIds.length * (CAPACITY + WAITING) + IN_FLIGHT + 5 * MAIL_MAKERS;
    crowd = await buildCrowd(test.database, systemClock, world, { employers: 3, peoplePerEmployer: Math.ceil(needed / 3) });
    [gated, plain] = await Promise.all([startGatedSmtpServer(), startSmtpServer()]);
    const env = { REGISTRATION_JOBS_SECONDS: '1' };
    [instanceA, instanceB] = await Promise.all([
      startAppProcess({ name: `instance A (${dialect})`, databaseUrl: test.url, smtpUrl: gated.url, mailFrom: MAIL_FROM, env }),
      startAppProcess({ name: `instance B (${dialect})`, databaseUrl: test.url, smtpUrl: plain.url, mailFrom: MAIL_FROM, env }),
    ]);
    clientA = new ApiClient(instanceA.origin, 20);
    clientB = new ApiClient(instanceB.origin, 20);
  }, 60_000);

  afterAll(async () => {
    clientA?.close();
    clientB?.close();
    // SIGKILL ends a paused (SIGSTOP) instance too.
    await Promise.all([instanceA?.kill(), instanceB?.kill()]);
    await Promise.all([gated?.close(), plain?.close()]);
    await test?.cleanup();
  });

  it('expires each offer once and offers each next person once while both instances run the jobs together', async () => {
    // Every group fills up and gets a waitlist, through both instances.
    const placed = new Map(groupIds.map((groupId) => [groupId, takePeople(CAPACITY + WAITING)]));
    await Promise.all(
      groupIds.map(async (groupId) => {
        // One by one within a group: its seq order is the order of the list, which the checks below rely on.
        for (const [index, person] of (placed.get(groupId) ?? []).entries()) {
          const answer = await register(index % 2 === 0 ? clientA : clientB, groupId, person, `fill-${groupId}-${index}`);
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
          expect((answer.body as { outcomes: Outcome[] }).outcomes[0]?.status).toBe(index < CAPACITY ? 'confirmed' : 'waitlisted');
        }
      }),
    );
    const registrations = (groupId: string) =>
      test.database.db.selectFrom('registrations').select(['id', 'trainee_id', 'status', 'seq', 'offer_expires_at']).where('session_id', '=', groupId).orderBy('seq').execute();
    const byGroup = new Map<string, Awaited<ReturnType<typeof registrations>>>();
    for (const groupId of groupIds) byGroup.set(groupId, await registrations(groupId));

    // Convocations go before any cancellation: one rendered for a cancelled seat is abandoned, by design.
    await waitFor('the mails of the fill to be sent', async () => (await outboxRows()).every((row) => row.status !== 'pending'), outputs);
    // Employers cancel the first CANCELLED seats of each group: the cancellation offers them to the first waiting.
    for (const groupId of groupIds) {
      for (const row of (byGroup.get(groupId) ?? []).slice(0, CANCELLED)) {
        const answer = await clientB.post(`/api/v1/registrations/${row.id}/cancel`, crowd.tokenOf(row.trainee_id), {});
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      }
    }
    const offered = () => test.database.db.selectFrom('registrations').select(['id', 'session_id']).where('session_id', 'in', groupIds).where('status', '=', 'offered').execute();
    await waitFor('the first offers', async () => (await offered()).length === groupIds.length * CANCELLED, outputs);

    for (let round = 1; round <= EXPIRY_ROUNDS; round += 1) {
      const live = (await offered()).map((row) => row.id);
      // Due in 300 ms, and the instances paused for longer than their 1 s job interval: both
      // resume with an overdue timer and run the jobs at once over the same due offers. (Paused
      // after the write, never before: a paused instance may hold the SQLite write lock.)
      await test.database.db
        .updateTable('registrations')
        .set({ offer_expires_at: new Date(Date.now() + 300).toISOString() })
        .where('id', 'in', live)
        .execute();
      pause(instanceA);
      pause(instanceB);
      await sleep(1_500);
      resume(instanceA);
      resume(instanceB);
      await waitFor(
        `round ${round} of expiries`,
        async () => {
          const now = await offered();
          return now.length === groupIds.length * CANCELLED && now.every((row) => !live.includes(row.id));
        },
        outputs,
      );
    }
    await waitFor('the outbox to be sent', async () => (await outboxRows()).every((row) => row.status !== 'pending'), outputs);

    const mails = await outboxRows();
    const mailsOf = (kind: string, name: string) => mails.filter((mail) => mail.kind === kind && mail.subject.includes(`${name} — `));
    for (const groupId of groupIds) {
      const rows = await registrations(groupId);
      const people = placed.get(groupId) ?? [];
      const nameOf = new Map(people.map((person) => [person.traineeId, person.name]));
      // seq follows the order people were registered in; the waitlist is served in that order.
      expect(rows.map((row) => row.trainee_id)).toEqual(people.map((person) => person.traineeId));
      const statuses = rows.map((row) => row.status);
      const expectedStatuses = [
        ...Array<string>(CANCELLED).fill('cancelled'),
        ...Array<string>(CAPACITY - CANCELLED).fill('confirmed'),
        ...Array<string>(EXPIRY_ROUNDS * CANCELLED).fill('expired'),
        ...Array<string>(CANCELLED).fill('offered'),
        ...Array<string>(WAITING - (EXPIRY_ROUNDS + 1) * CANCELLED).fill('waitlisted'),
      ];
      expect(statuses).toEqual(expectedStatuses);
      // No seat held twice: one confirmed and two live offers fill the three seats.
      expect(rows.filter((row) => row.status === 'confirmed' || (row.status === 'offered' && (row.offer_expires_at ?? '') > new Date().toISOString()))).toHaveLength(CAPACITY);

      const waiting = rows.slice(CAPACITY);
      for (const [position, row] of waiting.entries()) {
        const name = nameOf.get(row.trainee_id) ?? '';
        const everOffered = position < (EXPIRY_ROUNDS + 1) * CANCELLED;
        const expired = position < EXPIRY_ROUNDS * CANCELLED;
        // Each offer made once (one « place disponible » mail), each expiry once (one « proposition expirée »).
        expect(mailsOf('registration.offer', name), `offer mails of ${name}`).toHaveLength(everOffered ? 1 : 0);
        expect(mailsOf('registration.offer_expired', name), `expiry mails of ${name}`).toHaveLength(expired ? 1 : 0);
      }
    }
    expectEachMailReceivedOnce(mails, allReceived());
  });

  it('finishes the requests in flight, refuses new connections, exits 0 and gives back its claimed mails on SIGTERM', async () => {
    const groupId = groupIds[0] ?? '';
    // A gets mails to send and stays in the middle of one: its SMTP server holds the answer to DATA.
    gated.hold();
    let held: string | undefined;
    for (let attempt = 0; attempt < 5 && held === undefined; attempt += 1) {
      const makers = takePeople(MAIL_MAKERS);
      const answers = await inPool(makers, 10, (person, index) => register(clientB, groupId, person, `mails-${attempt}-${index}`));
      expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
      // B drains them fast; A takes a batch at its next poll (every second) if some are left.
      held = await gated.nextHeld(3_000);
    }
    expect(held, 'instance A never took a mail to send').toBeDefined();
    const heldRow = (await outboxRows()).find((row) => outboxMessageId(row.id, MAIL_FROM) === held);
    expect(heldRow?.status).toBe('pending');
    const claimedUntil = heldRow?.claimed_until ?? '';
    // The batch A claimed with it: one claim gives the same lease to all its rows.
    const claimedByA = (await outboxRows()).filter((row) => row.status === 'pending' && row.claimed_until === claimedUntil).map((row) => row.id);
    expect(claimedByA).toContain(heldRow?.id);

    // 50 requests inside A: headers read and routed (A answered 100 Continue), bodies still to come.
    const people = takePeople(IN_FLIGHT);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const inFlight = people.map((person, index) =>
      openRequest(agent, instanceA.origin, `/api/v1/sessions/${groupId}/registrations`, {
        authorization: `Bearer ${person.token}`,
        'content-type': 'application/json',
        'idempotency-key': `in-flight-${index}`,
        body: JSON.stringify({ people: [{ traineeId: person.traineeId }] }),
      }),
    );
    await Promise.all(inFlight.map((pending) => pending.continued));

    const stopping = instanceA.stop();
    await waitFor('A to start shutting down', async () => instanceA.output().includes('SIGTERM reçu'), outputs);
    // The listener closes while the 50 are still waiting for their bodies.
    const refusal = await firstRefusedConnection(instanceA.origin);
    expect(refusal.error).toBe('ECONNREFUSED');

    const answers = await Promise.all(inFlight.map((pending) => pending.finish()));
    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    const outcomes = answers.map((answer) => (answer.body as { outcomes: Outcome[] }).outcomes[0]);
    expect(outcomes.map((outcome) => outcome?.traineeId)).toEqual(people.map((person) => person.traineeId));
    // The sockets stay open on the client side, as a proxy's kept-alive connections do.

    // The mail being sent finishes; the rest of A's batch is given back.
    gated.release();
    const exit = await Promise.race([stopping.then(() => 'exited' as const), sleep(SHUTDOWN_LIMIT_MS).then(() => 'still running' as const)]);
    expect(exit, outputs()).toBe('exited');
    expect(instanceA.exitCode, outputs()).toBe(0);
    agent.destroy();

    const stored = await test.database.db.selectFrom('registrations').select(['id', 'trainee_id']).where('id', 'in', outcomes.map((outcome) => outcome?.registrationId ?? '')).execute();
    expect(stored).toHaveLength(IN_FLIGHT);
    const afterExit = new Map((await outboxRows()).map((row) => [row.id, row]));
    expect(afterExit.get(heldRow?.id ?? '')?.status).toBe('sent');
    // Sent, given back (no lease), or given back then taken by B (a later lease): never left under A's lease.
    const stillHeldByA = claimedByA.filter((id) => {
      const row = afterExit.get(id);
      return row?.status === 'pending' && row.claimed_until !== null && row.claimed_until <= claimedUntil;
    });
    expect(stillHeldByA).toEqual([]);

    // B sends what is left, A's batch included; every mail reached a server once.
    await waitFor('B to send the outbox', async () => (await outboxRows()).every((row) => row.status !== 'pending'), () => instanceB.output());
    expectEachMailReceivedOnce(await outboxRows(), allReceived());
    console.info(`[${dialect}] SIGTERM with ${IN_FLIGHT} requests in flight: all answered 201; A had claimed ${claimedByA.length} mails, ${claimedByA.filter((id) => afterExit.get(id)?.status === 'sent').length} sent by A, the rest given back`);
  });
});

/** Every outbox row sent, and received by one of the servers exactly once (Message-ID is stable per row). */
function expectEachMailReceivedOnce(rows: Array<{ id: string; status: string }>, received: ReceivedMail[]): void {
  expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
  const counts = new Map<string, number>();
  for (const mail of received) counts.set(mail.headers.get('message-id') ?? '', (counts.get(mail.headers.get('message-id') ?? '') ?? 0) + 1);
  const expected = rows.map((row) => outboxMessageId(row.id, MAIL_FROM)).sort();
  expect([...counts.keys()].sort()).toEqual(expected);
  expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
}

function pause(instance: AppProcess): void {
  if (instance.pid !== undefined) process.kill(instance.pid, 'SIGSTOP');
}

function resume(instance: AppProcess): void {
  if (instance.pid !== undefined) process.kill(instance.pid, 'SIGCONT');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(what: string, done: () => Promise<boolean>, context: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS / 1000} s for ${what}\n${context()}`);
    await sleep(50);
  }
}

/** Opens connections until one is refused; the ones still accepted (the listener not closed yet) are dropped unused. */
async function firstRefusedConnection(origin: string): Promise<{ error: string; accepted: number }> {
  const { hostname, port } = new URL(origin);
  const deadline = Date.now() + WAIT_MS;
  for (let accepted = 0; ; accepted += 1) {
    const error = await new Promise<string | null>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(null);
      });
      socket.once('error', (failure: NodeJS.ErrnoException) => resolve(failure.code ?? failure.message));
    });
    if (error !== null || Date.now() > deadline) return { error: error ?? 'still accepting', accepted };
    await sleep(20);
  }
}

interface OpenRequest {
  /** Resolves once the server answered « 100 Continue »: it has read the headers and routed the request. */
  continued: Promise<void>;
  /** Sends the body and resolves with the complete answer. */
  finish(): Promise<ApiAnswer>;
}

function openRequest(agent: Agent, origin: string, path: string, input: Record<string, string> & { body: string }): OpenRequest {
  const { body, ...headers } = input;
  const outgoing: ClientRequest = httpRequest(new URL(path, origin), {
    method: 'POST',
    agent,
    headers: { ...headers, accept: 'application/json', expect: '100-continue', 'content-length': String(Buffer.byteLength(body)) },
  });
  const answer = new Promise<ApiAnswer>((resolve) => {
    outgoing.once('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', (error) => resolve({ status: 0, body: null, error: error.message }));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Kept as text for the failure message.
        }
        resolve({ status: incoming.statusCode ?? 0, body: parsed });
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, body: null, error: error.code ?? error.message }));
  });
  const continued = new Promise<void>((resolve, reject) => {
    outgoing.once('continue', () => resolve());
    // An answer before « 100 Continue » (a refusal) means the request never got in.
    void answer.then((early) => reject(new Error(`answered before 100 Continue: ${JSON.stringify(early)}`)));
  });
  // Rejections of `continued` after it resolved are of no interest.
  continued.catch(() => undefined);
  // Headers only, now: the body waits for finish().
  outgoing.flushHeaders();
  return {
    continued,
    finish() {
      outgoing.end(body);
      return answer;
    },
  };
}

interface GatedSmtpServer {
  readonly url: URL;
  /** Mails whose DATA was answered 250 (taken by the server). */
  readonly received: ReceivedMail[];
  /** From now on, DATA gets no answer until release(): the sender waits in the middle of a mail. */
  hold(): void;
  /** Message-ID of the next mail held, or undefined after `withinMs`. */
  nextHeld(withinMs: number): Promise<string | undefined>;
  /** Answers the mails held, and stops holding. */
  release(): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (like ../support/smtpServer.ts) that can keep a sender waiting on DATA. */
async function startGatedSmtpServer(): Promise<GatedSmtpServer> {
  const received: ReceivedMail[] = [];
  let holding = false;
  const held: Array<{ messageId: string; accept(): void }> = [];
  const heldWaiters: Array<(messageId: string) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, ...parseMessage(raw) };
        const accept = () => {
          received.push(mail);
          callback();
        };
        if (!holding) return accept();
        const messageId = mail.headers.get('message-id') ?? '';
        held.push({ messageId, accept });
        heldWaiters.shift()?.(messageId);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: new URL(`smtp://127.0.0.1:${port}`),
    received,
    hold() {
      holding = true;
    },
    nextHeld(withinMs) {
      const already = held[0];
      if (already) return Promise.resolve(already.messageId);
      return new Promise<string | undefined>((resolve) => {
        const timer = setTimeout(() => {
          heldWaiters.splice(heldWaiters.indexOf(waiter), 1);
          resolve(undefined);
        }, withinMs);
        const waiter = (messageId: string) => {
          clearTimeout(timer);
          resolve(messageId);
        };
        heldWaiters.push(waiter);
      });
    },
    release() {
      holding = false;
      for (const mail of held.splice(0)) mail.accept();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
