/**
 * Turns registration events into outbox mails, inside the caller's transaction (DESIGN.md §3:
 * the mail exists if and only if the change commits). Every mail of a funder's registrations
 * is readable by its admins on « Courriels envoyés », except offers: their link answers for
 * the employer.
 */
import type { GroupFacts, RegistrationContacts } from '../../db/repositories/registrationRepository.js';
import type { AttachmentSpec } from '../../mail/attachmentSpec.js';
import type { MailContent } from '../../notifications/accountMails.js';
import {
  cancelledMail,
  convocationMail,
  groupCancelledMail,
  offerExpiredMail,
  offerMail,
  registrationConfirmedMail,
  registrationReceivedMail,
  rejectedMail,
  waitlistedMail,
  type GroupText,
} from '../../notifications/registrationMails.js';
import type { Repositories } from '../repositories.js';

export interface NoticeContext {
  repos: Repositories;
  facts: GroupFacts;
  baseUrl: URL;
  now: Date;
  /** Loaded once per transaction, on first use. */
  days?: Array<{ date: string; halfDays: Array<{ startTime: string; endTime: string }> }>;
}

const EMPLOYER_REGISTRATIONS_PATH = '/employeur/inscriptions';

async function daysOf(context: NoticeContext) {
  context.days ??= await context.repos.registrations.daysOf(context.facts.sessionId);
  return context.days;
}

async function groupText(context: NoticeContext): Promise<GroupText> {
  const days = await daysOf(context);
  return { trainingTitle: context.facts.trainingTitle, label: context.facts.label, city: context.facts.city, dates: days.map((day) => day.date) };
}

const DAY_FORMAT = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Mardi 10 mars 2027 : 9 h 00 – 12 h 30, 13 h 30 – 17 h 00", one line per day. */
export async function scheduleText(context: NoticeContext): Promise<string> {
  const format = DAY_FORMAT;
  const time = (value: string) => value.replace(':', ' h ');
  return (await daysOf(context))
    .map((day) => {
      const label = format.format(new Date(`${day.date}T12:00:00Z`));
      const times = day.halfDays.map((half) => `${time(half.startTime)} – ${time(half.endTime)}`).join(', ');
      return `- ${label.charAt(0).toUpperCase()}${label.slice(1)}${times ? ` : ${times}` : ''}`;
    })
    .join('\n');
}

function venueText(facts: GroupFacts): string {
  return [facts.venueName, facts.city].filter(Boolean).join(', ') || 'communiqué par l’organisme de formation';
}

function link(context: NoticeContext, path: string): string {
  return new URL(path, context.baseUrl).toString();
}

interface PendingMail {
  kind: string;
  recipient: string | null;
  mail: MailContent;
  options?: { attachments?: AttachmentSpec[]; dedupeKey?: string; private?: boolean };
}

/** Writes the mails in one statement; a mail without recipient (the HR contact left) is skipped. */
async function enqueue(context: NoticeContext, ...mails: PendingMail[]) {
  await context.repos.outbox.enqueueMany(
    mails.flatMap(({ kind, recipient, mail, options = {} }) =>
      recipient === null
        ? []
        : [{ kind, recipient, subject: mail.subject, text: mail.text, attachments: options.attachments, dedupeKey: options.dedupeKey ?? null, funderId: options.private ? null : context.facts.funderId }],
    ),
    context.now,
  );
}

function convocationAttachments(registrationId: string): AttachmentSpec[] {
  return [
    { kind: 'convocation_pdf', registrationId },
    { kind: 'convocation_ics', registrationId },
  ];
}

