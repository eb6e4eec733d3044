import { CsrfField } from './FieldError.js';

/** A one-button form that deactivates or reactivates a record. */
export function ActiveToggle({ action, active, csrfToken, subject }: { action: string; active: boolean; csrfToken: string | null; subject: string }) {
  return (
    <form method="post" action={action} class="admin-inline-form">
      <CsrfField token={csrfToken} />
      <button type="submit" class={active ? 'button admin-button--danger' : 'button'}>
        {active ? 'Désactiver' : 'Réactiver'}
        <span class="visually-hidden"> {subject}</span>
      </button>
    </form>
  );
}

export function StatusText({ active }: { active: boolean }) {
  return <span class={active ? 'admin-status admin-status--on' : 'admin-status admin-status--off'}>{active ? 'Active' : 'Désactivée'}</span>;
}
