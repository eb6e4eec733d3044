/**
 * The registration requests both sides of a comparison receive, byte for byte alike:
 * `POST /api/v1/sessions/{group}/registrations` with the bearer token, a unique
 * Idempotency-Key and one person. Request n registers person n into group n mod G, so every
 * request is a new registration (the app refuses a second seat in the same training).
 *
 * The baselines are several times faster and may run past the list of people: on the k-th
 * pass, person p goes into group (p + k) mod G, a pair (group, person) not seen before (for
 * fewer passes than groups) — the baselines know nothing of "one seat per training", only of
 * the unique (group, person) index.
 */
import type { DynamicRequest } from '../support/dynamicLoad.js';

export interface RegistrationStream {
  next(): DynamicRequest;
  /** Requests built so far (autocannon builds one ahead per connection). */
  readonly built: number;
  /** True once the stream went past its people (only allowed for a baseline). */
  readonly wrapped: boolean;
}

export function registrationStream(input: { token: string; groupIds: readonly string[]; traineeIds: readonly string[]; keyPrefix: string }): RegistrationStream {
  const { groupIds, traineeIds } = input;
  if (groupIds.length === 0 || traineeIds.length === 0) throw new Error('registrationStream : aucun groupe ou aucune personne');
  let count = 0;
  const headers = (n: number) => ({
    authorization: `Bearer ${input.token}`,
    'content-type': 'application/json',
    'idempotency-key': `${input.keyPrefix}-${n}`,
  });
  return {
    next() {
      const n = count;
      count += 1;
      const round = Math.floor(n / traineeIds.length);
      const person = n % traineeIds.length;
      const traineeId = traineeIds[person] ?? '';
      const groupId = groupIds[(person + round) % groupIds.length] ?? '';
      return { method: 'POST', path: `/api/v1/sessions/${groupId}/registrations`, headers: headers(n), body: JSON.stringify({ people: [{ traineeId }] }) };
    },
    get built() {
      return count;
    },
    get wrapped() {
      return count > traineeIds.length;
    },
  };
}

/** Outcome statuses of 2xx answers, and the first refusal seen (for the report). */
export class OutcomeTally {
  readonly outcomes: Record<string, number> = {};
  firstRefusal: string | null = null;

  record(statusCode: number, body: string): void {
    if (statusCode < 200 || statusCode >= 300) {
      this.firstRefusal ??= `${statusCode} ${body.slice(0, 300)}`;
      return;
    }
    try {
      const parsed = JSON.parse(body) as { outcomes?: Array<{ status?: string }> };
      for (const outcome of parsed.outcomes ?? []) this.outcomes[outcome.status ?? '?'] = (this.outcomes[outcome.status ?? '?'] ?? 0) + 1;
    } catch {
      this.firstRefusal ??= `${statusCode} réponse illisible : ${body.slice(0, 200)}`;
    }
  }
}
