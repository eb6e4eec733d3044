import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { ErrorSummary } from './ErrorSummary.js';
import { CsrfField, SelectField, TextField } from './FieldError.js';
import { fieldErrorOf, type FormErrors } from './formErrors.js';

/** The funder's own record: names, website, region, default group sizes for imported fiches. */
export function FunderFormPage({
  frame,
  values,
  errors,
  regions,
  notice,
}: {
  frame: AdminFrame;
  values: Readonly<Record<string, string>>;
  errors: FormErrors | null;
  regions: ReadonlyArray<{ code: string; name: string }>;
  notice?: string | null;
}) {
  const v = (name: string) => values[name] ?? '';
  return (
    <AdminPage frame={frame} title="Le financeur" notice={notice}>
      <p>
        <a href={adminHref(frame, '/admin/organisations')}>Retour aux organisations</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={adminHref(frame, '/admin/organisations/financeur')} class="admin-form" noValidate>
        <CsrfField token={frame.page.csrfToken} />
        <p class="admin-form__mention">Les champs marqués « obligatoire » doivent être remplis.</p>
        <TextField id="name" label="Nom" value={v('name')} error={fieldErrorOf(errors, 'name')} required autoComplete="organization" />
        <TextField id="shortName" label="Nom court" value={v('shortName')} error={fieldErrorOf(errors, 'shortName')} required hint="Utilisé dans les courriels et les exports (exemple : OPCO Santé)." />
        <TextField id="website" label="Site internet" value={v('website')} error={fieldErrorOf(errors, 'website')} hint="Facultatif (exemple : https://www.opco-sante.fr)." />
        <SelectField id="regionCode" label="Région" value={v('regionCode')} error={fieldErrorOf(errors, 'regionCode')} placeholder="— Nationale —" options={regions.map((region) => ({ value: region.code, label: region.name }))} />
        <TextField id="defaultMinTrainees" label="Effectif minimum par groupe (par défaut)" value={v('defaultMinTrainees')} error={fieldErrorOf(errors, 'defaultMinTrainees')} required inputMode="numeric" maxLength={3} hint="Appliqué aux groupes des fiches importées qui n’indiquent pas d’effectif." />
        <TextField id="defaultMaxTrainees" label="Effectif maximum par groupe (par défaut)" value={v('defaultMaxTrainees')} error={fieldErrorOf(errors, 'defaultMaxTrainees')} required inputMode="numeric" maxLength={3} />
        <div class="admin-form__actions">
          <button type="submit" class="button button--primary">
            Enregistrer les modifications
          </button>
          <a href={adminHref(frame, '/admin/organisations')}>Annuler</a>
        </div>
      </form>
    </AdminPage>
  );
}
