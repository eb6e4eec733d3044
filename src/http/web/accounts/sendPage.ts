import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderPage } from '../../../views/render.js';

/**
 * Sends a rendered page. Account pages show personal data, one-time links or secrets:
 * `noStore` keeps them out of every cache, the browser's back-forward cache included.
 */
export function sendPage(reply: FastifyReply, page: VNode, options: { status?: number; noStore?: boolean } = {}) {
  if (options.noStore ?? true) reply.header('Cache-Control', 'no-store');
  return reply.status(options.status ?? 200).type('text/html; charset=utf-8').send(renderPage(page));
}
