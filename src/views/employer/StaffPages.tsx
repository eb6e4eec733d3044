import type { Trainee } from '../../db/repositories/traineeRepository.js';
import { PROFESSIONS, professionLabel } from '../../domain/registrations/professions.js';
import { ActiveToggle, StatusText } from '../admin/ActiveToggle.js';
import { ErrorSummary } from '../admin/ErrorSummary.js';
import { CsrfField, SelectField, TextField } from '../admin/FieldError.js';
import { fieldErrorOf, type FormErrors } from '../admin/formErrors.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';
import { EmployerPage } from './EmployerPage.js';

export interface StaffValues {
  firstName: string;
  lastName: string;
  email: string;
  profession: string;
}

export const EMPTY_STAFF: StaffValues = { firstName: '', lastName: '', email: '', profession: '' };

const PROFESSION_OPTIONS = Object.entries(PROFESSIONS).map(([value, label]) => ({ value, label }));
const FIELD_IDS = { firstName: 'prenom', lastName: 'nom', email: 'email', profession: 'profession' } as const;

const staffHref = (frame: EmployerFrame, id: string, rest = '') => employerHref(frame, `/employeur/personnel/${encodeURIComponent(id)}${rest}`);

/** The four fields of a staff member, for the add and the edit forms. */
function StaffFields({ values, errors }: { values: StaffValues; errors: FormErrors | null }) {
  return (
    <>
      <TextField id={FIELD_IDS.firstName} name="firstName" label="Prénom" value={values.firstName} error={fieldErrorOf(errors, 'firstName')} required autoComplete="off" />
      <TextField id={FIELD_IDS.lastName} name="lastName" label="Nom" value={values.lastName} error={fieldErrorOf(errors, 'lastName')} required autoComplete="off" />
      <TextField
        id={FIELD_IDS.email}
        name="email"
        type="email"
        label="Adresse électronique professionnelle"
        hint="La convocation et les rappels y sont envoyés. Exemple : prenom.nom@etablissement.fr"
        value={values.email}
        error={fieldErrorOf(errors, 'email')}
        required
        autoComplete="off"
        maxLength={254}
      />
      <SelectField
        id={FIELD_IDS.profession}
        name="profession"
        label="Profession"
        hint="Certaines formations sont réservées à des professions : elle détermine à quels groupes la personne peut être inscrite."
        value={values.profession}
        error={fieldErrorOf(errors, 'profession')}
        required
        options={PROFESSION_OPTIONS}
        placeholder="Choisissez une profession"
      />
    </>
  );
}

/** « Mon personnel »: the list (active people first), then the form to add someone. */
export function StaffPage({ frame, staff, values, errors, notice }: { frame: EmployerFrame; staff: Trainee[]; values: StaffValues; errors: FormErrors | null; notice: string | null }) {
  const active = staff.filter((person) => person.isActive).length;
  return (
    <EmployerPage frame={frame} title="Mon personnel" notice={notice} intro={<p class="lead">Les personnes que vous pouvez inscrire aux formations. Une personne qui quitte l’établissement est retirée, jamais supprimée : ses inscriptions passées restent consultables.</p>}>
      <div class="admin-table-wrap">
        <table class="admin-table">
          <caption>
            Personnel ({active} {active > 1 ? 'personnes actives' : 'personne active'} sur {staff.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Profession</th>
              <th scope="col">Statut</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {staff.length === 0 ? (
              <tr>
                <td colSpan={5}>Personne pour l’instant : ajoutez une première personne avec le formulaire ci-dessous.</td>
              </tr>
            ) : null}
            {staff.map((person) => {
              const name = `${person.firstName} ${person.lastName}`;
              return (
                <tr key={person.id}>
                  <th scope="row">
                    <a href={staffHref(frame, person.id)}>
                      {name}
                      <span class="visually-hidden"> (modifier sa fiche)</span>
                    </a>
                  </th>
                  <td>{person.email}</td>
                  <td>{professionLabel(person.profession)}</td>
                  <td>
                    <StatusText active={person.isActive} />
                  </td>
                  <td>
                    <ActiveToggle action={staffHref(frame, person.id, person.isActive ? '/desactiver' : '/reactiver')} active={person.isActive} csrfToken={frame.page.csrfToken} subject={name} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="ajouter" class="admin-section">
        <h2 id="ajouter">Ajouter une personne</h2>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} />
        <form method="post" action={employerHref(frame, '/employeur/personnel')} class="admin-form" noValidate>
          <CsrfField token={frame.page.csrfToken} />
          <p class="admin-form__mention">Tous les champs sont obligatoires.</p>
          <StaffFields values={values} errors={errors} />
          <div class="admin-form__actions">
            <button type="submit" class="button button--primary">
              Ajouter au personnel
            </button>
          </div>
        </form>
      </section>
    </EmployerPage>
  );
}

/** One staff member: the edit form, and whether they are still part of the staff. */
export function StaffMemberPage({ frame, person, values, errors, notice }: { frame: EmployerFrame; person: Trainee; values: StaffValues; errors: FormErrors | null; notice: string | null }) {
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <EmployerPage frame={frame} title={name} notice={notice}>
      <p>
        <a href={employerHref(frame, '/employeur/personnel')}>Retour à mon personnel</a>
      </p>
      <ErrorSummary errors={errors} fieldIds={FIELD_IDS} />
      <form method="post" action={staffHref(frame, person.id)} class="admin-form" noValidate>
        <CsrfField token={frame.page.csrfToken} />
        <p class="admin-form__mention">Tous les champs sont obligatoires.</p>
        <StaffFields values={values} errors={errors} />
        <div class="admin-form__actions">
          <button type="submit" class="button button--primary">
            Enregistrer
          </button>
          <a href={employerHref(frame, '/employeur/personnel')}>Annuler</a>
        </div>
      </form>

      <section aria-labelledby="statut" class="admin-section">
        <h2 id="statut">Statut</h2>
        <p>
          <StatusText active={person.isActive} />
          {' — '}
          {person.isActive ? 'la personne peut être inscrite aux formations.' : 'la personne ne fait plus partie de votre personnel et ne peut pas être inscrite.'}
        </p>
        <ActiveToggle action={staffHref(frame, person.id, person.isActive ? '/desactiver' : '/reactiver')} active={person.isActive} csrfToken={frame.page.csrfToken} subject={name} />
      </section>

      <section aria-labelledby="donnees" class="admin-section">
        <h2 id="donnees">Données personnelles</h2>
        <p>
          <a href={staffHref(frame, person.id, '/donnees.json')} download>
            Télécharger ses données (JSON)
          </a>{' '}
          : sa fiche et ses inscriptions, à transmettre à la personne qui en fait la demande.
        </p>
        <p>
          Effacer ses données remplace son nom et son adresse par une mention anonyme ; ses inscriptions passées restent comptées, sans nom. Une personne qui a encore une inscription en cours doit d’abord en être désinscrite. C’est
          définitif.
        </p>
        <form method="post" action={staffHref(frame, person.id, '/effacer')}>
          <CsrfField token={frame.page.csrfToken} />
          <button type="submit" class="button button--danger">
            Effacer les données de {name}
          </button>
        </form>
      </section>
    </EmployerPage>
  );
}
