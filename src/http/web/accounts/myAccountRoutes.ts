import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parisDateOf } from '../../../domain/dates/calendarDate.js';
import { INVALID_LINK_MESSAGE } from '../../../use-cases/accounts/acceptInvitation.js';
import { createApiToken, revokeApiToken } from '../../../use-cases/accounts/apiTokens.js';
import { logOutEverywhere } from '../../../use-cases/accounts/logOut.js';
import { changePassword, confirmEmailChange, requestEmailChange } from '../../../use-cases/accounts/manageOwnAccount.js';
import type { SignedIn } from '../../../use-cases/accounts/resolveSession.js';
import { exportPersonalData } from '../../../use-cases/personal-data/personalData.js';
import { ApiTokenCreatedPage } from '../../../views/accounts/ApiTokenCreatedPage.js';
import { EmailChangedPage, EmailChangeSentPage } from '../../../views/accounts/EmailChangePages.js';
import { LinkExpiredPage } from '../../../views/accounts/LinkExpiredPage.js';
import { MyAccountPage, type AccountFormProblem } from '../../../views/accounts/MyAccountPage.js';
import type { AppContext } from '../../context.js';
import { clearSessionCookie } from '../../plugins/authentication.js';
import { pageContextOf } from '../pageContext.js';
import { formProblemOf, isDomainError } from './formErrors.js';
import { formList, formOptionalInteger, formText } from './formBody.js';
import { loginPathFor } from './localPath.js';
import { myAccountView } from './myAccountView.js';
import { sendPage } from './sendPage.js';

type Query = Record<string, string | string[] | undefined>;

const NOTICES: Record<string, string> = {
  bienvenue: 'Bienvenue ! Votre compte est activé et vous êtes connecté·e.',
  'mot-de-passe': 'Votre mot de passe a été changé. Vos autres sessions ont été fermées.',
  'jeton-revoque': 'Le jeton a été révoqué : il ne permet plus d’utiliser l’API.',
};

function noticeOf(query: Query): string | null {
  if (query.bienvenue === '1') return NOTICES.bienvenue ?? null;
  const done = typeof query.fait === 'string' ? query.fait : '';
  return NOTICES[done] ?? null;
}

/** The signed-in person; the guard below has already sent anyone else to the login page. */
function signedInOf(request: FastifyRequest): SignedIn {
  if (!request.signedIn) throw new Error('account route reached without a session');
  return request.signedIn;
}

async function sendMyAccount(request: FastifyRequest, reply: FastifyReply, context: AppContext, extra: { notice?: string | null; failed?: AccountFormProblem }) {
  const view = await myAccountView(context, signedInOf(request), request.acting);
  return sendPage(reply, MyAccountPage({ context: pageContextOf(request, reply, { forms: true }), ...view, ...extra }), { status: extra.failed ? 422 : 200 });
}

/** "Mon compte": only for a signed-in person. */
const signedInRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.signedIn) return reply.redirect(loginPathFor('/mon-compte'), 303);
  });

  app.get('/mon-compte', async (request, reply) => sendMyAccount(request, reply, context, { notice: noticeOf(request.query as Query) }));

  app.post('/mon-compte/mot-de-passe', async (request, reply) => {
    try {
      await changePassword(context.database, context.clock, request.acting, {
        currentPassword: formText(request.body, 'currentPassword'),
        newPassword: formText(request.body, 'newPassword'),
        newPasswordConfirmation: formText(request.body, 'newPasswordConfirmation'),
        currentSessionId: signedInOf(request).sessionId,
      });
    } catch (error) {
      return sendMyAccount(request, reply, context, { failed: { form: 'password', problem: formProblemOf(error) } });
    }
    return reply.redirect('/mon-compte?fait=mot-de-passe', 303);
  });

  app.post('/mon-compte/adresse', async (request, reply) => {
    const newEmail = formText(request.body, 'newEmail', 320).trim();
    try {
      await requestEmailChange(context.database, context.clock, context.config, request.acting, { newEmail, password: formText(request.body, 'password') });
    } catch (error) {
      return sendMyAccount(request, reply, context, { failed: { form: 'email', problem: formProblemOf(error), newEmail } });
    }
    const page = EmailChangeSentPage({ context: pageContextOf(request, reply, { forms: true }), newEmail: newEmail.toLowerCase() });
    return sendPage(reply, page);
  });

  app.post('/mon-compte/deconnexion-partout', async (request, reply) => {
    await logOutEverywhere(context.database, context.clock, request.acting);
    clearSessionCookie(reply, context);
    return reply.redirect('/connexion?deconnecte=partout', 303);
  });

  app.post('/mon-compte/jetons', async (request, reply) => {
    const name = formText(request.body, 'name', 300);
    const scopes = formList(request.body, 'scopes');
    try {
      const { token } = await createApiToken(context.database, context.clock, request.acting, {
        userId: signedInOf(request).actor.userId,
        name,
        scopes,
        expiresInDays: formOptionalInteger(request.body, 'expiresInDays'),
      });
      return sendPage(reply, ApiTokenCreatedPage({ context: pageContextOf(request, reply, { forms: true }), name: name.trim(), token }));
    } catch (error) {
      const failed: AccountFormProblem = { form: 'token', problem: formProblemOf(error), name, scopes, expiresInDays: formText(request.body, 'expiresInDays', 20) };
      return sendMyAccount(request, reply, context, { failed });
    }
  });

  app.post<{ Params: { id: string } }>('/mon-compte/jetons/:id/revoquer', async (request, reply) => {
    await revokeApiToken(context.database, context.clock, request.acting, request.params.id.slice(0, 100));
    return reply.redirect('/mon-compte?fait=jeton-revoque#jetons', 303);
  });

  app.get('/mon-compte/donnees.json', async (request, reply) => {
    const data = await exportPersonalData(context.database, context.clock, request.acting, signedInOf(request).actor.userId);
    const filename = `relais-mes-donnees-${parisDateOf(context.clock.now())}.json`;
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });
};

/** "Mon compte" and the link that confirms a new address (it may be opened on another device, signed out). */
export const myAccountRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  await app.register(signedInRoutes, { context });

  app.get<{ Params: { token: string } }>('/mon-compte/adresse/:token', async (request, reply) => {
    try {
      const { newEmail } = await confirmEmailChange(context.database, context.clock, { token: request.params.token, ip: request.acting.meta.ip });
      const page = EmailChangedPage({ context: pageContextOf(request, reply, { forms: true }), newEmail, signedIn: request.signedIn !== null });
      return sendPage(reply, page);
    } catch (error) {
      if (!isDomainError(error, 'LINK_INVALID')) throw error;
      return sendPage(reply, LinkExpiredPage({ context: pageContextOf(request, reply, { forms: true }), kind: 'email_change', message: INVALID_LINK_MESSAGE }), { status: 410 });
    }
  });
};
