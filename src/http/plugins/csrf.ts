/**
 * CSRF protection for every HTML form: a secret in a SameSite=Strict cookie and a token in a
 * hidden `_csrf` field, checked as a preHandler on every unsafe method outside the API (the API
 * authenticates with bearer tokens, which a browser never sends by itself).
 */
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function csrfPlugin(app: FastifyInstance, { secure }: { secure: boolean }): Promise<void> {
  await app.register(csrf, {
    cookieKey: 'relais_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const value = body && typeof body === 'object' ? body._csrf : undefined;
      return typeof value === 'string' ? value : (request.headers['x-csrf-token'] as string | undefined);
    },
  });
  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
}

export const csrfProtection = fp(csrfPlugin, { name: 'relais-csrf' });
