/**
 * Turns the attachment descriptions stored with an outbox mail (attachmentSpec.ts) into files,
 * at sending time. A registration that is gone, no longer confirmed, or whose group was
 * cancelled throws a permanent MailDeliveryError: the worker then marks the mail 'failed' at
 * once (with the reason as last error) instead of sending a convocation nobody should follow.
 * Any other error (e.g. the database being unreachable) is a failed try, retried with backoff.
 */
import type { Database } from '../db/database.js';
import { convocationFileStem, convocationUnavailableReason, loadConvocationFacts } from '../documents/convocation/convocationDocuments.js';
import { renderConvocationIcs } from '../documents/convocation/convocationIcs.js';
import { renderConvocationPdf } from '../documents/convocation/convocationPdf.js';
import type { AttachmentSpec } from './attachmentSpec.js';
import { MailDeliveryError, type MailAttachment } from './mailTransport.js';

export type { MailAttachment };

export type AttachmentRenderer = (spec: AttachmentSpec) => Promise<MailAttachment>;

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

export function createAttachmentRenderer(database: Database): AttachmentRenderer {
  return async (spec) => {
    const facts = await loadConvocationFacts(database, spec.registrationId);
    if (!facts) throw unavailable(spec, 'inscription introuvable');
    const reason = convocationUnavailableReason(facts);
    if (reason !== null) throw unavailable(spec, reason);
    const stem = convocationFileStem(facts);
    switch (spec.kind) {
      case 'convocation_pdf':
        return { filename: `${stem}.pdf`, contentType: 'application/pdf', content: await renderConvocationPdf(facts) };
      case 'convocation_ics':
        return { filename: `${stem}.ics`, contentType: ICS_CONTENT_TYPE, content: renderConvocationIcs(facts) };
    }
  };
}

function unavailable(spec: AttachmentSpec, reason: string): MailDeliveryError {
  return new MailDeliveryError(`ATTACHMENT: ${spec.kind} de l’inscription ${spec.registrationId} impossible : ${reason}`, true, false);
}
