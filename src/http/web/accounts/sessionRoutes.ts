import type { FastifyPluginAsync } from 'fastify';
import { logIn } from '../../../use-cases/accounts/logIn.js';
import { logOut } from '../../../use-cases/accounts/logOut.js';
import { LoginPage } from '../../../views/accounts/LoginPage.js';
import type { AppContext } from '../../context.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/authentication.js';
import { pageContextOf } from '../pageContext.js';
import { formProblemOf, retryAfterOf } from './formErrors.js';
import { formText } from './formBody.js';
import { safeLocalPath } from './localPath.js';
import { sendPage } from './sendPage.js';

type Query = Record<string, string | string[] | undefined>;

const RESET_NOTICE = 'Votre mot de passe a été changé. Connectez-vous avec le nouveau.';
const LOGGED_OUT_EVERYWHERE_NOTICE = 'Toutes vos sessions ont été fermées. Reconnectez-vous pour continuer.';

function noticeOf(query: Query): string | null {
  if (query.reinitialise === '1') return RESET_NOTICE;
  if (query.deconnecte === 'partout') return LOGGED_OUT_EVERYWHERE_NOTICE;
  return null;
}

/** Login and logout. */
export const sessionRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get('/connexion', async (request, reply) => {
    const query = request.query as Query;
    const next = safeLocalPath(query.suivant);
    if (request.signedIn) return reply.redirect(next, 303);
    return sendPage(reply, LoginPage({ context: pageContextOf(request, reply, { forms: true }), email: '', next, notice: noticeOf(query) }));
  });

  app.post('/connexion', async (request, reply) => {
    const email = formText(request.body, 'email', 320).trim();
    const password = formText(request.body, 'password');
    const next = safeLocalPath(formText(request.body, 'suivant', 500));
    try {
      const { sessionToken } = await logIn(context.database, context.clock, { email, password, meta: request.acting.meta });
      // A browser that was signed in (maybe as someone else) leaves that session behind, closed.
      if (request.signedIn) await logOut(context.database, context.clock, request.acting, request.signedIn.sessionId);
      setSessionCookie(reply, context, sessionToken);
      return reply.redirect(next, 303);
    } catch (error) {
      const problem = formProblemOf(error, ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS']);
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== null) reply.header('Retry-After', String(retryAfter));
      const page = LoginPage({ context: pageContextOf(request, reply, { forms: true }), email, next, problem });
      return sendPage(reply, page, { status: retryAfter !== null ? 429 : 401 });
    }
  });

  app.post('/deconnexion', async (request, reply) => {
    if (request.signedIn) await logOut(context.database, context.clock, request.acting, request.signedIn.sessionId);
    clearSessionCookie(reply, context);
    return reply.redirect('/', 303);
  });
};