/** Pending, confirmed or waitlisted: what the employer (and, once confirmed, the trainee) hears. */
export async function noticePlaced(context: NoticeContext, registrationId: string, contacts: RegistrationContacts, placement: 'pending' | 'confirmed' | 'waitlisted', position: number | null): Promise<void> {
  const group = await groupText(context);
  const employerLink = link(context, EMPLOYER_REGISTRATIONS_PATH);
  if (placement === 'pending') {
    await enqueue(context, { kind: 'registration.received', recipient: contacts.hrEmail, mail: registrationReceivedMail({ traineeName: contacts.traineeName, group, link: employerLink }) });
  } else if (placement === 'waitlisted') {
    await enqueue(context, { kind: 'registration.waitlisted', recipient: contacts.hrEmail, mail: waitlistedMail({ traineeName: contacts.traineeName, group, position: position ?? 1, link: employerLink }) });
  } else {
    await noticeConfirmed(context, registrationId, contacts);
  }
}

export async function noticeConfirmed(context: NoticeContext, registrationId: string, contacts: RegistrationContacts): Promise<void> {
  const group = await groupText(context);
  await enqueue(
    context,
    {
      kind: 'registration.convocation',
      recipient: contacts.traineeEmail,
      mail: convocationMail({ traineeName: contacts.traineeName, group, schedule: await scheduleText(context), venue: venueText(context.facts), link: null }),
      options: { attachments: convocationAttachments(registrationId), dedupeKey: `convocation:${registrationId}` },
    },
    {
      kind: 'registration.confirmed',
      recipient: contacts.hrEmail,
      mail: registrationConfirmedMail({ traineeName: contacts.traineeName, group, link: link(context, EMPLOYER_REGISTRATIONS_PATH) }),
      options: { attachments: [{ kind: 'convocation_pdf', registrationId }], dedupeKey: `confirmed:${registrationId}` },
    },
  );
}

export async function noticeOffer(context: NoticeContext, contacts: RegistrationContacts, token: string, expiresAt: Date): Promise<void> {
  const group = await groupText(context);
  // The link accepts the seat for whoever holds it: only the employer reads this mail.
  const mail = offerMail({ traineeName: contacts.traineeName, group, expiresAt, link: link(context, `/offres/${token}`) });
  await enqueue(context, { kind: 'registration.offer', recipient: contacts.hrEmail, mail, options: { private: true } });
}

export async function noticeOfferExpired(context: NoticeContext, contacts: RegistrationContacts): Promise<void> {
  await enqueue(context, { kind: 'registration.offer_expired', recipient: contacts.hrEmail, mail: offerExpiredMail({ traineeName: contacts.traineeName, group: await groupText(context) }) });
}

export async function noticeRejected(context: NoticeContext, contacts: RegistrationContacts, reason: string): Promise<void> {
  await enqueue(context, { kind: 'registration.rejected', recipient: contacts.hrEmail, mail: rejectedMail({ traineeName: contacts.traineeName, group: await groupText(context), reason }) });
}

/** A seat-holding registration cancelled: the trainee's convocation is void, the employer is told. */
export async function noticeCancelled(context: NoticeContext, contacts: RegistrationContacts, options: { byEmployer: boolean; traineeToo: boolean }): Promise<void> {
  const mail = cancelledMail({ traineeName: contacts.traineeName, group: await groupText(context), byEmployer: options.byEmployer });
  await enqueue(context, { kind: 'registration.cancelled', recipient: contacts.hrEmail, mail }, { kind: 'registration.cancelled', recipient: options.traineeToo ? contacts.traineeEmail : null, mail });
}

export async function noticeGroupCancelled(context: NoticeContext, contacts: RegistrationContacts, reason: string, otherGroups: readonly string[], traineeToo: boolean): Promise<void> {
  const mail = groupCancelledMail({ traineeName: contacts.traineeName, group: await groupText(context), reason, otherGroups, catalogueLink: link(context, `/formations/${context.facts.trainingSlug}`) });
  await enqueue(context, { kind: 'registration.group_cancelled', recipient: contacts.hrEmail, mail }, { kind: 'registration.group_cancelled', recipient: traineeToo ? contacts.traineeEmail : null, mail });
}
