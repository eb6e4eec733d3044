import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { ConvocationRepository } from '../../src/db/repositories/convocationRepository.js';
import { OutboxRepository } from '../../src/db/repositories/outboxRepository.js';
import type { RegistrationStatus } from '../../src/db/schema.js';
import type { ConvocationFacts } from '../../src/documents/convocation/convocationFacts.js';
import { convocationIcsFor, convocationPdfFor } from '../../src/documents/convocation/convocationDocuments.js';
import { OutboxWorker, type OutboxLogger } from '../../src/jobs/outboxWorker.js';
import type { AttachmentSpec } from '../../src/mail/attachmentSpec.js';
import { createAttachmentRenderer, type AttachmentRenderer } from '../../src/mail/attachments.js';
import { createSmtpTransport, type MailTransport } from '../../src/mail/mailTransport.js';
import { importFiche } from '../../src/use-cases/importFiche.js';
import { repositoriesOn } from '../../src/use-cases/repositories.js';
import { fixedClock } from '../support/clock.js';
import { buildFunder } from '../support/factories.js';
import { SEED_FICHE_TEXT } from '../support/seedFiche.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtpServer.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/testDatabase.js';

const START = '2022-02-01T10:00:00.000Z';
const FROM = 'Relais <ne-pas-repondre@relais.test>';
const silent: OutboxLogger = { warn: () => {}, error: () => {} };
const run = promisify(execFile);

interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
}

/** Every leaf part of a MIME message, decoded: just enough to read back nodemailer's attachments. */
function mimeLeaves(raw: string): MimePart[] {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => mimeLeaves(part.replace(/^\r\n/, '')));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const content = body.replace(/\r\n$/, '');
  let decoded: Buffer;
  if (encoding === 'base64') decoded = Buffer.from(content.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') decoded = Buffer.from(content.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1');
  else decoded = Buffer.from(content, 'utf8');
  return [{ headers, body: decoded }];
}

