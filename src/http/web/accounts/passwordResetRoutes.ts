import type { FastifyPluginAsync } from 'fastify';
import { INVALID_LINK_MESSAGE } from '../../../use-cases/accounts/acceptInvitation.js';
import { isPasswordResetLinkUsable, requestPasswordReset, RESET_REQUESTED_MESSAGE, resetPassword } from '../../../use-cases/accounts/passwordReset.js';
import { ForgotPasswordPage } from '../../../views/accounts/ForgotPasswordPage.js';
import { LinkExpiredPage } from '../../../views/accounts/LinkExpiredPage.js';
import { NewPasswordPage } from '../../../views/accounts/NewPasswordPage.js';
import type { AppContext } from '../../context.js';
import { pageContextOf } from '../pageContext.js';
import { formProblemOf, isDomainError, retryAfterOf } from './formErrors.js';
import { formText } from './formBody.js';
import { sendPage } from './sendPage.js';

type TokenParams = { Params: { token: string } };

/** "Mot de passe oublié" and the page of the link it sends. */
export const passwordResetRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get('/mot-de-passe-oublie', async (request, reply) =>
    sendPage(reply, ForgotPasswordPage({ context: pageContextOf(request, reply, { forms: true }), email: '' })),
  );

  app.post('/mot-de-passe-oublie', async (request, reply) => {
    const email = formText(request.body, 'email', 320).trim();
    if (email === '') {
      const problem = { fields: { email: 'Indiquez l’adresse électronique de votre compte.' }, message: 'Indiquez l’adresse électronique de votre compte.' };
      return sendPage(reply, ForgotPasswordPage({ context: pageContextOf(request, reply, { forms: true }), email, problem }), { status: 422 });
    }
    try {
      await requestPasswordReset(context.database, context.clock, context.config, { email, meta: request.acting.meta });
    } catch (error) {
      const problem = formProblemOf(error, ['TOO_MANY_ATTEMPTS']);
      reply.header('Retry-After', String(retryAfterOf(error) ?? 60));
      return sendPage(reply, ForgotPasswordPage({ context: pageContextOf(request, reply, { forms: true }), email, problem }), { status: 429 });
    }
    return sendPage(reply, ForgotPasswordPage({ context: pageContextOf(request, reply, { forms: true }), email: '', confirmation: RESET_REQUESTED_MESSAGE }));
  });

  app.get<TokenParams>('/mot-de-passe/nouveau/:token', async (request, reply) => {
    const page = pageContextOf(request, reply, { forms: true });
    if (!(await isPasswordResetLinkUsable(context.database, context.clock, request.params.token))) {
      return sendPage(reply, LinkExpiredPage({ context: page, kind: 'password_reset', message: INVALID_LINK_MESSAGE }), { status: 410 });
    }
    return sendPage(reply, NewPasswordPage({ context: page, action: page.path }));
  });

  app.post<TokenParams>('/mot-de-passe/nouveau/:token', async (request, reply) => {
    try {
      await resetPassword(context.database, context.clock, {
        token: request.params.token,
        password: formText(request.body, 'password'),
        passwordConfirmation: formText(request.body, 'passwordConfirmation'),
        meta: request.acting.meta,
      });
    } catch (error) {
      const page = pageContextOf(request, reply, { forms: true });
      if (isDomainError(error, 'LINK_INVALID')) return sendPage(reply, LinkExpiredPage({ context: page, kind: 'password_reset', message: INVALID_LINK_MESSAGE }), { status: 410 });
      return sendPage(reply, NewPasswordPage({ context: page, action: page.path, problem: formProblemOf(error) }), { status: 422 });
    }
    return reply.redirect('/connexion?reinitialise=1', 303);
  });
};
