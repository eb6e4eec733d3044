/**
 * Signs in through the login form, as a browser does: GET /connexion sets the CSRF secret
 * cookie and carries the `_csrf` token in a hidden field; POST /connexion (form-urlencoded)
 * answers 303 with the session cookie.
 */
export interface SignedInCookies {
  /** Value of the relais_session cookie. */
  session: string;
  /** Value of the relais_csrf cookie (the CSRF secret), sent back by a browser on every page. */
  csrfSecret: string;
}

export async function signIn(origin: string, email: string, password: string): Promise<SignedInCookies> {
  const form = await fetch(`${origin}/connexion`, { redirect: 'manual' });
  const html = await form.text();
  if (form.status !== 200) throw new Error(`GET /connexion répond ${form.status}`);
  const csrfSecret = cookieValue(form.headers.getSetCookie(), 'relais_csrf');
  const token = /<input[^>]*\bname="_csrf"[^>]*\bvalue="([^"]+)"/.exec(html)?.[1] ?? /<input[^>]*\bvalue="([^"]+)"[^>]*\bname="_csrf"/.exec(html)?.[1];
  if (!csrfSecret) throw new Error('GET /connexion : pas de cookie relais_csrf');
  if (!token) throw new Error('GET /connexion : pas de champ _csrf dans le formulaire');

  const response = await fetch(`${origin}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `relais_csrf=${csrfSecret}` },
    body: new URLSearchParams({ _csrf: token, email, password, suivant: '/' }).toString(),
  });
  const body = await response.text();
  const session = cookieValue(response.headers.getSetCookie(), 'relais_session');
  if (response.status !== 303 || !session) {
    throw new Error(`POST /connexion : ${response.status} sans cookie relais_session (${body.replace(/\s+/g, ' ').slice(0, 300)})`);
  }
  return { session, csrfSecret };
}

function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const header of setCookies) {
    const [pair] = header.split(';');
    const separator = pair?.indexOf('=') ?? -1;
    if (pair && separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
