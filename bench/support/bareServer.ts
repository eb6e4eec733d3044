/**
 * The reference target: a bare Fastify (same version as the app, no plugin, no logger) with
 * one JSON route. Pages are measured against what this machine can serve at best.
 */
import Fastify from 'fastify';
import { serveInChild } from './serveInChild.js';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'relais', ok: true }));
await serveInChild(app);
