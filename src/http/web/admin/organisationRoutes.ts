/**
 * Employers (of the administered funder), providers and co-funders: list, create, edit,
 * deactivate, reactivate.
 */
import type { FastifyInstance } from 'fastify';
import { can } from '../../../domain/accounts/policy.js';
import { forbidden, notFound } from '../../../domain/errors.js';
import { createEmployer, createProvider, saveCofunder, setOrganisationActive, updateEmployer, updateFunder, updateProvider } from '../../../use-cases/organisations/manageOrganisations.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import { FunderFormPage } from '../../../views/admin/FunderFormPage.js';
import { noticeOf } from '../../../views/admin/notices.js';
import { CofunderFormPage, EmployerFormPage, ProviderFormPage, type FormValues } from '../../../views/admin/OrganisationFormPage.js';
import { OrganisationsPage } from '../../../views/admin/OrganisationsPage.js';
import type { AppContext } from '../../context.js';
import { formErrorsOf, frameOf, redirectWithNotice, sendPage, statusOfFormError, textOf } from './adminRequest.js';
import { directoryOf, findCofunder, findEmployer, findProvider, regionsOf } from './queries.js';

type Params = { id: string };

const reposOf = (database: AppContext['database']) => repositoriesOn(database.db, database.dialect);

const EMPLOYER_FIELDS = ['name', 'siret', 'sector', 'regionCode', 'city', 'postcode'] as const;
const PROVIDER_FIELDS = ['name', 'siret', 'nda', 'email', 'city'] as const;
const COFUNDER_FIELDS = ['name', 'lheoCode'] as const;

function valuesOf<K extends string>(body: unknown, fields: readonly K[]): Record<K, string> {
  return Object.fromEntries(fields.map((field) => [field, textOf(body, field, field === 'email' ? 254 : 300)])) as Record<K, string>;
}

const LIST = '/admin/organisations';

