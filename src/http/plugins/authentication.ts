/**
 * Who is asking. Pages: the session cookie (HttpOnly, SameSite=Lax, Secure on https), looked up
 * in the database so any instance recognises it. API: `Authorization: Bearer rls_…` only — the
 * API never reads cookies, so it needs no CSRF token. An invalid bearer token is a 401, never
 * a silent downgrade to anonymous.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Acting } from '../../use-cases/accounts/requestContext.js';
import { resolveSession, type SignedIn } from '../../use-cases/accounts/resolveSession.js';
import { authenticateApiToken } from '../../use-cases/accounts/apiTokens.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { SESSION_ABSOLUTE_MS } from '../../use-cases/accounts/sessionLifetime.js';

export const SESSION_COOKIE = 'relais_session';

declare module 'fastify' {
  interface FastifyRequest {
    acting: Acting;
    signedIn: SignedIn | null;
  }
}

export function setSessionCookie(reply: FastifyReply, context: AppContext, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: context.config.baseUrl.protocol === 'https:',
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, context: AppContext): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: context.config.baseUrl.protocol === 'https:' });
}

function metaOf(request: FastifyRequest) {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null };
}

async function authenticate(request: FastifyRequest, context: AppContext): Promise<void> {
  const meta = metaOf(request);
  request.signedIn = null;
  request.acting = { actor: { kind: 'anonymous' }, label: 'Anonyme', meta };
  if (request.url.startsWith('/api/')) {
    const header = request.headers.authorization;
    if (!header) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const found = bearer ? await authenticateApiToken(context.database, context.clock, bearer) : null;
    if (!found) throw new DomainError('UNAUTHENTICATED', 'Jeton d’API invalide, expiré ou révoqué.');
    request.acting = { actor: found.actor, label: found.label, meta };
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const signedIn = await resolveSession(context.database, context.clock, token);
  if (!signedIn) return;
  request.signedIn = signedIn;
  request.acting = { actor: signedIn.actor, label: `${signedIn.displayName} <${signedIn.email}>`, meta };
}

async function authenticationPlugin(app: FastifyInstance, { context }: { context: AppContext }): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('acting', null as unknown as Acting);
  app.decorateRequest('signedIn', null);
  app.addHook('onRequest', async (request) => authenticate(request, context));
}

export const authentication = fp(authenticationPlugin, { name: 'relais-authentication' });
