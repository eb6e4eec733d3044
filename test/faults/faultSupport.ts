/**
 * What every fault suite checks once the fault is over: the registrations of a group are still
 * coherent (DESIGN.md §3), and every registration has the mails its transaction enqueued.
 * Each check returns the list of what is wrong, so a failure shows all of it at once.
 */
import { Agent, request } from 'node:http';
import type { Database } from '../../src/db/database.js';
import { ACTIVE_STATUSES, SEAT_HOLDING_STATUSES } from '../../src/domain/registrations/registrationStatus.js';
import type { ApiAnswer } from '../support/apiClient.js';

export interface RegisterBody {
  outcomes: Array<{ registrationId: string; traineeId: string; status: string }>;
  replayed: boolean;
}

export function isSuccess(answer: ApiAnswer): boolean {
  return answer.status === 200 || answer.status === 201;
}

export interface GroupRow {
  id: string;
  trainee_id: string;
  status: string;
  seq: number;
}

export async function groupRows(database: Database, groupId: string): Promise<GroupRow[]> {
  return database.db.selectFrom('registrations').select(['id', 'trainee_id', 'status', 'seq']).where('session_id', '=', groupId).orderBy('seq').execute();
}

/**
 * Seats never oversold, seq unique and without holes (it is taken under the group lock, in
 * the transaction that inserts: a rolled-back registration leaves no gap), one active row per
 * person, the waitlist only while the group is full.
 */
export async function groupInvariantViolations(database: Database, groupId: string): Promise<string[]> {
  const group = await database.db.selectFrom('sessions').select('max_trainees').where('id', '=', groupId).executeTakeFirstOrThrow();
  const rows = await groupRows(database, groupId);
  const violations: string[] = [];
  const count = (statuses: readonly string[]) => rows.filter((row) => statuses.includes(row.status)).length;
  const confirmed = count(['confirmed']);
  const held = count(SEAT_HOLDING_STATUSES);
  if (confirmed > group.max_trainees) violations.push(`${confirmed} confirmées pour ${group.max_trainees} places`);
  if (held > group.max_trainees) violations.push(`${held} places tenues pour ${group.max_trainees}`);
  if (count(['waitlisted']) > 0 && held < group.max_trainees) violations.push(`liste d’attente alors que ${group.max_trainees - held} places sont libres`);
  const seqs = rows.map((row) => row.seq);
  if (new Set(seqs).size !== seqs.length) violations.push(`seq en double : ${seqs.join(',')}`);
  if (seqs.some((seq, index) => seq !== index + 1)) violations.push(`seq avec des trous : ${seqs.join(',')}`);
  const activeByPerson = new Map<string, number>();
  for (const row of rows.filter((candidate) => ACTIVE_STATUSES.includes(candidate.status as (typeof ACTIVE_STATUSES)[number]))) {
    activeByPerson.set(row.trainee_id, (activeByPerson.get(row.trainee_id) ?? 0) + 1);
  }
  for (const [traineeId, active] of activeByPerson) if (active > 1) violations.push(`${active} inscriptions actives pour ${traineeId}`);
  return violations;
}

/**
 * The mails are written in the registration's transaction: a confirmed person has the
 * convocation and the employer's confirmation, a waitlisted one the employer's notice naming
 * them, once. A registration without them (or a mail without its registration) means a
 * transaction was half applied.
 */
