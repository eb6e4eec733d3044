import type { FastifyPluginAsync } from 'fastify';
import { acceptInvitation, describeInvitation, INVALID_LINK_MESSAGE } from '../../../use-cases/accounts/acceptInvitation.js';
import { logOut } from '../../../use-cases/accounts/logOut.js';
import { InvitationPage } from '../../../views/accounts/InvitationPage.js';
import { LinkExpiredPage } from '../../../views/accounts/LinkExpiredPage.js';
import type { AppContext } from '../../context.js';
import { setSessionCookie } from '../../plugins/authentication.js';
import { pageContextOf } from '../pageContext.js';
import { formProblemOf, isDomainError } from './formErrors.js';
import { formText } from './formBody.js';
import { sendPage } from './sendPage.js';

type TokenParams = { Params: { token: string } };

/** The invited person chooses a password and is signed in. */
export const invitationRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get<TokenParams>('/invitation/:token', async (request, reply) => {
    const page = pageContextOf(request, reply, { forms: true });
    const invitee = await describeInvitation(context.database, context.clock, request.params.token);
    if (!invitee) return sendPage(reply, LinkExpiredPage({ context: page, kind: 'invitation', message: INVALID_LINK_MESSAGE }), { status: 410 });
    return sendPage(reply, InvitationPage({ context: page, invitee, action: page.path }));
  });

  app.post<TokenParams>('/invitation/:token', async (request, reply) => {
    const { token } = request.params;
    try {
      const { sessionToken } = await acceptInvitation(context.database, context.clock, {
        token,
        password: formText(request.body, 'password'),
        passwordConfirmation: formText(request.body, 'passwordConfirmation'),
        meta: request.acting.meta,
      });
      if (request.signedIn) await logOut(context.database, context.clock, request.acting, request.signedIn.sessionId);
      setSessionCookie(reply, context, sessionToken);
      return reply.redirect('/mon-compte?bienvenue=1', 303);
    } catch (error) {
      const page = pageContextOf(request, reply, { forms: true });
      const invitee = isDomainError(error, 'LINK_INVALID') ? null : await describeInvitation(context.database, context.clock, token);
      if (!invitee) return sendPage(reply, LinkExpiredPage({ context: page, kind: 'invitation', message: INVALID_LINK_MESSAGE }), { status: 410 });
      return sendPage(reply, InvitationPage({ context: page, invitee, action: page.path, problem: formProblemOf(error) }), { status: 422 });
    }
  });
};
