/**
 * The SQLite baseline: a bare Fastify (no plugin, no logger) with the same route as the app,
 * `POST /api/v1/sessions/:id/registrations`, doing the least a registration can do with
 * better-sqlite3 directly: BEGIN IMMEDIATE, count the group's rows, insert one registration,
 * COMMIT. No authentication, no idempotency record, no mail, no audit. It runs on a copy of
 * the app's database (same schema, indexes, staff and groups) with the app's pragmas.
 *
 * What a request needs besides the count (the group's training and funder, the person's
 * employer and name) is read once at start, as a cache would.
 *
 * Argument: FICHIER_SQLITE.
 */
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { serveInChild } from '../support/serveInChild.js';

const filename = process.argv[2];
if (!filename) throw new Error('usage : bareSqliteServer.ts FICHIER_SQLITE');

const connection = new SQLite(filename);
connection.pragma('journal_mode = WAL');
connection.pragma('busy_timeout = 5000');
connection.pragma('foreign_keys = ON');
connection.pragma('synchronous = NORMAL');

interface GroupRow {
  id: string;
  training_id: string;
  funder_id: string;
  max_trainees: number;
}
interface PersonRow {
  id: string;
  employer_id: string;
  first_name: string;
  last_name: string;
}
const groups = new Map(
  (connection.prepare('SELECT s.id, s.training_id, t.funder_id, s.max_trainees FROM sessions s JOIN trainings t ON t.id = s.training_id').all() as GroupRow[]).map((row) => [row.id, row]),
);
const people = new Map((connection.prepare('SELECT id, employer_id, first_name, last_name FROM trainees').all() as PersonRow[]).map((row) => [row.id, row]));

const count = connection.prepare<[string], { held: number; max_seq: number }>(
  "SELECT coalesce(sum(status IN ('confirmed', 'pending', 'offered')), 0) AS held, coalesce(max(seq), 0) AS max_seq FROM registrations WHERE session_id = ?",
);
const insert = connection.prepare(
  `INSERT INTO registrations (id, session_id, training_id, trainee_id, employer_id, funder_id, status, seq, requested_at, requested_by, declaration,
     status_changed_at, offer_expires_at, offer_token_hash, decided_by, decision_reason, cancel_reason, is_late_cancellation, moved_from_id, created_at, updated_at)
   VALUES (@id, @session_id, @training_id, @trainee_id, @employer_id, @funder_id, @status, @seq, @at, NULL, NULL, @at, NULL, NULL, NULL, NULL, NULL, 0, NULL, @at, @at)`,
);
// .immediate(): BEGIN IMMEDIATE … COMMIT, the app's SQLite recipe.
const register = connection.transaction((group: GroupRow, person: PersonRow) => {
  const { held, max_seq: maxSeq } = count.get(group.id) ?? { held: 0, max_seq: 0 };
  const status = held < group.max_trainees ? 'confirmed' : 'waitlisted';
  const id = uuidv7();
  const at = new Date().toISOString();
  insert.run({ id, session_id: group.id, training_id: group.training_id, trainee_id: person.id, employer_id: person.employer_id, funder_id: group.funder_id, status, seq: maxSeq + 1, at });
  return { id, status };
});

const app = Fastify({ logger: false });
app.post<{ Params: { id: string }; Body: { people?: Array<{ traineeId?: string }> } }>('/api/v1/sessions/:id/registrations', async (request, reply) => {
  if (!request.headers['idempotency-key']) return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: 'Idempotency-Key manquant' } });
  const group = groups.get(request.params.id);
  const person = people.get(request.body.people?.[0]?.traineeId ?? '');
  if (!group || !person) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Groupe ou personne introuvable' } });
  const { id, status } = register.immediate(group, person);
  return reply.code(201).send({
    sessionId: group.id,
    outcomes: [{ registrationId: id, traineeId: person.id, traineeName: `${person.first_name} ${person.last_name}`, status, waitlistPosition: null }],
    replayed: false,
  });
});
await serveInChild(app, async () => {
  connection.close();
});
