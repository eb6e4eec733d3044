/**
 * The pieces every account form is made of, so that each one is accessible the same way:
 * a label on every field, hint and error tied to the field with aria-describedby, and a
 * summary of the errors at the top, announced (role="alert") and linking to each field.
 */
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../use-cases/accounts/fieldValidation.js';

/** What a form shows again after a refusal. */
export interface FormProblem {
  fields: FieldErrors;
  message: string;
}

export function CsrfField({ token }: { token: string | null }) {
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

/**
 * The errors of the form, in the order of its fields, each a link to its field; or the one
 * general message when the refusal is not about a field.
 */
export function ErrorSummary({ problem, fieldIds }: { problem: FormProblem | null | undefined; fieldIds: Record<string, string> }) {
  if (!problem) return null;
  const listed = Object.entries(fieldIds).flatMap(([name, id]) => {
    const message = problem.fields[name];
    return message ? [{ id, message }] : [];
  });
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2 class="error-summary__title">{listed.length > 0 ? 'Le formulaire contient des erreurs' : 'La demande n’a pas abouti'}</h2>
      {listed.length > 0 ? (
        <ul class="error-summary__list">
          {listed.map((item) => (
            <li>
              <a href={`#${item.id}`}>{item.message}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{problem.message}</p>
      )}
    </div>
  );
}

export interface FieldProps {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number';
  /** Ignored for passwords: a password is never sent back to the browser. */
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  min?: number;
  max?: number;
  inputMode?: 'numeric' | 'email';
}

export function Field({ id, name, label, type = 'text', value, error, hint, autocomplete, required = false, min, max, inputMode }: FieldProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div class={error ? 'form-field form-field--error' : 'form-field'}>
      <label for={id}>
        {label}
        {required ? null : <span class="form-field__optional"> (facultatif)</span>}
      </label>
      {hint ? (
        <p id={hintId} class="form-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} class="form-field__error">
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        // Preact's types tie each input type to its own attributes; these four all take the ones below.
        type={type as 'text'}
        value={type === 'password' ? undefined : value}
        autoComplete={autocomplete}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        min={min}
        max={max}
        inputMode={inputMode}
        spellcheck={type === 'email' || type === 'password' ? false : undefined}
      />
    </div>
  );
}

/** A success or information message shown at the top of a page after an action. */
export function Notice({ children, kind = 'success' }: { children: ComponentChildren; kind?: 'success' | 'info' | 'warning' }) {
  return (
    <div class={`notice notice--${kind}`} role="status">
      {children}
    </div>
  );
}

/** "Erreur — Connexion": the title says at once that the form came back with errors. */
export function titleWith(title: string, problem: FormProblem | null | undefined): string {
  return problem ? `Erreur — ${title}` : title;
}
