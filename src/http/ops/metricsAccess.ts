/**
 * Who may read /metrics: a scraper on the same machine without a token; anyone else only
 * with `Authorization: Bearer <METRICS_TOKEN>`, and nobody when no token is configured.
 *
 * "Same machine" is the TCP peer, never X-Forwarded-For (which anybody can send, and which
 * trustProxy makes request.ip believe). A reverse proxy on the same machine is a loopback peer
 * too, so a request that went through one (it carries a forwarding header) counts as remote:
 * otherwise nginx would hand the metrics to the whole internet.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export type MetricsAccess = 'allowed' | 'token-required' | 'hidden';

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host'];

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

export function isLocalRequest(request: FastifyRequest): boolean {
  if (!isLoopbackAddress(request.socket.remoteAddress)) return false;
  return !FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
}

/** Compared as hashes, in constant time: the answer's timing says nothing of the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function metricsAccess(request: FastifyRequest, token: string | null): MetricsAccess {
  if (isLocalRequest(request)) return 'allowed';
  if (token === null) return 'hidden';
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer !== undefined && sameSecret(bearer, token) ? 'allowed' : 'token-required';
}
