/**
 * The real Relais app as src/main.ts composes it — the HTTP app, the outbox worker (no SMTP:
 * mails are kept in the database) and the registration jobs, on the system clock — logger
 * off, no migration and no demo seeding (the parent prepared the database). Run in its own
 * process by bench/registration/index.ts.
 *
 * Arguments: DATABASE_URL [PG_POOL_SIZE] [WORKERS] — WORKERS=off leaves the outbox worker and
 * the jobs stopped, to see what they cost (the default, on, is production).
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { systemClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { RegistrationJobRunner } from '../../src/jobs/registrationJobs.js';
import { createAttachmentRenderer } from '../../src/mail/attachments.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { serveInChild } from '../support/serveInChild.js';

const [databaseUrl, poolSize, workers = 'on'] = process.argv.slice(2);
if (!databaseUrl) throw new Error('usage : appServer.ts DATABASE_URL [PG_POOL_SIZE] [on|off]');
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: databaseUrl,
  BASE_URL: 'http://127.0.0.1',
  HOST: '127.0.0.1',
  DEMO_DATA: '0',
  ...(poolSize ? { PG_POOL_SIZE: poolSize } : {}),
});
const database = openDatabase(config.database, { poolSize: config.pgPoolSize });
const app = await buildApp({ config, database, clock: systemClock, catalogueFacets: new CatalogueFacetsCache(database, systemClock) });
const outboxWorker = new OutboxWorker({ database, clock: systemClock, transport: null, from: config.mailFrom, renderAttachment: createAttachmentRenderer(database), logger: app.log });
const registrationJobs = new RegistrationJobRunner({ database, clock: systemClock, config }, { logger: app.log });
if (workers === 'on') {
  outboxWorker.start();
  registrationJobs.start();
}
await serveInChild(app, async () => {
  await registrationJobs.stop();
  await outboxWorker.stop();
  await database.close();
});
