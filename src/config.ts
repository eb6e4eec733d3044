/**
 * The environment, parsed once at start into a typed, frozen object. A bad value stops the
 * start with a message naming the variable, so an operator never debugs a half-configured app.
 */
export type DatabaseConfig =
  | { kind: 'sqlite'; url: string; filename: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  readonly database: DatabaseConfig;
  readonly port: number;
  readonly host: string;
  readonly baseUrl: URL;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed the demo data into an empty database (default: yes, except in production). */
  readonly demoData: boolean;
  readonly pgPoolSize: number;
  /** smtp(s)://user:pass@host:port; when absent, mails are kept in the database and shown to funder admins. */
  /** How long anonymous catalogue pages may be served from memory (0: never). */
  readonly catalogueCacheSeconds: number;
  readonly smtpUrl: URL | null;
  readonly mailFrom: string;
  /** Seconds between two runs of the registration jobs (offer expiry, reminders, minimum size). */
  readonly registrationJobsSeconds: number;
  /** Bearer token that opens /metrics to other machines (Prometheus); null: loopback only. */
  readonly metricsToken: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration invalide : ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function parseDatabaseUrl(raw: string, variable = 'DATABASE_URL'): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const filename = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (filename === '') throw new ConfigError(variable, `doit indiquer un fichier (reçu « ${raw} »), par exemple sqlite:./data/relais.db`);
    return { kind: 'sqlite', url: raw, filename };
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError(variable, `n’est pas une URL PostgreSQL valide (reçu « ${raw} »)`);
    }
    return { kind: 'postgres', url: raw };
  }
  throw new ConfigError(variable, `doit commencer par sqlite: ou postgres:// (reçu « ${raw} »)`);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `doit être un entier entre 0 et 65535 (reçu « ${raw} »)`);
  }
  return port;
}

function parseBaseUrl(raw: string | undefined, port: number): URL {
  const value = raw === undefined || raw === '' ? `http://localhost:${port}` : raw;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('BASE_URL', `doit être une URL absolue comme https://relais.example.fr (reçu « ${value} »)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('BASE_URL', `doit commencer par http:// ou https:// (reçu « ${value} »)`);
  }
  return url;
}

function parseNodeEnv(raw: string | undefined): Config['nodeEnv'] {
  if (raw === undefined || raw === '') return 'development';
  if (raw === 'development' || raw === 'production' || raw === 'test') return raw;
  throw new ConfigError('NODE_ENV', `doit valoir development, production ou test (reçu « ${raw} »)`);
}

function parseLogLevel(raw: string | undefined, nodeEnv: Config['nodeEnv']): Config['logLevel'] {
  if (raw === undefined || raw === '') return nodeEnv === 'test' ? 'silent' : 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (!level) throw new ConfigError('LOG_LEVEL', `doit valoir ${LOG_LEVELS.join(', ')} (reçu « ${raw} »)`);
  return level;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'oui', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'non', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `doit valoir 1 ou 0 (reçu « ${raw} »)`);
}

function parsePositiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw new ConfigError(name, `doit être un entier entre 1 et ${max} (reçu « ${raw} »)`);
  return value;
}

function parseSmtpUrl(raw: string | undefined): URL | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', `doit être une URL comme smtp://utilisateur:motdepasse@hote:587 (reçu « ${raw} »)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('SMTP_URL', `doit commencer par smtp:// ou smtps:// (reçu « ${raw} »)`);
  return url;
}

function parseMailFrom(raw: string | undefined): string {
  const value = raw === undefined || raw === '' ? 'Relais <ne-pas-repondre@relais.localhost>' : raw;
  if (!/^[^<>]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(value)) throw new ConfigError('MAIL_FROM', `doit être une adresse comme « Relais <ne-pas-repondre@exemple.fr> » (reçu « ${value} »)`);
  return value;
}

function parseMetricsToken(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  // The token is the only thing between the internet and the metrics: refuse a guessable one.
  if (!/^[\x21-\x7e]{16,256}$/.test(raw)) throw new ConfigError('METRICS_TOKEN', 'doit contenir de 16 à 256 caractères visibles, sans espace (par exemple la sortie de « openssl rand -hex 32 »)');
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env.PORT);
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  return Object.freeze({
    database: Object.freeze(parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/relais.db')),
    port,
    host: env.HOST || '0.0.0.0',
    baseUrl: parseBaseUrl(env.BASE_URL, port),
    nodeEnv,
    logLevel: parseLogLevel(env.LOG_LEVEL, nodeEnv),
    demoData: parseBoolean('DEMO_DATA', env.DEMO_DATA, nodeEnv !== 'production'),
    pgPoolSize: parsePositiveInteger('PG_POOL_SIZE', env.PG_POOL_SIZE, 10, 500),
    catalogueCacheSeconds: env.CATALOGUE_CACHE_SECONDS === '0' ? 0 : parsePositiveInteger('CATALOGUE_CACHE_SECONDS', env.CATALOGUE_CACHE_SECONDS, 60, 3600),
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    mailFrom: parseMailFrom(env.MAIL_FROM),
    registrationJobsSeconds: parsePositiveInteger('REGISTRATION_JOBS_SECONDS', env.REGISTRATION_JOBS_SECONDS, 60, 3600),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
  });
}
