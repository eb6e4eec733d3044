/**
 * Composition root: configuration, database (migrated), demo data on an empty database, the
 * outbox worker (mails), the registration jobs (offers, reminders, minimum size), then the
 * HTTP server. Stops cleanly on SIGTERM/SIGINT: no new
 * requests, in-flight ones and the mail being sent finish, then the pool closes.
 */
import type { ServerResponse } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { describeDemoSeed } from './demo/describeDemoSeed.js';
import { seedDemoIfEmpty } from './demo/seedDemo.js';
import { systemClock } from './domain/clock.js';
import { buildApp } from './http/app.js';
import { OutboxWorker } from './jobs/outboxWorker.js';
import { RegistrationJobRunner } from './jobs/registrationJobs.js';
import { createAttachmentRenderer } from './mail/attachments.js';
import { createSmtpTransport } from './mail/mailTransport.js';
import { CatalogueFacetsCache } from './use-cases/searchCatalogue.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.database, { poolSize: config.pgPoolSize });
  await migrateToLatest(database);
  if (config.demoData) {
    const seed = await seedDemoIfEmpty(database, systemClock, { withAccounts: config.nodeEnv !== 'production' });
    if (seed.seeded) console.log(describeDemoSeed(seed));
  }
  const app = await buildApp({ config, database, clock: systemClock, catalogueFacets: new CatalogueFacetsCache(database, systemClock) });
  const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.mailFrom) : null;
  const outboxWorker = new OutboxWorker({ database, clock: systemClock, transport, from: config.mailFrom, logger: app.log, renderAttachment: createAttachmentRenderer(database) });
  outboxWorker.start();
  const registrationJobs = new RegistrationJobRunner({ database, clock: systemClock, config }, { logger: app.log, intervalMs: config.registrationJobsSeconds * 1000 });
  registrationJobs.start();
  // Node's server.close() ends only the connections idle at that instant: a kept-alive one
  // (nginx keeps some open to every instance) whose request is still running would hold the
  // exit until its keep-alive timeout (72 s). So, once stopping, answers not yet begun say
  // « Connection: close », and each connection left idle by an answer is closed at once.
  let stopping = false;
  const answering = new Set<ServerResponse>();
  app.server.on('request', (_request, response: ServerResponse) => {
    answering.add(response);
    response.once('close', () => {
      answering.delete(response);
      if (stopping) setImmediate(() => app.server.closeIdleConnections());
    });
  });
  await app.listen({ port: config.port, host: config.host });
  console.log(`Relais est prêt : ${config.baseUrl.origin} (base ${config.database.kind === 'sqlite' ? config.database.filename : 'PostgreSQL'})`);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    for (const response of answering) if (!response.headersSent) response.setHeader('connection', 'close');
    console.log(`${signal} reçu : arrêt en cours…`);
    await app.close();
    await registrationJobs.stop();
    await outboxWorker.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Relais n’a pas pu démarrer :', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
