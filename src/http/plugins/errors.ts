/**
 * The one place where errors become HTTP answers: domain codes map to a status and keep their
 * French message; the API answers JSON { error: { code, message } }, pages answer HTML.
 * Unexpected errors are logged and shown as a generic French message (no internals leak).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { ErrorPage } from '../../views/errors/ErrorPage.js';
import { renderPage } from '../../views/render.js';
import { frenchValidationMessage } from './validationMessages.js';
import type { PageContext } from '../../views/pageContext.js';
import { pageContextOf } from '../web/pageContext.js';

const STATUS_OF: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  VALIDATION_FAILED: 422,
  NOT_A_FICHE: 422,
  FICHE_FILE_UNREADABLE: 422,
  NO_FUNDER: 409,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  LINK_INVALID: 410,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  REGISTRATION_CLOSED: 409,
  NOT_ELIGIBLE: 422,
  PREREQUISITE_MISSING: 422,
  ALREADY_REGISTERED: 409,
  INVALID_TRANSITION: 409,
  OFFER_UNAVAILABLE: 410,
  IDEMPOTENCY_KEY_REUSED: 422,
};

const TITLE_OF: Record<number, string> = {
  401: 'Connexion nécessaire',
  403: 'Accès refusé',
  404: 'Page introuvable',
  410: 'Lien expiré ou déjà utilisé',
  429: 'Trop de tentatives',
};

interface ErrorAnswer {
  status: number;
  code: string;
  title: string;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * The database went away (PostgreSQL restarted, failed over, unreachable): SQLSTATE 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 (connection
 * exception), refused or reset sockets, and pg's own messages for a connection lost mid-use.
 * The request did not happen, or its transaction is safe to retry (idempotency keys): 503.
 */
const DATABASE_GONE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
const DATABASE_GONE_MESSAGE = /Connection terminated|not queryable/i;
/** The disk is full: SQLite's SQLITE_FULL, PostgreSQL's 53100 disk_full. Nothing was written. */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', '53100']);
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The error and its causes (a driver error may be wrapped once or twice; a refused connection to a name with several addresses is an AggregateError). */
function errorChain(error: unknown): Array<{ code?: unknown; message: string }> {
  const chain: Array<{ code?: unknown; message: string }> = [];
  for (let current: unknown = error; current instanceof Error && chain.length < 5; current = current.cause) {
    chain.push(current as Error & { code?: unknown });
    if (current instanceof AggregateError) chain.push(...current.errors.filter((inner): inner is Error => inner instanceof Error));
  }
  return chain;
}

function databaseFault(error: unknown): ErrorAnswer | null {
  const chain = errorChain(error);
  if (chain.some((link) => typeof link.code === 'string' && DISK_FULL_CODES.has(link.code))) {
    return {
      status: 507,
      code: 'INSUFFICIENT_STORAGE',
      title: 'Espace disque insuffisant',
      message: 'Espace disque insuffisant sur le serveur : rien n’a été enregistré. Réessayez plus tard ; si cela persiste, prévenez l’équipe Relais.',
    };
  }
  const gone = chain.some((link) => (typeof link.code === 'string' && (DATABASE_GONE_CODES.has(link.code) || link.code.startsWith('08'))) || DATABASE_GONE_MESSAGE.test(link.message));
  if (!gone) return null;
  return {
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    title: 'Service momentanément indisponible',
    message: 'Service momentanément indisponible, réessayez dans un instant.',
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  };
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function send(request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer) {
  reply.status(answer.status);
  if (isApi(request)) return reply.type('application/json; charset=utf-8').send({ error: { code: answer.code, message: answer.message } });
  return reply.type('text/html; charset=utf-8').send(renderPage(ErrorPage({ title: answer.title, message: answer.message, context: contextFor(request, reply) })));
}

/** The signed-in header on error pages too, when the request got far enough to know who asks. */
function contextFor(request: FastifyRequest, reply: FastifyReply): PageContext | undefined {
  if (!request.signedIn) return undefined;
  try {
    return pageContextOf(request, reply);
  } catch {
    return undefined;
  }
}

function answerFor(error: FastifyError | DomainError): ErrorAnswer {
  if (error instanceof DomainError) {
    const status = STATUS_OF[error.code];
    return { status, code: error.code, title: TITLE_OF[status] ?? 'Demande refusée', message: error.message };
  }
  if (error.validation) {
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Demande invalide',
      message: frenchValidationMessage(error.validation, error.validationContext),
    };
  }
  const status = error.statusCode ?? 500;
  if (error.code?.startsWith('FST_CSRF')) {
    return { status: 403, code: 'CSRF_INVALID', title: 'Formulaire expiré', message: 'Le formulaire a expiré ou n’a pas été envoyé depuis Relais. Rechargez la page et réessayez.' };
  }
  if (status === 413) return { status, code: 'PAYLOAD_TOO_LARGE', title: 'Envoi trop volumineux', message: 'Le contenu envoyé est trop volumineux.' };
  if (status === 415) return { status, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Format non pris en charge', message: 'Le format du contenu envoyé n’est pas pris en charge.' };
  if (status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', title: 'Demande invalide', message: 'La demande est invalide ou mal formée.' };
  const fault = databaseFault(error);
  if (fault) return fault;
  // Two requests raced to create the same thing (the same name, the same address): on
  // PostgreSQL both checks before the insert saw nothing, and the unique index refused the
  // second (SQLSTATE 23505). A lost race is a conflict, not a server error.
  if (errorChain(error).some((link) => link.code === '23505' || link.code === 'SQLITE_CONSTRAINT_UNIQUE')) {
    return { status: 409, code: 'CONFLICT', title: 'Demande refusée', message: 'Une autre demande vient d’enregistrer la même chose au même moment : rechargez la page pour voir les données à jour.' };
  }
  return { status: 500, code: 'INTERNAL_ERROR', title: 'Erreur inattendue', message: 'Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez l’équipe Relais.' };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = answerFor(error);
    if (error instanceof DomainError && typeof error.details.retryAfterSeconds === 'number') {
      reply.header('Retry-After', String(error.details.retryAfterSeconds));
    }
    if (answer.retryAfterSeconds !== undefined) reply.header('Retry-After', String(answer.retryAfterSeconds));
    if (answer.status >= 500) request.log.error({ err: error }, 'unexpected error');
    return send(request, reply, answer);
  });
  app.setNotFoundHandler((request, reply) =>
    send(request, reply, {
      status: 404,
      code: 'NOT_FOUND',
      title: 'Page introuvable',
      message: isApi(request) ? 'Ressource introuvable.' : 'La page demandée n’existe pas ou n’est plus en ligne.',
    }),
  );
}