export async function missingOrExtraMails(database: Database, groupId: string, nameOf: (traineeId: string) => string): Promise<string[]> {
  const rows = await groupRows(database, groupId);
  const mails = await database.db.selectFrom('outbox').select(['kind', 'subject', 'dedupe_key']).execute();
  const problems: string[] = [];
  const keys = new Map<string, number>();
  for (const mail of mails) if (mail.dedupe_key) keys.set(mail.dedupe_key, (keys.get(mail.dedupe_key) ?? 0) + 1);
  const confirmed = rows.filter((row) => row.status === 'confirmed');
  for (const row of confirmed) {
    for (const key of [`convocation:${row.id}`, `confirmed:${row.id}`]) if (keys.get(key) !== 1) problems.push(`${key} : ${keys.get(key) ?? 0} courriel(s)`);
  }
  for (const kind of ['registration.convocation', 'registration.confirmed']) {
    const count = mails.filter((mail) => mail.kind === kind).length;
    if (count !== confirmed.length) problems.push(`${count} courriels ${kind} pour ${confirmed.length} inscriptions confirmées`);
  }
  const waitlistMails = mails.filter((mail) => mail.kind === 'registration.waitlisted');
  const waitlisted = rows.filter((row) => row.status === 'waitlisted');
  for (const row of waitlisted) {
    const name = nameOf(row.trainee_id);
    const found = waitlistMails.filter((mail) => mail.subject.includes(` : ${name} — `)).length;
    if (found !== 1) problems.push(`${name} en liste d’attente : ${found} courriel(s)`);
  }
  if (waitlistMails.length !== waitlisted.length) problems.push(`${waitlistMails.length} courriels de liste d’attente pour ${waitlisted.length} personnes`);
  return problems;
}

/**
 * Every answer given for a key names the same registration, of the right person, and that
 * registration is stored: a retry never registered twice and nothing answered was lost.
 */
export function answersAgainstStore(
  answers: ReadonlyArray<{ index: number; answer: ApiAnswer }>,
  traineeOfIndex: (index: number) => string,
  stored: readonly GroupRow[],
): { problems: string[]; keys: number } {
  const problems: string[] = [];
  const idsByKey = new Map<number, Set<string>>();
  for (const { index, answer } of answers) {
    if (!isSuccess(answer)) continue;
    const body = answer.body as RegisterBody;
    const traineeIds = body.outcomes.map((outcome) => outcome.traineeId);
    if (traineeIds.length !== 1 || traineeIds[0] !== traineeOfIndex(index)) problems.push(`clé ${index} : réponse pour ${traineeIds.join(',')}`);
    idsByKey.set(index, new Set([...(idsByKey.get(index) ?? []), ...body.outcomes.map((outcome) => outcome.registrationId)]));
  }
  const traineeOf = new Map(stored.map((row) => [row.id, row.trainee_id]));
  for (const [index, ids] of idsByKey) {
    if (ids.size !== 1) problems.push(`clé ${index} : ${ids.size} inscriptions différentes annoncées`);
    for (const id of ids) if (traineeOf.get(id) !== traineeOfIndex(index)) problems.push(`clé ${index} : inscription ${id} annoncée mais absente de la base`);
  }
  return { problems, keys: idsByKey.size };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface HttpAnswer {
  /** 0: no HTTP answer at all (refused, reset); `error` says why. */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the answer is JSON, the text otherwise. */
  body: unknown;
  error?: string;
}

/**
 * A client that keeps the answer's headers (test/support/apiClient.ts does not): the fault
 * suites check `Retry-After` and the content type of error answers, pages as well as the API.
 */
export class HttpProbe {
  private readonly agent: Agent;

  constructor(
    readonly origin: string,
    maxSockets = 20,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: 'GET' | 'POST', path: string, options: { token?: string; json?: unknown; headers?: Record<string, string>; accept?: string } = {}): Promise<HttpAnswer> {
    const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
    return new Promise<HttpAnswer>((resolve) => {
      const outgoing = request(
        new URL(path, this.origin),
        {
          method,
          agent: this.agent,
          headers: {
            accept: options.accept ?? 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...options.headers,
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', (error) => resolve({ status: 0, headers: {}, body: null, error: error.message }));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if ((incoming.headers['content-type'] ?? '').startsWith('application/json')) {
              try {
                body = JSON.parse(text);
              } catch {
                // Kept as text: the assertion will show what came back.
              }
            }
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body });
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, headers: {}, body: null, error: error.code ?? error.message }));
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
