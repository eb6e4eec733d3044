/** A training's registration rules (« Pilotage »): validation, public, justification, fair share. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseEligibleProfessions } from '../../../domain/registrations/professions.js';
import { readRegistrationSettings, updateRegistrationSettings } from '../../../use-cases/registrations/registrationSettings.js';
import type { FormErrors } from '../../../views/admin/formErrors.js';
import { noticeOf } from '../../../views/steering/format.js';
import { SettingsPage, type SettingsValues } from '../../../views/steering/SettingsPage.js';
import type { AppContext } from '../../context.js';
import { formErrorsOf, frameOf, sendPage, textOf } from '../admin/adminRequest.js';
import { frameWithFunder, idOf, redirectWith } from './steeringRequest.js';

type Params = { id: string };
type Request = FastifyRequest<{ Params: Params }>;

/** Every value of a repeated form field (checkboxes), each cut to `max` characters. */
function valuesOf(body: unknown, name: string, max = 60): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string').map((item) => item.slice(0, max));
}

const settingsPath = (trainingId: string) => `/pilotage/formations/${encodeURIComponent(trainingId)}/inscriptions`;

export function registerSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  async function settingsPage(request: Request, reply: FastifyReply, values: SettingsValues | null, errors: FormErrors | null, status: number) {
    const frame = await frameOf(context, request, reply, 'registrations.manage');
    const trainingId = idOf(request.params);
    const settings = await readRegistrationSettings(context, request.acting, trainingId);
    const shown: SettingsValues = values ?? {
      requiresApproval: settings.requiresApproval,
      eligibleProfessions: parseEligibleProfessions(settings.eligibleProfessions) ?? [],
      requiresJustification: settings.requiresJustification,
      employerCap: settings.employerCap === null ? '' : String(settings.employerCap),
      capReleaseDays: settings.capReleaseDays === null ? '' : String(settings.capReleaseDays),
    };
    const notice = errors ? null : noticeOf(textOf(request.query, 'ok', 60));
    return sendPage(reply, SettingsPage({ frame: frameWithFunder(frame, settings.funderId), trainingId, trainingTitle: settings.title, values: shown, errors, notice }), status);
  }

  app.get<{ Params: Params }>('/pilotage/formations/:id/inscriptions', (request, reply) => settingsPage(request, reply, null, null, 200));

  app.post<{ Params: Params }>('/pilotage/formations/:id/inscriptions', async (request, reply) => {
    const frame = await frameOf(context, request, reply, 'registrations.manage');
    const trainingId = idOf(request.params);
    const values: SettingsValues = {
      requiresApproval: textOf(request.body, 'requiresApproval', 10) === 'oui',
      eligibleProfessions: valuesOf(request.body, 'eligibleProfessions'),
      requiresJustification: textOf(request.body, 'requiresJustification', 10) === 'oui',
      employerCap: textOf(request.body, 'employerCap', 10).trim(),
      capReleaseDays: textOf(request.body, 'capReleaseDays', 10).trim(),
    };
    try {
      await updateRegistrationSettings(context, request.acting, trainingId, values);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return settingsPage(request, reply, values, errors, 422);
    }
    return redirectWith(reply, frame, settingsPath(trainingId), { ok: 'regles-enregistrees' });
  });
}
