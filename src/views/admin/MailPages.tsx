import type { OutboxMessage } from '../../db/repositories/outboxRepository.js';
import type { OutboxStatus } from '../../db/schema.js';
import { Pagination } from '../catalogue/Pagination.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { formatParisDateTime, OUTBOX_STATUS_LABELS } from './format.js';

function StatusBadge({ status }: { status: OutboxStatus }) {
  return <span class={`admin-mail-status admin-mail-status--${status}`}>{OUTBOX_STATUS_LABELS[status]}</span>;
}

export function MailsPage({
  frame,
  recipient,
  items,
  total,
  page,
  pageCount,
  counts,
}: {
  frame: AdminFrame;
  recipient: string;
  items: OutboxMessage[];
  total: number;
  page: number;
  pageCount: number;
  counts: Record<OutboxStatus, number>;
}) {
  const base = (n: number) => {
    const params = new URLSearchParams();
    if (recipient) params.set('destinataire', recipient);
    if (n > 1) params.set('page', String(n));
    const text = params.toString();
    return adminHref(frame, `/admin/courriels${text ? `?${text}` : ''}`);
  };
  return (
    <AdminPage
      frame={frame}
      title="Courriels envoyés"
      intro={<p>Les courriels que Relais a envoyés ou va envoyer. Sans serveur SMTP configuré, ils sont conservés ici : on peut y lire, par exemple, un lien d’invitation.</p>}
    >
      <ul class="admin-counts" aria-label="Courriels par statut">
        {(Object.keys(OUTBOX_STATUS_LABELS) as OutboxStatus[]).map((status) => (
          <li key={status}>
            <strong>{counts[status]}</strong> {OUTBOX_STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <form method="get" action="/admin/courriels" class="admin-search" role="search">
        {frame.funders.length > 1 ? <input type="hidden" name="financeur" value={frame.funderId} /> : null}
        <label for="destinataire">Destinataire (adresse exacte)</label>
        <div class="admin-search__row">
          <input id="destinataire" name="destinataire" type="search" value={recipient} maxLength={254} />
          <button type="submit" class="button button--primary">
            Rechercher
          </button>
        </div>
      </form>
      <div class="admin-table-wrap">
        <table class="admin-table">
          <caption>
            Courriels, du plus récent au plus ancien ({total}){pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Créé le</th>
              <th scope="col">Destinataire</th>
              <th scope="col">Objet</th>
              <th scope="col">Statut</th>
              <th scope="col">Tentatives</th>
              <th scope="col">Envoyé le</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={6}>Aucun courriel.</td>
              </tr>
            ) : null}
            {items.map((mail) => (
              <tr key={mail.id}>
                <td>
                  <time dateTime={mail.createdAt}>{formatParisDateTime(mail.createdAt)}</time>
                </td>
                <td>{mail.recipient}</td>
                <th scope="row">
                  <a href={adminHref(frame, `/admin/courriels/${encodeURIComponent(mail.id)}`)}>{mail.subject}</a>
                </th>
                <td>
                  <StatusBadge status={mail.status} />
                </td>
                <td>{mail.attempts}</td>
                <td>{mail.sentAt ? <time dateTime={mail.sentAt}>{formatParisDateTime(mail.sentAt)}</time> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pageCount} urlOf={base} />
    </AdminPage>
  );
}

export function MailPage({ frame, mail }: { frame: AdminFrame; mail: OutboxMessage }) {
  return (
    <AdminPage frame={frame} title={`Courriel : ${mail.subject}`}>
      <p>
        <a href={adminHref(frame, '/admin/courriels')}>Retour aux courriels envoyés</a>
      </p>
      <dl class="admin-facts">
        <div>
          <dt>Destinataire</dt>
          <dd>{mail.recipient}</dd>
        </div>
        <div>
          <dt>Objet</dt>
          <dd>{mail.subject}</dd>
        </div>
        <div>
          <dt>Statut</dt>
          <dd>
            <StatusBadge status={mail.status} />
          </dd>
        </div>
        <div>
          <dt>Tentatives</dt>
          <dd>{mail.attempts}</dd>
        </div>
        <div>
          <dt>Créé le</dt>
          <dd>{formatParisDateTime(mail.createdAt)}</dd>
        </div>
        <div>
          <dt>Envoyé le</dt>
          <dd>{formatParisDateTime(mail.sentAt)}</dd>
        </div>
        {mail.status === 'pending' ? (
          <div>
            <dt>Prochaine tentative</dt>
            <dd>{formatParisDateTime(mail.nextAttemptAt)}</dd>
          </div>
        ) : null}
        {mail.lastError ? (
          <div>
            <dt>Dernière erreur</dt>
            <dd>{mail.lastError}</dd>
          </div>
        ) : null}
      </dl>
      <h2>Texte du courriel</h2>
      <pre class="admin-mail-body" tabIndex={0}>
        {mail.text}
      </pre>
    </AdminPage>
  );
}
