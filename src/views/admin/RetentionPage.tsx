import { AdminPage } from './AdminPage.js';
import { adminHref, type AdminFrame } from './adminFrame.js';
import { ErrorSummary } from './ErrorSummary.js';
import { CsrfField, TextField } from './FieldError.js';
import { fieldErrorOf, type FormErrors } from './formErrors.js';

export interface RetentionRow {
  kind: string;
  label: string;
  years: number;
  legalMinimumYears: number;
}

/** Years of retention per kind of personal data, never below the legal minimum. */
export function RetentionPage({ frame, rows, values, errors, notice }: { frame: AdminFrame; rows: RetentionRow[]; values: Readonly<Record<string, string>>; errors: FormErrors | null; notice: string | null }) {
  return (
    <AdminPage
      frame={frame}
      title="Conservation des données"
      notice={notice}
      intro={<p>Durée pendant laquelle Relais conserve chaque type de données personnelles, comptée en années après la fin de la session. Passé ce délai, la purge les supprime.</p>}
    >
      <ErrorSummary errors={errors} />
      <form method="post" action={adminHref(frame, '/admin/conservation')} class="admin-form" noValidate>
        <CsrfField token={frame.page.csrfToken} />
        {rows.map((row) => (
          <TextField
            key={row.kind}
            id={row.kind}
            type="number"
            inputMode="numeric"
            label={`${row.label} (en années)`}
            value={values[row.kind] ?? String(row.years)}
            error={fieldErrorOf(errors, row.kind)}
            required
            hint={`Minimum légal : ${row.legalMinimumYears} ans ; maximum : 50 ans.`}
          />
        ))}
        <div class="admin-form__actions">
          <button type="submit" class="button button--primary">
            Enregistrer
          </button>
        </div>
      </form>
    </AdminPage>
  );
}
