/**
 * What an outbox mail carries as attachments: a description, not the bytes. The documents
 * are rendered by the worker when the mail is sent (src/mail/attachments.ts), so the
 * transaction that takes a seat stays short and the mail shows the group as it is then.
 */
export type AttachmentKind = 'convocation_pdf' | 'convocation_ics';

export interface AttachmentSpec {
  kind: AttachmentKind;
  registrationId: string;
}

export function serializeAttachments(specs: readonly AttachmentSpec[] | undefined): string | null {
  return specs === undefined || specs.length === 0 ? null : JSON.stringify(specs);
}

export function parseAttachments(stored: string | null): AttachmentSpec[] {
  if (stored === null) return [];
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (item): item is AttachmentSpec =>
      typeof item === 'object' && item !== null && typeof (item as AttachmentSpec).registrationId === 'string' && ['convocation_pdf', 'convocation_ics'].includes((item as AttachmentSpec).kind),
  );
}
