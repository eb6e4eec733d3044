import type { ComponentChildren } from 'preact';

export const errorIdOf = (id: string) => `${id}-erreur`;
export const hintIdOf = (id: string) => `${id}-aide`;

/** The message under a field; the field points to it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={errorIdOf(id)} class="admin-field__error">
      <span class="visually-hidden">Erreur : </span>
      {message}
    </p>
  );
}

function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  const ids = [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter((value): value is string => value !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FieldProps {
  id: string;
  name?: string;
  label: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  required?: boolean;
}

/** The frame every field shares: label (with "obligatoire"), hint, the control, its error. */
function Field({ id, label, error, hint, required, children }: Omit<FieldProps, 'name'> & { children: ComponentChildren }) {
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
      {children}
      <FieldError id={id} message={error} />
    </div>
  );
}

/** A labelled text input with its hint and its error. */
export function TextField({
  id,
  name = id,
  label,
  value,
  error,
  hint,
  required = false,
  type = 'text',
  autoComplete,
  inputMode,
  maxLength = 200,
}: FieldProps & { value: string; type?: 'text' | 'email' | 'number' | 'date' | 'search'; autoComplete?: string; inputMode?: 'numeric' | 'text' | 'email'; maxLength?: number }) {
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required}>
      <input
        id={id}
        name={name}
        // Preact types each input type separately; the union is fine for the DOM.
        type={type as 'text'}
        value={value}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={type === 'number' || type === 'date' ? undefined : maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select, with option groups when given. */
export function SelectField({
  id,
  name = id,
  label,
  value,
  error,
  hint,
  required = false,
  options = [],
  groups = [],
  placeholder,
}: FieldProps & { value: string; options?: readonly SelectOption[]; groups?: ReadonlyArray<{ label: string; options: readonly SelectOption[] }>; placeholder?: string }) {
  const option = (item: SelectOption) => (
    <option key={item.value} value={item.value} selected={item.value === value}>
      {item.label}
    </option>
  );
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required}>
      <select id={id} name={name} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {placeholder !== undefined ? (
          <option value="" selected={value === ''}>
            {placeholder}
          </option>
        ) : null}
        {options.map(option)}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map(option)}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

/** The CSRF token every POST form carries. */
export function CsrfField({ token }: { token: string | null }) {
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}
