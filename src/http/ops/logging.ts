/**
 * Structured JSON logs (Fastify's pino) that an operator can ship anywhere: every line of a
 * request carries its id, and no line carries personal data or a secret.
 *
 * - Requests are logged as method + path: token-bearing routes (`/invitation/:token`,
 *   `/offres/:token`…) as their pattern, query strings as their keys only (a search for a
 *   person's name or an address is personal data), no IP address, no headers.
 * - Cookies, Authorization and Set-Cookie are redacted should anything log headers.
 * - Anything that looks like an email address, in a message, an error or a logged object
 *   (an SMTP refusal quotes the recipient), is masked.
 * - Database errors lose their `detail`, where PostgreSQL quotes the offending values.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../../config.js';

/** Where the log lines go, for tests that read them (default: stdout). */
export interface LogDestination {
  write(line: string): void;
}

const MASKED_EMAIL = '[courriel masqué]';
const CENSOR = '[masqué]';
const EMAIL = /[^\s@<>"'(),;:/?#[\]]+(?:@|%40)[^\s@<>"'(),;:/?#[\]]+\.[A-Za-z]{2,}/gi;

/** What an incoming X-Request-Id may be to be reused (nginx's $request_id, a UUID, a trace id). */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Path segments as long as a secret link's token: masked in URLs that matched no route. */
const TOKEN_LIKE_SEGMENT = /^[A-Za-z0-9_~.%-]{20,}$/;
const MAX_LOGGED_PATH = 300;
const MAX_LOGGED_QUERY_KEYS = 20;

export function maskEmails(text: string): string {
  return text.replace(EMAIL, MASKED_EMAIL);
}

/** The request id: the proxy's or client's X-Request-Id when it is a sane value, else a new UUID. */
export function requestIdOf(raw: IncomingMessage): string {
  const header = raw.headers['x-request-id'];
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

function tokenRoute(pattern: string): boolean {
  return /:[A-Za-z]*token/i.test(pattern);
}

/** The URL as it may appear in a log line (see the header comment). */
export function loggableUrl(url: string, routePattern: string | undefined): string {
  const queryStart = url.indexOf('?');
  let path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (routePattern !== undefined && tokenRoute(routePattern)) {
    path = routePattern;
  } else if (routePattern === undefined) {
    path = path
      .slice(0, MAX_LOGGED_PATH)
      .split('/')
      .map((segment) => (TOKEN_LIKE_SEGMENT.test(segment) ? ':masqué' : segment))
      .join('/');
  }
  path = maskEmails(path);
  if (queryStart === -1) return path;
  const keys = [...new Set(new URLSearchParams(url.slice(queryStart + 1)).keys())].slice(0, MAX_LOGGED_QUERY_KEYS).map((key) => maskEmails(key.slice(0, 40)));
  return keys.length === 0 ? path : `${path}?${keys.join('&')}`;
}

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth - 1));
  // Only plain objects: requests, replies and errors have serializers of their own.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth - 1)]));
}

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string;
  statusCode?: number;
  cause?: SerializedError;
}

/**
 * Name, message, stack and code: enough to find the bug. Not the driver's extra fields
 * (PostgreSQL's `detail` reads "Key (email)=(jeanne@…) already exists").
 */
export function serializeError(error: unknown, depth = 3): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: maskEmails(String(error)), stack: '' };
  const extra = error as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: error.name,
    message: maskEmails(error.message),
    stack: maskEmails(error.stack ?? ''),
    ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
    ...(typeof extra.statusCode === 'number' ? { statusCode: extra.statusCode } : {}),
    ...(error.cause !== undefined && depth > 0 ? { cause: serializeError(error.cause, depth - 1) } : {}),
  };
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Fastify's `logger` option: false when silent and nobody reads the lines. */
export function loggerOptions(config: Pick<Config, 'logLevel'>, destination?: LogDestination): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent' && !destination) return false;
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'headers["set-cookie"]', '*.password', '*.token'],
      censor: CENSOR,
    },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: loggableUrl(request.url, request.routeOptions?.url) }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: (error: unknown) => serializeError(error),
      msg: (message: unknown) => (typeof message === 'string' ? maskEmails(message) : message),
    },
    formatters: {
      log: (object: Record<string, unknown>) => maskDeep(object, 4) as Record<string, unknown>,
    },
  };
  return destination ? { ...options, stream: destination } : options;
}
