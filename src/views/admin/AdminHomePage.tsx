import type { OutboxStatus } from '../../db/schema.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { OUTBOX_STATUS_LABELS } from './format.js';

export interface AdminCounts {
  employers: { active: number; total: number };
  providers: { active: number; total: number };
  cofunders: { active: number; total: number };
  people: number;
  mails: Record<OutboxStatus, number>;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** The admin home: one card per section, with a few counts. */
export function AdminHomePage({ frame, counts }: { frame: AdminFrame; counts: AdminCounts }) {
  const mailStatuses = (Object.keys(OUTBOX_STATUS_LABELS) as OutboxStatus[]).filter((status) => counts.mails[status] > 0);
  return (
    <AdminPage frame={frame} title="Administration" intro={<p class="lead">Gérez les organisations, les personnes et leurs rôles, consultez le journal et les courriels envoyés.</p>}>
      <ul class="admin-cards">
        <li class="admin-card">
          <h2>
            <a href={adminHref(frame, '/admin/organisations')}>Organisations</a>
          </h2>
          <ul>
            <li>{plural(counts.employers.total, 'établissement adhérent', 'établissements adhérents')} (dont {counts.employers.active} actifs)</li>
            <li>{plural(counts.providers.total, 'organisme de formation', 'organismes de formation')}</li>
            <li>{plural(counts.cofunders.total, 'cofinanceur', 'cofinanceurs')}</li>
          </ul>
        </li>
        <li class="admin-card">
          <h2>
            <a href={adminHref(frame, '/admin/personnes')}>Personnes</a>
          </h2>
          <ul>
            <li>{plural(counts.people, 'personne gérée', 'personnes gérées')}</li>
            <li>
              <a href={adminHref(frame, '/admin/personnes/inviter')}>Inviter une personne</a>
            </li>
          </ul>
        </li>
        <li class="admin-card">
          <h2>
            <a href={adminHref(frame, '/admin/journal')}>Journal</a>
          </h2>
          <p>Qui a fait quoi, quand et depuis quelle adresse IP.</p>
        </li>
        <li class="admin-card">
          <h2>
            <a href={adminHref(frame, '/admin/courriels')}>Courriels envoyés</a>
          </h2>
          {mailStatuses.length > 0 ? (
            <ul>
              {mailStatuses.map((status) => (
                <li key={status}>
                  {counts.mails[status]} {OUTBOX_STATUS_LABELS[status]}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun courriel pour l’instant.</p>
          )}
        </li>
        <li class="admin-card">
          <h2>
            <a href={adminHref(frame, '/admin/conservation')}>Conservation des données</a>
          </h2>
          <p>Durées de conservation des données personnelles, dans le respect des minimums légaux.</p>
        </li>
      </ul>
    </AdminPage>
  );
}
