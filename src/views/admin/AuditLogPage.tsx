import type { AuditRecord } from '../../db/repositories/auditRepository.js';
import { Pagination } from '../catalogue/Pagination.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { ErrorSummary } from './ErrorSummary.js';
import { SelectField, TextField } from './FieldError.js';
import { actionLabel, ENTITY_TYPE_LABELS, entityTypeLabel, formatParisDateTime } from './format.js';
import { fieldErrorOf, type FormErrors } from './formErrors.js';

export interface AuditQuery {
  action: string;
  entityType: string;
  person: string;
  record: string;
  from: string;
  to: string;
  page: number;
}

export interface AuditLogPageProps {
  frame: AdminFrame;
  query: AuditQuery;
  errors: FormErrors | null;
  actions: string[];
  total: number;
  pageCount: number;
  items: AuditRecord[];
}

function queryString(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  const entries: Array<[string, string]> = [
    ['action', query.action],
    ['type', query.entityType],
    ['personne', query.person],
    ['enregistrement', query.record],
    ['du', query.from],
    ['au', query.to],
  ];
  for (const [name, value] of entries) if (value) params.set(name, value);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The audit log: who did what, when (Paris time), from which IP, on which record. */
export function AuditLogPage({ frame, query, errors, actions, total, pageCount, items }: AuditLogPageProps) {
  const typeOptions = Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }));
  if (query.entityType && !(query.entityType in ENTITY_TYPE_LABELS)) typeOptions.push({ value: query.entityType, label: query.entityType });
  return (
    <AdminPage frame={frame} title="Journal">
      <ErrorSummary errors={errors} fieldIds={{ from: 'du', to: 'au' }} />
      <form method="get" action="/admin/journal" class="admin-filters" noValidate>
        {frame.funders.length > 1 ? <input type="hidden" name="financeur" value={frame.funderId} /> : null}
        <fieldset>
          <legend>Filtrer le journal</legend>
          <div class="admin-filters__grid">
            <SelectField id="action" label="Action" value={query.action} placeholder="Toutes les actions" options={actions.map((action) => ({ value: action, label: actionLabel(action) }))} />
            <SelectField id="type" label="Type d’enregistrement" value={query.entityType} placeholder="Tous les types" options={typeOptions} />
            <TextField id="personne" label="Auteur (identifiant de la personne)" value={query.person} maxLength={100} />
            <TextField id="enregistrement" label="Identifiant de l’enregistrement" value={query.record} maxLength={100} />
            <TextField id="du" type="date" label="Du" value={query.from} error={fieldErrorOf(errors, 'from')} hint="Date incluse, heure de Paris." />
            <TextField id="au" type="date" label="Au" value={query.to} error={fieldErrorOf(errors, 'to')} hint="Date incluse, heure de Paris." />
          </div>
          <div class="admin-form__actions">
            <button type="submit" class="button button--primary">
              Filtrer
            </button>
            <a href={adminHref(frame, '/admin/journal')}>Réinitialiser les filtres</a>
          </div>
        </fieldset>
      </form>
      <p class="admin-count" role="status">
        {total === 0 ? 'Aucune entrée.' : total === 1 ? '1 entrée.' : `${total.toLocaleString('fr-FR')} entrées.`}
      </p>
      <div class="admin-table-wrap">
        <table class="admin-table">
          <caption>
            Journal des actions, du plus récent au plus ancien{pageCount > 1 ? ` (page ${query.page} sur ${pageCount})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date et heure (Paris)</th>
              <th scope="col">Auteur</th>
              <th scope="col">Adresse IP</th>
              <th scope="col">Action</th>
              <th scope="col">Enregistrement</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <time dateTime={item.occurredAt}>{formatParisDateTime(item.occurredAt)}</time>
                </td>
                <td>{item.actorLabel}</td>
                <td>{item.ip ?? '—'}</td>
                <th scope="row" class="admin-table__main">
                  <span class="admin-table__label">{actionLabel(item.action)}</span>
                  <span class="admin-table__detail">{item.summary}</span>
                </th>
                <td>
                  {entityTypeLabel(item.entityType)}
                  {item.entityId ? (
                    <>
                      {' '}
                      <code>{item.entityId}</code>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageCount={pageCount} urlOf={(page) => adminHref(frame, `/admin/journal${queryString(query, page)}`)} />
    </AdminPage>
  );
}
