/** Command-line options of the registration benchmark (see index.ts for their meaning). */

export type Part = 'sqlite' | 'postgres' | 'rush';
const PARTS: readonly Part[] = ['sqlite', 'postgres', 'rush'];

export interface Options {
  parts: Part[];
  /** Measured seconds per target, all rounds together. */
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  /** PostgreSQL: the app's PG_POOL_SIZE and the baseline's pool. */
  poolSize: number;
  groups: number;
  capacity: number;
  trainees: number;
  pgTrainees: number;
  employers: number;
  /** Registrations traced statement by statement before the load (0: no profile). */
  profileRuns: number;
  /** false: the app runs without its outbox worker and registration jobs (comparison only). */
  workers: boolean;
  cpuProf: string | undefined;
  tsx: boolean;
  keep: boolean;
  strict: boolean;
}

const NAMES = ['only', 'duration', 'warmup', 'rounds', 'connections', 'pool', 'groups', 'capacity', 'trainees', 'pg-trainees', 'employers', 'profile', 'no-workers', 'cpu-prof', 'tsx', 'keep', 'strict'];

export function parseOptions(args: string[]): Options {
  const values = new Map<string, string>();
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1] || !NAMES.includes(match[1])) throw new Error(`Option inconnue : ${arg} (options : ${NAMES.map((name) => `--${name}`).join(' ')})`);
    values.set(match[1], match[2] ?? 'true');
  }
  const number = (name: string, fallback: number, minimum = 0) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < minimum) throw new Error(`--${name} doit être un nombre ≥ ${minimum} (reçu « ${raw} »)`);
    return value;
  };
  const integer = (name: string, fallback: number, minimum = 1) => Math.trunc(number(name, fallback, minimum));
  const parts = (values.get('only') ?? PARTS.join(',')).split(',').map((part) => part.trim());
  for (const part of parts) if (!PARTS.includes(part as Part)) throw new Error(`--only : « ${part} » inconnu (sqlite, postgres, rush)`);
  const durationSeconds = number('duration', 10, 1);
  const rounds = integer('rounds', 2);
  if (durationSeconds / rounds < 1) throw new Error('--duration ÷ --rounds doit laisser au moins 1 s par manche');
  return {
    parts: parts as Part[],
    durationSeconds,
    warmupSeconds: number('warmup', 2),
    rounds,
    connections: integer('connections', 10),
    poolSize: integer('pool', 10),
    groups: integer('groups', 20),
    capacity: integer('capacity', 1_000_000),
    trainees: integer('trainees', 40_000),
    pgTrainees: integer('pg-trainees', 20_000),
    employers: integer('employers', 1000),
    profileRuns: integer('profile', 20, 0),
    workers: !values.has('no-workers'),
    cpuProf: values.get('cpu-prof'),
    tsx: values.has('tsx'),
    keep: values.has('keep'),
    strict: values.has('strict'),
  };
}
