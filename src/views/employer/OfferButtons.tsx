import type { RegistrationView } from '../../db/repositories/registrationRepository.js';
import { CsrfField } from '../admin/FieldError.js';
import { employerHref, type EmployerFrame } from './employerFrame.js';

/** The answer buttons of one offer, in the home page and « Mes inscriptions ». */
export function OfferButtons({ frame, registration }: { frame: EmployerFrame; registration: RegistrationView }) {
  const name = `${registration.trainee.firstName} ${registration.trainee.lastName}`;
  const base = `/employeur/inscriptions/${encodeURIComponent(registration.id)}`;
  return (
    <span class="employer-actions">
      <form method="post" action={employerHref(frame, `${base}/accepter`)} class="admin-inline-form">
        <CsrfField token={frame.page.csrfToken} />
        <button type="submit" class="button button--primary button--small">
          Accepter la place<span class="visually-hidden"> pour {name}</span>
        </button>
      </form>
      <form method="post" action={employerHref(frame, `${base}/refuser`)} class="admin-inline-form">
        <CsrfField token={frame.page.csrfToken} />
        <button type="submit" class="button button--small">
          Refuser<span class="visually-hidden"> la place pour {name}</span>
        </button>
      </form>
    </span>
  );
}
