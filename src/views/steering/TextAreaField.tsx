import { errorIdOf, FieldError, hintIdOf } from '../admin/FieldError.js';

export interface TextAreaFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  maxLength?: number;
  rows?: number;
}

/** A labelled textarea with its hint and its error, framed like the admin fields. */
export function TextAreaField({ id, name, label, value, hint, error, required = false, maxLength = 1000, rows = 3 }: TextAreaFieldProps) {
  const describedBy = [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter((part): part is string => part !== null).join(' ');
  return (
    <div class={error ? 'admin-field admin-field--error' : 'admin-field'}>
      <label for={id}>
        {label}
        {required ? <span class="admin-field__required"> (obligatoire)</span> : null}
      </label>
      {hint ? (
        <p id={hintIdOf(id)} class="admin-field__hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        class="steering-textarea"
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        value={value}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}
