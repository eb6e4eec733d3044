/**
 * People of the organisations a funder admin manages: list, invite, one person's page with
 * role removal, (de)activation, data export and erasure.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../domain/accounts/policy.js';
import { isRole, type OrganisationKind } from '../../../domain/accounts/roles.js';
import { forbidden, notFound } from '../../../domain/errors.js';
import { validateEmail, validateName, type FieldErrors } from '../../../use-cases/accounts/fieldValidation.js';
import { inviteUser } from '../../../use-cases/accounts/inviteUser.js';
import { listManagedUsers, removeRole, setUserActive } from '../../../use-cases/accounts/manageUsers.js';
import { erasePerson, exportPersonalData } from '../../../use-cases/personal-data/personalData.js';
import type { AdminFrame } from '../../../views/admin/adminFrame.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import { InvitationSentPage, InvitePage, type InviteValues } from '../../../views/admin/InvitePage.js';
import { noticeOf } from '../../../views/admin/notices.js';
import { PeoplePage, PersonPage } from '../../../views/admin/PeoplePages.js';
import type { AppContext } from '../../context.js';
import { formErrorsOf, frameOf, redirectWithNotice, sendPage, statusOfFormError, textOf } from './adminRequest.js';
import { findPerson, invitableOrganisationsOf, organisationNamesOf } from './queries.js';

type Params = { id: string };

const ORGANISATION_KINDS: readonly OrganisationKind[] = ['funder', 'employer', 'provider', 'cofunder'];

function isOrganisationKind(value: string): value is OrganisationKind {
  return (ORGANISATION_KINDS as readonly string[]).includes(value);
}

const personPath = (id: string) => `/admin/personnes/${encodeURIComponent(id)}`;

export function registerPeopleRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock, config } = context;

  app.get('/admin/personnes', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'users.manage');
    const search = textOf(request.query, 'q', 200).trim();
    const people = await listManagedUsers(database, request.acting, { search: search || undefined });
    const names = await organisationNamesOf(database, people.flatMap((person) => person.memberships));
    return sendPage(reply, PeoplePage({ frame, people, search, names, notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  // ---- Invitation ------------------------------------------------------------------------

  const invitePage = async (frame: AdminFrame, values: InviteValues, errors: FormErrors | null) => {
    const funder = frame.funders.find((f) => f.id === frame.funderId) ?? { id: frame.funderId, name: 'Financeur' };
    return InvitePage({ frame, organisations: await invitableOrganisationsOf(database, funder), values, errors });
  };

  app.get('/admin/personnes/inviter', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'users.manage');
    return sendPage(reply, await invitePage(frame, { email: '', displayName: '', organisation: '', role: '' }, null));
  });

  app.post('/admin/personnes/inviter', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'users.manage');
    const values: InviteValues = {
      email: textOf(request.body, 'email', 254),
      displayName: textOf(request.body, 'displayName', 300),
      organisation: textOf(request.body, 'organisation', 200),
      role: textOf(request.body, 'role', 60),
    };
    const [kind = '', organisationId = ''] = values.organisation.split(':', 2);
    const selectErrors: FieldErrors = {};
    if (!isOrganisationKind(kind) || organisationId === '') selectErrors.organisationId = 'Choisissez une organisation dans la liste.';
    if (!isRole(values.role)) selectErrors.role = 'Choisissez un rôle dans la liste.';
    if (Object.keys(selectErrors).length > 0 || !isOrganisationKind(kind) || !isRole(values.role)) {
      // The other fields are checked too, so that every error shows at once.
      const fieldErrors: FieldErrors = {};
      validateEmail(values.email, fieldErrors);
      validateName(values.displayName, fieldErrors, 'displayName');
      const errors = { message: 'Le formulaire contient des erreurs.', fields: { ...fieldErrors, ...selectErrors } };
      return sendPage(reply, await invitePage(frame, values, errors), 422);
    }
    try {
      const result = await inviteUser(database, clock, config, request.acting, { email: values.email, displayName: values.displayName, organisationKind: kind, organisationId, role: values.role });
      return sendPage(reply, InvitationSentPage({ frame, email: values.email.trim().toLowerCase(), userId: result.userId, invitationLink: result.invitationLink }), 201);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, await invitePage(frame, values, errors), statusOfFormError(error));
    }
  });

  // ---- One person ------------------------------------------------------------------------

  /** The person, if this admin manages them (the policy decides). */
  const managedPerson = async (request: FastifyRequest<{ Params: Params }>) => {
    const person = await findPerson(database, request.params.id.slice(0, 100));
    if (!person) throw notFound('Personne');
    if (!can(request.acting.actor, 'users.manage', { type: 'person', userId: person.id, memberships: person.memberships, funderIds: person.funderIds })) throw forbidden();
    return person;
  };

  const personPage = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, frame: AdminFrame, errors: FormErrors | null, status: number) => {
    const person = await managedPerson(request);
    const names = await organisationNamesOf(database, person.memberships);
    const isSelf = request.acting.actor.kind === 'user' && request.acting.actor.userId === person.id;
    return sendPage(reply, PersonPage({ frame, person, names, errors, isSelf, notice: errors ? null : noticeOf(textOf(request.query, 'ok', 60)) }), status);
  };

  app.get<{ Params: Params }>('/admin/personnes/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'users.manage');
    return personPage(request, reply, frame, null, 200);
  });

  /** Runs a person action; a refusal (your own account…) shows the person's page with the message. */
  const personAction = (work: (request: FastifyRequest<{ Params: Params }>) => Promise<void>, notice: string, redirectTo?: string) =>
    async function handler(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
      const frame = await frameOf(context, request, reply, 'users.manage');
      try {
        await work(request);
      } catch (error) {
        const errors = formErrorsOf(error);
        if (!errors) throw error;
        return personPage(request, reply, frame, errors, statusOfFormError(error));
      }
      return redirectWithNotice(reply, frame, redirectTo ?? personPath(request.params.id), notice);
    };

  app.post<{ Params: Params }>(
    '/admin/personnes/:id/desactiver',
    personAction((request) => setUserActive(database, clock, request.acting, request.params.id, false), 'personne-desactivee'),
  );
  app.post<{ Params: Params }>(
    '/admin/personnes/:id/reactiver',
    personAction((request) => setUserActive(database, clock, request.acting, request.params.id, true), 'personne-reactivee'),
  );

  app.post<{ Params: Params }>(
    '/admin/personnes/:id/roles/retirer',
    personAction(async (request) => {
      const kind = textOf(request.body, 'kind', 20);
      const role = textOf(request.body, 'role', 60);
      const organisationId = textOf(request.body, 'organisationId', 100);
      if (!isOrganisationKind(kind) || !isRole(role) || organisationId === '') throw notFound('Rôle');
      await removeRole(database, clock, request.acting, request.params.id, { organisationKind: kind, organisationId, role });
    }, 'role-retire'),
  );

  app.get<{ Params: Params }>('/admin/personnes/:id/donnees.json', async (request, reply) => {
    await frameOf(context, request, reply, 'users.manage');
    const data = await exportPersonalData(database, clock, request.acting, request.params.id.slice(0, 100));
    return reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="donnees-personnelles-${data.person.id.replace(/[^A-Za-z0-9_-]/g, '')}.json"`)
      .send(JSON.stringify(data, null, 2));
  });

  app.post<{ Params: Params }>('/admin/personnes/:id/effacer', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'users.manage');
    if (textOf(request.body, 'confirmation', 10) !== 'oui') {
      const errors = { message: 'Confirmation manquante.', fields: { confirmation: 'Cochez « Je confirme l’effacement définitif » pour effacer les données de cette personne.' } };
      return personPage(request, reply, frame, errors, 422);
    }
    await erasePerson(database, clock, request.acting, request.params.id.slice(0, 100));
    return redirectWithNotice(reply, frame, '/admin/personnes', 'personne-effacee');
  });
}