/** The PDF's text as one line: wrapped lines joined, no-break spaces ("9 h 00") as spaces. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { text } = await extractText(document, { mergePages: true });
    return text.replace(/[\s\u00A0]+/g, ' ');
  } finally {
    await document.destroy();
  }
}

function dtstarts(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((line) => line.startsWith('DTSTART'));
}

describe.each(TEST_DIALECTS)('convocation on %s', (dialect) => {
  const clock = fixedClock(START);
  let test: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let outbox: OutboxRepository;
  let trainingTitle: string;
  let funderId: string;
  let trainingId: string;
  let sessionId: string;
  let employerId: string;
  let seq = 0;

  const worker = (overrides: { transport?: MailTransport | null; renderAttachment?: AttachmentRenderer } = {}) =>
    new OutboxWorker({ database: test.database, clock, transport, from: FROM, logger: silent, renderAttachment: createAttachmentRenderer(test.database), ...overrides });

  /** A trainee of the employer with a registration in Groupe 1, written as the registration use case would. */
  async function register(person: { firstName: string; lastName: string }, status: RegistrationStatus = 'confirmed'): Promise<string> {
    const at = clock.now().toISOString();
    const traineeId = newId();
    const registrationId = newId();
    seq += 1;
    await test.database.db
      .insertInto('trainees')
      .values({
        id: traineeId,
        employer_id: employerId,
        first_name: person.firstName,
        last_name: person.lastName,
        email: `${person.lastName.toLowerCase()}.${seq}@tilleuls.fr`,
        profession: 'educateur_specialise',
        created_at: at,
        updated_at: at,
        erased_at: null,
      })
      .execute();
    await test.database.db
      .insertInto('registrations')
      .values({
        id: registrationId,
        session_id: sessionId,
        training_id: trainingId,
        trainee_id: traineeId,
        employer_id: employerId,
        funder_id: funderId,
        status,
        seq,
        requested_at: at,
        requested_by: null,
        declaration: null,
        status_changed_at: at,
        offer_expires_at: null,
        offer_token_hash: null,
        decided_by: null,
        decision_reason: null,
        cancel_reason: null,
        moved_from_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return registrationId;
  }

  const convocationMail = (registrationId: string, recipient: string) => ({
    kind: 'registration_confirmed',
    recipient,
    subject: 'Votre convocation à « Aller vers »',
    text: 'Bonjour,\nvous trouverez votre convocation en pièce jointe.',
    funderId,
    attachments: [
      { kind: 'convocation_pdf', registrationId },
      { kind: 'convocation_ics', registrationId },
    ] satisfies AttachmentSpec[],
  });

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    transport = createSmtpTransport(smtp.url, FROM);
    outbox = new OutboxRepository(test.database.db, dialect);
    const funder = await buildFunder(test.database, { name: 'OPCO Santé Hauts-de-France' });
    funderId = funder.id;
    const imported = await importFiche(test.database, clock, { text: SEED_FICHE_TEXT, funderSlug: funder.slug, regionCode: '32', publish: true });
    trainingId = imported.saved?.trainingId ?? '';
    const training = await test.database.db.selectFrom('trainings').select(['title', 'provider_id']).where('id', '=', trainingId).executeTakeFirstOrThrow();
    trainingTitle = training.title;
    const { organisations } = repositoriesOn(test.database.db, dialect);
    await organisations.updateProviderIdentity(training.provider_id ?? '', { siret: '12345678900012', nda: '31590000059', city: 'Lille' });
    employerId = await organisations.insertEmployer({ funderId, name: 'Association Les Tilleuls', siret: '73282932000074', sector: 'Social', regionId: null, city: 'Lille', postcode: '59000' });
    const session = await test.database.db.selectFrom('sessions').select('id').where('training_id', '=', trainingId).where('label', '=', 'Groupe 1').executeTakeFirstOrThrow();
    sessionId = session.id;
    // The fiche gives the city only; the provider adds the venue later.
    await test.database.db.updateTable('sessions').set({ venue_name: 'Maison des associations', address: '72 rue Royale', postcode: '59000' }).where('id', '=', sessionId).execute();
  });
  afterEach(async () => {
    smtp.received.length = 0;
    clock.set(START);
    await test.database.db.deleteFrom('outbox').execute();
  });
  afterAll(async () => {
    await smtp?.close();
    await test?.cleanup();
  });

  it('loads everything the convocation says in one go', async () => {
    const registrationId = await register({ firstName: 'Hélène', lastName: 'Dupont' });
    const facts = await new ConvocationRepository(test.database.db).findConvocation(registrationId);
    expect(facts).toMatchObject({
      registration: { id: registrationId, status: 'confirmed' },
      trainee: { firstName: 'Hélène', lastName: 'Dupont' },
      employer: { name: 'Association Les Tilleuls' },
      training: { id: trainingId, title: trainingTitle, moduleTitle: 'Aller vers : une nécessaire préparation' },
      provider: { name: 'APSN', siret: '12345678900012', nda: '31590000059' },
      funder: { name: 'OPCO Santé Hauts-de-France' },
      contact: { name: 'Chloe Demeyere', email: 'chloe.dmeyere@opco-sante.fr', phone: null },
      session: { id: sessionId, label: 'Groupe 1', venueName: 'Maison des associations', address: '72 rue Royale', postcode: '59000', city: 'Lille', cancelled: false },
    } satisfies Partial<Record<keyof ConvocationFacts, unknown>>);
    const standard = [
      { period: 'morning', startTime: '09:00', endTime: '12:30' },
      { period: 'afternoon', startTime: '13:30', endTime: '17:00' },
    ];
    expect(facts?.days).toEqual([
      { date: '2022-03-10', halfDays: standard },
      { date: '2022-03-11', halfDays: standard },
    ]);
    expect(await new ConvocationRepository(test.database.db).findConvocation('inconnue')).toBeUndefined();
  });

  it('mails the convocation with its PDF and .ics attachments, rendered when the mail goes', async () => {
    const registrationId = await register({ firstName: 'Hélène', lastName: 'Dupont' });
    await outbox.enqueue(convocationMail(registrationId, 'helene.dupont@tilleuls.fr'), clock.now());
    expect(await worker().drainOnce()).toEqual({ sent: 1, kept: 0, failed: 0 });

    const [received] = smtp.received;
    expect(received?.rcptTo).toEqual(['helene.dupont@tilleuls.fr']);
    const leaves = mimeLeaves(received?.raw ?? '');
    const byType = (type: string) => leaves.find((leaf) => (leaf.headers.get('content-type') ?? '').toLowerCase().startsWith(type));
    expect(byType('text/plain')?.body.toString('utf8')).toContain('vous trouverez votre convocation en pièce jointe.');

    const pdf = byType('application/pdf');
    expect(pdf?.headers.get('content-disposition')).toMatch(/^attachment; filename=convocation-dupont-helene\.pdf$/);
    expect(pdf?.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf?.body ?? Buffer.alloc(0));
    expect(text).toContain('Madame, Monsieur Hélène Dupont,');
    expect(text).toContain(`Vous êtes convoqué·e à la formation « ${trainingTitle} »`);
    expect(text).toContain('les 10 & 11 mars 2022');
    expect(text).toContain('Jeudi 10 mars 2022 : 9 h 00 – 12 h 30 et 13 h 30 – 17 h 00');
    expect(text).toContain('Maison des associations 72 rue Royale 59000 Lille');
    expect(text).toContain('APSN — SIRET 123 456 789 00012 — déclaration d’activité n° 31590000059');
    expect(text).toContain('Chloe Demeyere — chloe.dmeyere@opco-sante.fr');
    expect(text).toContain(`Référence de l’inscription : ${registrationId}`);

    const ics = byType('text/calendar');
    expect(ics?.headers.get('content-type')).toMatch(/^text\/calendar; charset=utf-8; method=PUBLISH\b/);
    expect(ics?.headers.get('content-disposition')).toMatch(/filename=convocation-dupont-helene\.ics$/);
    const calendar = ics?.body.toString('utf8') ?? '';
    // 09:00 in Paris on 10 March 2022 (winter time, UTC+1) is 08:00 UTC.
    expect(new Date('2022-03-10T08:00:00Z').toLocaleString('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' })).toBe('09:00');
    expect(dtstarts(calendar)).toEqual(['DTSTART:20220310T080000Z', 'DTSTART:20220311T080000Z']);
    const unfolded = calendar.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(`UID:${registrationId}-2022-03-10@relais`);
    expect(unfolded).toContain(`SUMMARY:${trainingTitle}`);

    // The download helper gives the same documents.
    const downloaded = await convocationPdfFor(test.database, registrationId);
    expect(downloaded?.equals(pdf?.body ?? Buffer.alloc(0))).toBe(true);
    expect(await convocationIcsFor(test.database, registrationId)).toBe(calendar);
    expect(await convocationPdfFor(test.database, 'inconnue')).toBeUndefined();
  });

  it('does not send a convocation for a registration that is no longer confirmed, and says why', async () => {
    const registrationId = await register({ firstName: 'Karim', lastName: 'Benali' }, 'cancelled');
    await outbox.enqueue(convocationMail(registrationId, 'karim.benali@tilleuls.fr'), clock.now());
    expect(await worker().drainOnce()).toEqual({ sent: 0, kept: 0, failed: 1 });
    expect(smtp.received).toHaveLength(0);
    const row = await test.database.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('n’est pas confirmée');
    expect(await convocationPdfFor(test.database, registrationId)).toBeUndefined();
    expect(await convocationIcsFor(test.database, registrationId)).toBeUndefined();
  });

  it('counts a rendering error as a failed try to retry later, and renders nothing when mails are only kept', async () => {
    const registrationId = await register({ firstName: 'Léa', lastName: 'Martin' });
    await outbox.enqueue(convocationMail(registrationId, 'lea.martin@tilleuls.fr'), clock.now());
    const broken = async () => {
      throw new Error('base injoignable');
    };
    expect(await worker({ renderAttachment: broken }).drainOnce()).toEqual({ sent: 0, kept: 0, failed: 1 });
    const row = await test.database.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toBe('ATTACHMENT: base injoignable');

    // Without SMTP the mail stays readable in the database: no document is needed.
    clock.set('2022-02-01T10:01:00.000Z');
    expect(await worker({ transport: null, renderAttachment: broken }).drainOnce()).toEqual({ sent: 0, kept: 1, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('writes the .ics times for Paris whatever TZ the process runs with', async () => {
    const facts: ConvocationFacts = {
      registration: { id: 'r1', status: 'confirmed' },
      revisedAt: '2027-01-15T09:30:00.000Z',
      trainee: { firstName: 'Hélène', lastName: 'Dupont', email: 'helene@exemple.fr' },
      employer: { name: 'Association Les Tilleuls' },
      training: { id: 't1', title: 'Aller vers', moduleTitle: null },
      provider: null,
      funder: { name: 'OPCO Santé' },
      contact: null,
      session: { id: 's1', label: 'Groupe 1', venueName: null, address: null, postcode: null, city: 'Lille', cancelled: false },
      days: ['2027-03-10', '2027-06-15'].map((date) => ({
        date,
        halfDays: [
          { period: 'morning', startTime: '09:00', endTime: '12:30' },
          { period: 'afternoon', startTime: '13:30', endTime: '17:00' },
        ],
      })),
    };
    // TZ is read once at start-up: only a fresh process shows what another zone would do.
    const module = fileURLToPath(new URL('../../src/documents/convocation/convocationIcs.ts', import.meta.url));
    const script = `
      const { renderConvocationIcs } = await import(${JSON.stringify(module)});
      const ics = renderConvocationIcs(JSON.parse(process.env.FACTS));
      console.log(JSON.stringify({ offset: new Date('2027-03-10T12:00:00Z').getTimezoneOffset(), dtstart: ics.split('\\r\\n').filter((line) => line.startsWith('DTSTART')) }));
    `;
    const outputs = await Promise.all(
      ['America/New_York', 'Asia/Tokyo'].map(async (zone) => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: zone, FACTS: JSON.stringify(facts) } });
        return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { offset: number; dtstart: string[] };
      }),
    );
    // The zones really applied (New York is behind UTC, Tokyo ahead)…
    expect(outputs.map((output) => Math.sign(output.offset))).toEqual([1, -1]);
    // …and 09:00 Paris is 08:00 UTC in winter, 07:00 UTC in summer, in both.
    for (const output of outputs) expect(output.dtstart).toEqual(['DTSTART:20270310T080000Z', 'DTSTART:20270615T070000Z']);
  });
});