export function registerOrganisationRoutes(app: FastifyInstance, context: AppContext): void {
  const { database, clock } = context;

  app.get(LIST, async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const search = textOf(request.query, 'q', 200).trim();
    const directory = await directoryOf(database, frame.funderId, search);
    return sendPage(reply, OrganisationsPage({ frame, search, ...directory, notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  // ---- The funder itself ------------------------------------------------------------------

  const FUNDER_FIELDS = ['name', 'shortName', 'website', 'regionCode', 'defaultMinTrainees', 'defaultMaxTrainees'] as const;

  app.get('/admin/organisations/financeur', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const funder = await reposOf(database).directory.findFunder(frame.funderId);
    if (!funder) throw notFound('Financeur');
    const values = {
      name: funder.name,
      shortName: funder.shortName,
      website: funder.website ?? '',
      regionCode: funder.regionCode ?? '',
      defaultMinTrainees: String(funder.defaultMinTrainees),
      defaultMaxTrainees: String(funder.defaultMaxTrainees),
    };
    return sendPage(reply, FunderFormPage({ frame, values, errors: null, regions: await regionsOf(database), notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  app.post('/admin/organisations/financeur', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const values = valuesOf(request.body, FUNDER_FIELDS);
    try {
      await updateFunder(database, clock, request.acting, frame.funderId, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, FunderFormPage({ frame, values, errors, regions: await regionsOf(database) }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, '/admin/organisations/financeur', 'organisation-modifiee');
  });

  // ---- Employers -------------------------------------------------------------------------

  const employerPage = async (frame: Awaited<ReturnType<typeof frameOf>>, values: FormValues, errors: ReturnType<typeof formErrorsOf>, existing: { id: string; name: string; isActive: boolean } | null, notice: string | null = null) =>
    EmployerFormPage({ frame, values, errors, existing, regions: await regionsOf(database), notice });

  const findEmployerFor = async (actor: Parameters<typeof can>[0], id: string) => {
    const employer = await findEmployer(database, id);
    if (!employer) throw notFound('Établissement');
    if (!can(actor, 'organisations.manage', { type: 'employer', employerId: employer.id, funderId: employer.funderId })) throw forbidden();
    return employer;
  };

  app.get('/admin/organisations/employeurs/nouveau', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    return sendPage(reply, await employerPage(frame, {}, null, null));
  });

  app.post('/admin/organisations/employeurs/nouveau', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const values = valuesOf(request.body, EMPLOYER_FIELDS);
    try {
      await createEmployer(database, clock, request.acting, frame.funderId, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, await employerPage(frame, values, errors, null), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, LIST, 'organisation-creee');
  });

  app.get<{ Params: Params }>('/admin/organisations/employeurs/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const employer = await findEmployerFor(request.acting.actor, request.params.id);
    const regions = await regionsOf(database);
    const values = {
      name: employer.name,
      siret: employer.siret,
      sector: employer.sector,
      regionCode: regions.find((region) => region.id === employer.regionId)?.code ?? '',
      city: employer.city ?? '',
      postcode: employer.postcode ?? '',
    };
    return sendPage(reply, await employerPage(frame, values, null, employer, noticeOf(textOf(request.query, 'ok', 60))));
  });

  app.post<{ Params: Params }>('/admin/organisations/employeurs/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const employer = await findEmployerFor(request.acting.actor, request.params.id);
    const values = valuesOf(request.body, EMPLOYER_FIELDS);
    try {
      await updateEmployer(database, clock, request.acting, employer.id, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, await employerPage(frame, values, errors, employer), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, `/admin/organisations/employeurs/${encodeURIComponent(employer.id)}`, 'organisation-modifiee');
  });

  // ---- Providers -------------------------------------------------------------------------

  const providerOf = async (id: string) => {
    const provider = await findProvider(database, id);
    if (!provider) throw notFound('Organisme de formation');
    return provider;
  };

  app.get('/admin/organisations/organismes/nouveau', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    return sendPage(reply, ProviderFormPage({ frame, values: {}, errors: null, existing: null }));
  });

  app.post('/admin/organisations/organismes/nouveau', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const values = valuesOf(request.body, PROVIDER_FIELDS);
    try {
      await createProvider(database, clock, request.acting, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, ProviderFormPage({ frame, values, errors, existing: null }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, LIST, 'organisation-creee');
  });

  app.get<{ Params: Params }>('/admin/organisations/organismes/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const provider = await providerOf(request.params.id);
    const values = { name: provider.name, siret: provider.siret ?? '', nda: provider.nda ?? '', email: provider.email ?? '', city: provider.city ?? '' };
    return sendPage(reply, ProviderFormPage({ frame, values, errors: null, existing: provider, notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  app.post<{ Params: Params }>('/admin/organisations/organismes/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const provider = await providerOf(request.params.id);
    const values = valuesOf(request.body, PROVIDER_FIELDS);
    try {
      await updateProvider(database, clock, request.acting, provider.id, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, ProviderFormPage({ frame, values, errors, existing: provider }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, `/admin/organisations/organismes/${encodeURIComponent(provider.id)}`, 'organisation-modifiee');
  });

  // ---- Co-funders ------------------------------------------------------------------------

  const cofunderOf = async (id: string) => {
    const cofunder = await findCofunder(database, id);
    if (!cofunder) throw notFound('Cofinanceur');
    return cofunder;
  };

  app.get('/admin/organisations/cofinanceurs/nouveau', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    return sendPage(reply, CofunderFormPage({ frame, values: {}, errors: null, existing: null }));
  });

  app.post('/admin/organisations/cofinanceurs/nouveau', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const values = valuesOf(request.body, COFUNDER_FIELDS);
    try {
      await saveCofunder(database, clock, request.acting, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, CofunderFormPage({ frame, values, errors, existing: null }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, LIST, 'organisation-creee');
  });

  app.get<{ Params: Params }>('/admin/organisations/cofinanceurs/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const cofunder = await cofunderOf(request.params.id);
    const values = { name: cofunder.name, lheoCode: cofunder.lheoCode ?? '' };
    return sendPage(reply, CofunderFormPage({ frame, values, errors: null, existing: cofunder, notice: noticeOf(textOf(request.query, 'ok', 60)) }));
  });

  app.post<{ Params: Params }>('/admin/organisations/cofinanceurs/:id', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'organisations.manage');
    const cofunder = await cofunderOf(request.params.id);
    const values = valuesOf(request.body, COFUNDER_FIELDS);
    try {
      await saveCofunder(database, clock, request.acting, { id: cofunder.id, ...values });
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return sendPage(reply, CofunderFormPage({ frame, values, errors, existing: cofunder }), statusOfFormError(error));
    }
    return redirectWithNotice(reply, frame, `/admin/organisations/cofinanceurs/${encodeURIComponent(cofunder.id)}`, 'organisation-modifiee');
  });

  // ---- Deactivate / reactivate -----------------------------------------------------------

  const KINDS = { employeurs: 'employer', organismes: 'provider', cofinanceurs: 'cofunder' } as const;
  for (const [segment, kind] of Object.entries(KINDS)) {
    for (const [verb, active] of [
      ['desactiver', false],
      ['reactiver', true],
    ] as const) {
      app.post<{ Params: Params }>(`/admin/organisations/${segment}/:id/${verb}`, async (request, reply) => {
        const frame = await frameOf(context, request, reply, 'organisations.manage');
        await setOrganisationActive(database, clock, request.acting, kind, request.params.id, active);
        return redirectWithNotice(reply, frame, LIST, active ? 'organisation-reactivee' : 'organisation-desactivee');
      });
    }
  }
}
