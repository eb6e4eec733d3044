/**
 * One Relais instance of the scale benchmark, composed as src/main.ts composes it: the HTTP
 * app, the outbox worker and the registration jobs on the system clock; logger off, no
 * migration and no demo seeding (the parent prepared the database). Several of these run on
 * the same PostgreSQL database, each in its own process.
 *
 * Arguments: DATABASE_URL PG_POOL_SIZE [SMTP_URL] — with SMTP_URL the worker sends there
 * through the app's own transport (createSmtpTransport); without it (or « - ») mails are kept
 * in the database, as in production without SMTP_URL.
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { systemClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { RegistrationJobRunner } from '../../src/jobs/registrationJobs.js';
import { createAttachmentRenderer } from '../../src/mail/attachments.js';
import { createSmtpTransport } from '../../src/mail/mailTransport.js';
import { CatalogueFacetsCache } from '../../src/use-cases/searchCatalogue.js';
import { serveInChild } from '../support/serveInChild.js';
import { BENCH_MAIL_FROM } from './mails.js';

const [databaseUrl, poolSize, smtpUrl = '-'] = process.argv.slice(2);
if (!databaseUrl || !poolSize) throw new Error('usage : appServer.ts DATABASE_URL PG_POOL_SIZE [SMTP_URL|-]');
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: databaseUrl,
  BASE_URL: 'http://127.0.0.1',
  HOST: '127.0.0.1',
  DEMO_DATA: '0',
  PG_POOL_SIZE: poolSize,
  MAIL_FROM: BENCH_MAIL_FROM,
  ...(smtpUrl === '-' ? {} : { SMTP_URL: smtpUrl }),
});
const database = openDatabase(config.database, { poolSize: config.pgPoolSize });
const app = await buildApp({ config, database, clock: systemClock, catalogueFacets: new CatalogueFacetsCache(database, systemClock) });
const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.mailFrom) : null;
const outboxWorker = new OutboxWorker({ database, clock: systemClock, transport, from: config.mailFrom, renderAttachment: createAttachmentRenderer(database), logger: app.log });
const registrationJobs = new RegistrationJobRunner({ database, clock: systemClock, config }, { logger: app.log, intervalMs: config.registrationJobsSeconds * 1000 });
outboxWorker.start();
registrationJobs.start();
await serveInChild(app, async () => {
  await registrationJobs.stop();
  await outboxWorker.stop();
  await database.close();
});
