import type { UserWithMemberships } from '../../db/repositories/userRepository.js';
import type { Membership } from '../../domain/accounts/policy.js';
import { ORGANISATION_KIND_LABELS, ROLE_LABELS } from '../../domain/accounts/roles.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { ErrorSummary } from './ErrorSummary.js';
import { CsrfField, FieldError, errorIdOf } from './FieldError.js';
import { formatParisDateTime, USER_STATUS_LABELS } from './format.js';
import { fieldErrorOf, type FormErrors } from './formErrors.js';

/** "employer:<id>" → name, for the roles column. */
export type OrganisationNames = Readonly<Record<string, string>>;

export const organisationKey = (m: Pick<Membership, 'organisationKind' | 'organisationId'>) => `${m.organisationKind}:${m.organisationId}`;

function roleText(membership: Membership, names: OrganisationNames): string {
  const name = names[organisationKey(membership)] ?? ORGANISATION_KIND_LABELS[membership.organisationKind];
  return `${ROLE_LABELS[membership.role]} — ${name}`;
}

const personHref = (frame: AdminFrame, id: string, rest = '') => adminHref(frame, `/admin/personnes/${encodeURIComponent(id)}${rest}`);

export function PeoplePage({ frame, people, search, names, notice }: { frame: AdminFrame; people: UserWithMemberships[]; search: string; names: OrganisationNames; notice: string | null }) {
  return (
    <AdminPage frame={frame} title="Personnes" notice={notice}>
      <p>
        <a class="button button--primary" href={adminHref(frame, '/admin/personnes/inviter')}>
          Inviter une personne
        </a>
      </p>
      <form method="get" action="/admin/personnes" class="admin-search" role="search">
        {frame.funders.length > 1 ? <input type="hidden" name="financeur" value={frame.funderId} /> : null}
        <label for="recherche">Rechercher une personne (nom ou adresse électronique)</label>
        <div class="admin-search__row">
          <input id="recherche" name="q" type="search" value={search} maxLength={200} />
          <button type="submit" class="button button--primary">
            Rechercher
          </button>
        </div>
      </form>
      <div class="admin-table-wrap">
        <table class="admin-table">
          <caption>
            Personnes des organisations que vous administrez{search ? ` correspondant à « ${search} »` : ''} ({people.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Rôles</th>
              <th scope="col">Statut</th>
              <th scope="col">Dernière connexion</th>
            </tr>
          </thead>
          <tbody>
            {people.length === 0 ? (
              <tr>
                <td colSpan={5}>{search ? 'Aucune personne ne correspond à cette recherche.' : 'Aucune personne pour l’instant.'}</td>
              </tr>
            ) : null}
            {people.map((person) => (
              <tr key={person.id}>
                <th scope="row">
                  <a href={personHref(frame, person.id)}>{person.displayName}</a>
                </th>
                <td>{person.email}</td>
                <td>
                  {person.memberships.length === 0 ? (
                    'Aucun rôle'
                  ) : (
                    <ul class="admin-plain-list">
                      {person.memberships.map((membership) => (
                        <li key={`${organisationKey(membership)}:${membership.role}`}>{roleText(membership, names)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{USER_STATUS_LABELS[person.status]}</td>
                <td>{formatParisDateTime(person.lastLoginAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminPage>
  );
}

export interface PersonPageProps {
  frame: AdminFrame;
  person: UserWithMemberships;
  names: OrganisationNames;
  notice: string | null;
  errors: FormErrors | null;
  isSelf: boolean;
}

/** One person: roles (each removable), account status, data export and erasure. */
export function PersonPage({ frame, person, names, notice, errors, isSelf }: PersonPageProps) {
  const csrf = frame.page.csrfToken;
  const confirmationError = fieldErrorOf(errors, 'confirmation');
  return (
    <AdminPage frame={frame} title={person.displayName} notice={notice}>
      <p>
        <a href={adminHref(frame, '/admin/personnes')}>Retour aux personnes</a>
      </p>
      <ErrorSummary errors={errors} fieldIds={{ confirmation: 'confirmation' }} />
      <dl class="admin-facts">
        <div>
          <dt>Adresse électronique</dt>
          <dd>{person.email}</dd>
        </div>
        <div>
          <dt>Statut</dt>
          <dd>{USER_STATUS_LABELS[person.status]}</dd>
        </div>
        <div>
          <dt>Compte créé le</dt>
          <dd>{formatParisDateTime(person.createdAt)}</dd>
        </div>
        <div>
          <dt>Dernière connexion</dt>
          <dd>{formatParisDateTime(person.lastLoginAt)}</dd>
        </div>
        <div>
          <dt>Identifiant</dt>
          <dd>
            <code>{person.id}</code>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="roles" class="admin-section">
        <h2 id="roles">Rôles</h2>
        {person.memberships.length === 0 ? (
          <p>Aucun rôle.</p>
        ) : (
          <ul class="admin-role-list">
            {person.memberships.map((membership) => (
              <li key={`${organisationKey(membership)}:${membership.role}`}>
                <span>{roleText(membership, names)}</span>
                <form method="post" action={personHref(frame, person.id, '/roles/retirer')} class="admin-inline-form">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="kind" value={membership.organisationKind} />
                  <input type="hidden" name="organisationId" value={membership.organisationId} />
                  <input type="hidden" name="role" value={membership.role} />
                  <button type="submit" class="button">
                    Retirer<span class="visually-hidden"> le rôle {roleText(membership, names)}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      {isSelf ? null : (
        <section aria-labelledby="compte" class="admin-section">
          <h2 id="compte">Compte</h2>
          {person.status === 'disabled' ? (
            <form method="post" action={personHref(frame, person.id, '/reactiver')}>
              <CsrfField token={csrf} />
              <button type="submit" class="button">
                Réactiver le compte
              </button>
            </form>
          ) : (
            <form method="post" action={personHref(frame, person.id, '/desactiver')}>
              <CsrfField token={csrf} />
              <p>La désactivation ferme ses sessions et révoque ses jetons d’API.</p>
              <button type="submit" class="button admin-button--danger">
                Désactiver le compte
              </button>
            </form>
          )}
        </section>
      )}

      <section aria-labelledby="donnees" class="admin-section">
        <h2 id="donnees">Données personnelles</h2>
        <p>
          <a href={personHref(frame, person.id, '/donnees.json')} download>
            Exporter ses données (fichier JSON)
          </a>
        </p>
        {isSelf ? null : (
          <form method="post" action={personHref(frame, person.id, '/effacer')} class="admin-danger-zone" noValidate>
            <CsrfField token={csrf} />
            <h3>Effacer ses données</h3>
            <p>
              Le compte est anonymisé : nom, adresse électronique et mot de passe sont effacés, ses rôles retirés, ses sessions et jetons révoqués. Le journal est conservé. Cette action est
              irréversible.
            </p>
            <div class={confirmationError ? 'admin-checkbox admin-field--error' : 'admin-checkbox'}>
              <input
                type="checkbox"
                id="confirmation"
                name="confirmation"
                value="oui"
                required
                aria-invalid={confirmationError ? 'true' : undefined}
                aria-describedby={confirmationError ? errorIdOf('confirmation') : undefined}
              />
              <label for="confirmation">Je confirme l’effacement définitif</label>
            </div>
            <FieldError id="confirmation" message={confirmationError} />
            <button type="submit" class="button admin-button--danger">
              Effacer définitivement
            </button>
          </form>
        )}
      </section>
    </AdminPage>
  );
}
