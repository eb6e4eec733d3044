import { ROLE_KIND, ROLE_LABELS, ROLES, ORGANISATION_KIND_LABELS, type OrganisationKind } from '../../domain/accounts/roles.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { ErrorSummary } from './ErrorSummary.js';
import { CsrfField, SelectField, TextField } from './FieldError.js';
import { fieldErrorOf, type FormErrors } from './formErrors.js';

export interface InvitableOrganisation {
  kind: OrganisationKind;
  id: string;
  name: string;
}

const KIND_ORDER: OrganisationKind[] = ['funder', 'employer', 'provider', 'cofunder'];

export interface InviteValues {
  email: string;
  displayName: string;
  organisation: string;
  role: string;
}

export function InvitePage({ frame, organisations, values, errors }: { frame: AdminFrame; organisations: InvitableOrganisation[]; values: InviteValues; errors: FormErrors | null }) {
  const organisationGroups = KIND_ORDER.map((kind) => ({
    label: ORGANISATION_KIND_LABELS[kind],
    options: organisations.filter((o) => o.kind === kind).map((o) => ({ value: `${o.kind}:${o.id}`, label: o.name })),
  })).filter((group) => group.options.length > 0);
  const roleGroups = KIND_ORDER.map((kind) => ({
    label: ORGANISATION_KIND_LABELS[kind],
    options: ROLES.filter((role) => ROLE_KIND[role] === kind).map((role) => ({ value: role, label: ROLE_LABELS[role] })),
  }));
  return (
    <AdminPage frame={frame} title="Inviter une personne">
      <p>
        <a href={adminHref(frame, '/admin/personnes')}>Retour aux personnes</a>
      </p>
      <p>
        La personne reçoit un courriel avec un lien valable 7 jours pour choisir son mot de passe. Si elle a déjà un compte, elle reçoit simplement le nouveau rôle.
      </p>
      <ErrorSummary errors={errors} fieldIds={{ organisationId: 'organisation' }} />
      <form method="post" action={adminHref(frame, '/admin/personnes/inviter')} class="admin-form" noValidate>
        <CsrfField token={frame.page.csrfToken} />
        <TextField id="email" type="email" label="Adresse électronique" value={values.email} error={fieldErrorOf(errors, 'email')} required autoComplete="off" maxLength={254} />
        <TextField id="displayName" label="Prénom et nom" value={values.displayName} error={fieldErrorOf(errors, 'displayName')} required autoComplete="off" />
        <SelectField
          id="organisation"
          label="Organisation"
          value={values.organisation}
          error={fieldErrorOf(errors, 'organisationId') ?? fieldErrorOf(errors, 'organisation')}
          required
          placeholder="— Choisissez une organisation —"
          groups={organisationGroups}
        />
        <SelectField id="role" label="Rôle" value={values.role} error={fieldErrorOf(errors, 'role')} required placeholder="— Choisissez un rôle —" groups={roleGroups} hint="Le rôle doit correspondre au type de l’organisation choisie." />
        <div class="admin-form__actions">
          <button type="submit" class="button button--primary">
            Envoyer l’invitation
          </button>
        </div>
      </form>
    </AdminPage>
  );
}

export function InvitationSentPage({ frame, email, userId, invitationLink }: { frame: AdminFrame; email: string; userId: string; invitationLink: string | null }) {
  return (
    <AdminPage frame={frame} title="Invitation enregistrée">
      <div class="admin-notice" role="status">
        {invitationLink ? (
          <p>
            Un courriel d’invitation a été envoyé à <strong>{email}</strong>.
          </p>
        ) : (
          <p>
            <strong>{email}</strong> avait déjà un compte actif : le rôle lui a été ajouté, sans nouveau courriel d’invitation.
          </p>
        )}
      </div>
      {invitationLink ? (
        <>
          <h2>Lien d’invitation</h2>
          <p>Si la personne ne reçoit pas le courriel, transmettez-lui ce lien vous-même, par un canal sûr. Il est valable 7 jours et ne sert qu’une fois.</p>
          <p class="admin-link-box">
            <a href={invitationLink}>{invitationLink}</a>
          </p>
        </>
      ) : null}
      <ul class="admin-plain-list">
        <li>
          <a href={adminHref(frame, `/admin/personnes/${encodeURIComponent(userId)}`)}>Voir la fiche de la personne</a>
        </li>
        <li>
          <a href={adminHref(frame, '/admin/personnes/inviter')}>Inviter une autre personne</a>
        </li>
        <li>
          <a href={adminHref(frame, '/admin/courriels')}>Voir les courriels envoyés</a>
        </li>
      </ul>
    </AdminPage>
  );
}
