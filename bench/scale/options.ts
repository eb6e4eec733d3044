/** Command-line options of the scale benchmark (see index.ts for their meaning). */

export type Part = 'registration' | 'outbox';
const PARTS: readonly Part[] = ['registration', 'outbox'];

export interface Options {
  parts: Part[];
  /** Registration: measured seconds per side (1 instance, 2 instances), all rounds together. */
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** HTTP connections in total, split across the instances of the 2-instance side. */
  connections: number;
  /** PG_POOL_SIZE of every instance (production default: 10). */
  poolSize: number;
  groups: number;
  capacity: number;
  trainees: number;
  /** Outbox: mails per measured round and per sender. */
  mails: number;
  mailRounds: number;
  tsx: boolean;
  strict: boolean;
}

const NAMES = ['only', 'duration', 'warmup', 'rounds', 'connections', 'pool', 'groups', 'capacity', 'trainees', 'mails', 'mail-rounds', 'tsx', 'strict'];

export function parseOptions(args: string[]): Options {
  const values = new Map<string, string>();
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1] || !NAMES.includes(match[1])) throw new Error(`Option inconnue : ${arg} (options : ${NAMES.map((name) => `--${name}`).join(' ')})`);
    values.set(match[1], match[2] ?? 'true');
  }
  const number = (name: string, fallback: number, minimum: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < minimum) throw new Error(`--${name} doit être un nombre ≥ ${minimum} (reçu « ${raw} »)`);
    return value;
  };
  const integer = (name: string, fallback: number, minimum = 1) => Math.trunc(number(name, fallback, minimum));
  const parts = (values.get('only') ?? PARTS.join(',')).split(',').map((part) => part.trim());
  for (const part of parts) if (!PARTS.includes(part as Part)) throw new Error(`--only : « ${part} » inconnu (registration, outbox)`);
  const durationSeconds = number('duration', 14, 2);
  const rounds = integer('rounds', 4);
  if (durationSeconds / rounds < 1) throw new Error('--duration ÷ --rounds doit laisser au moins 1 s par manche');
  const connections = integer('connections', 10, 2);
  return {
    parts: parts as Part[],
    durationSeconds,
    warmupSeconds: number('warmup', 2, 0),
    rounds,
    connections,
    poolSize: integer('pool', 10),
    groups: integer('groups', 40),
    capacity: integer('capacity', 15),
    trainees: integer('trainees', 15_000),
    mails: integer('mails', 1000, 2),
    mailRounds: integer('mail-rounds', 3),
    tsx: values.has('tsx'),
    strict: values.has('strict'),
  };
}
