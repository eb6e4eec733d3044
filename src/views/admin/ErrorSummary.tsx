import type { FormErrors } from './formErrors.js';

/**
 * The list of a form's errors at the top of the form, each linking to its field; role="alert"
 * so that screen readers announce it as soon as the page is shown again.
 */
export function ErrorSummary({ errors, fieldIds }: { errors: FormErrors | null | undefined; fieldIds?: Readonly<Record<string, string>> }) {
  if (!errors) return null;
  const fields = Object.entries(errors.fields);
  const count = fields.length;
  return (
    <div class="admin-error-summary" role="alert" tabIndex={-1}>
      <h2 class="admin-error-summary__title">{count > 1 ? `Le formulaire contient ${count} erreurs` : count === 1 ? 'Le formulaire contient une erreur' : 'L’action n’a pas abouti'}</h2>
      {count > 0 ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              <a href={`#${fieldIds?.[field] ?? field}`}>{message}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{errors.message}</p>
      )}
    </div>
  );
}
