import type { ComponentChildren } from 'preact';
import { EMPLOYER_SECTORS } from '../../domain/organisations/sectors.js';
import { ActiveToggle, StatusText } from './ActiveToggle.js';
import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { ErrorSummary } from './ErrorSummary.js';
import { CsrfField, SelectField, TextField } from './FieldError.js';
import { fieldErrorOf, type FormErrors } from './formErrors.js';

export type OrganisationFormKind = 'employeurs' | 'organismes' | 'cofinanceurs';

export type FormValues = Readonly<Record<string, string>>;

interface FormPageProps {
  frame: AdminFrame;
  values: FormValues;
  errors: FormErrors | null;
  /** Set when editing an existing record. */
  existing: { id: string; name: string; isActive: boolean } | null;
  notice?: string | null;
}

const TITLES: Record<OrganisationFormKind, { create: string; edit: string; noun: string }> = {
  employeurs: { create: 'Ajouter un établissement adhérent', edit: 'Établissement adhérent', noun: 'cet établissement' },
  organismes: { create: 'Ajouter un organisme de formation', edit: 'Organisme de formation', noun: 'cet organisme' },
  cofinanceurs: { create: 'Ajouter un cofinanceur', edit: 'Cofinanceur', noun: 'ce cofinanceur' },
};

function OrganisationForm({ kind, frame, errors, existing, notice, children }: Omit<FormPageProps, 'values'> & { kind: OrganisationFormKind; children: ComponentChildren }) {
  const base = `/admin/organisations/${kind}`;
  const action = adminHref(frame, existing ? `${base}/${encodeURIComponent(existing.id)}` : `${base}/nouveau`);
  const titles = TITLES[kind];
  const title = existing ? `${titles.edit} : ${existing.name}` : titles.create;
  return (
    <AdminPage frame={frame} title={title} notice={notice}>
      <p>
        <a href={adminHref(frame, '/admin/organisations')}>Retour aux organisations</a>
      </p>
      {existing ? (
        <div class="admin-status-box">
          <p>
            Statut : <StatusText active={existing.isActive} />
          </p>
          <ActiveToggle action={adminHref(frame, `${base}/${encodeURIComponent(existing.id)}/${existing.isActive ? 'desactiver' : 'reactiver'}`)} active={existing.isActive} csrfToken={frame.page.csrfToken} subject={titles.noun} />
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <form method="post" action={action} class="admin-form" noValidate>
        <CsrfField token={frame.page.csrfToken} />
        <p class="admin-form__mention">Les champs marqués « obligatoire » doivent être remplis.</p>
        {children}
        <div class="admin-form__actions">
          <button type="submit" class="button button--primary">
            {existing ? 'Enregistrer les modifications' : 'Créer'}
          </button>
          <a href={adminHref(frame, '/admin/organisations')}>Annuler</a>
        </div>
      </form>
    </AdminPage>
  );
}

export function EmployerFormPage(props: FormPageProps & { regions: ReadonlyArray<{ code: string; name: string }> }) {
  const { values, errors, regions } = props;
  const v = (name: string) => values[name] ?? '';
  return (
    <OrganisationForm kind="employeurs" {...props}>
      <TextField id="name" label="Raison sociale" value={v('name')} error={fieldErrorOf(errors, 'name')} required autoComplete="organization" />
      <TextField id="siret" label="SIRET" value={v('siret')} error={fieldErrorOf(errors, 'siret')} required inputMode="numeric" maxLength={20} hint="14 chiffres, espaces acceptés (exemple : 448 521 369 00018)." />
      <SelectField id="sector" label="Secteur" value={v('sector')} error={fieldErrorOf(errors, 'sector')} required placeholder="— Choisissez un secteur —" options={EMPLOYER_SECTORS.map((sector) => ({ value: sector, label: sector }))} />
      <SelectField id="regionCode" label="Région" value={v('regionCode')} error={fieldErrorOf(errors, 'regionCode')} placeholder="— Non renseignée —" options={regions.map((region) => ({ value: region.code, label: region.name }))} />
      <TextField id="city" label="Ville" value={v('city')} error={fieldErrorOf(errors, 'city')} autoComplete="address-level2" />
      <TextField id="postcode" label="Code postal" value={v('postcode')} error={fieldErrorOf(errors, 'postcode')} inputMode="numeric" maxLength={5} autoComplete="postal-code" />
    </OrganisationForm>
  );
}

export function ProviderFormPage(props: FormPageProps) {
  const { values, errors } = props;
  const v = (name: string) => values[name] ?? '';
  return (
    <OrganisationForm kind="organismes" {...props}>
      <TextField id="name" label="Nom de l’organisme" value={v('name')} error={fieldErrorOf(errors, 'name')} required autoComplete="organization" />
      <TextField id="siret" label="SIRET" value={v('siret')} error={fieldErrorOf(errors, 'siret')} inputMode="numeric" maxLength={20} hint="Facultatif : 14 chiffres." />
      <TextField id="nda" label="Numéro de déclaration d’activité (NDA)" value={v('nda')} error={fieldErrorOf(errors, 'nda')} inputMode="numeric" maxLength={20} hint="Facultatif : 11 chiffres." />
      <TextField id="email" type="email" label="Adresse électronique de contact" value={v('email')} error={fieldErrorOf(errors, 'email')} autoComplete="email" maxLength={254} />
      <TextField id="city" label="Ville" value={v('city')} error={fieldErrorOf(errors, 'city')} autoComplete="address-level2" />
    </OrganisationForm>
  );
}

export function CofunderFormPage(props: FormPageProps) {
  const { values, errors } = props;
  const v = (name: string) => values[name] ?? '';
  return (
    <OrganisationForm kind="cofinanceurs" {...props}>
      <TextField id="name" label="Nom du cofinanceur" value={v('name')} error={fieldErrorOf(errors, 'name')} required autoComplete="organization" />
      <TextField id="lheoCode" label="Code financeur LHEO" value={v('lheoCode')} error={fieldErrorOf(errors, 'lheoCode')} inputMode="numeric" maxLength={2} hint="Facultatif : 1 ou 2 chiffres (exemple : 13 pour « État - Autre »)." />
    </OrganisationForm>
  );
}
