/**
 * Where to go after login. Only a path of this site is accepted ("/…", never "//host" nor
 * "/\host", which browsers read as another host), so the link cannot send anyone elsewhere.
 */
export const DEFAULT_AFTER_LOGIN = '/mon-compte';

export function safeLocalPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500) return DEFAULT_AFTER_LOGIN;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return DEFAULT_AFTER_LOGIN;
  // Spaces and control characters: browsers drop a tab inside "/\t/host" and read "//host".
  if ([...raw].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f) || /\s/.test(raw)) return DEFAULT_AFTER_LOGIN;
  // It becomes a Location header: Node refuses any character above U+00FF there (a 500), and
  // browsers read Latin-1 bytes differently, so non-ASCII is sent percent-encoded as UTF-8,
  // as browsers send it. A lone surrogate cannot be encoded: no one typed that path.
  try {
    return raw.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
}

/** "/connexion?suivant=/mon-compte": the slashes stay readable, the rest is encoded. */
export function loginPathFor(next: string): string {
  return `/connexion?suivant=${encodeURIComponent(next).replace(/%2F/gi, '/')}`;
}
