import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from './metricsAccess.js';
import { loggableUrl, maskEmails, requestIdOf, serializeError } from './logging.js';

const rawWith = (requestId: string | string[] | undefined) => ({ headers: requestId === undefined ? {} : { 'x-request-id': requestId } }) as unknown as IncomingMessage;

describe('loggableUrl', () => {
  it('logs token-bearing routes as their pattern, whatever the token', () => {
    expect(loggableUrl('/offres/abcdefghijklmnopqrstuvwxyz0123', '/offres/:token')).toBe('/offres/:token');
    expect(loggableUrl('/mot-de-passe/nouveau/secret?x=1', '/mot-de-passe/nouveau/:token')).toBe('/mot-de-passe/nouveau/:token?x');
  });

  it('keeps the path of other routes and only the keys of query strings', () => {
    expect(loggableUrl('/formations/aller-vers-module-1', '/formations/:slug')).toBe('/formations/aller-vers-module-1');
    expect(loggableUrl('/admin/personnes?q=Jeanne+Martin&page=2&q=bis', '/admin/personnes')).toBe('/admin/personnes?q&page');
    expect(loggableUrl('/?', '/')).toBe('/');
  });

  it('masks token-like segments and addresses in URLs that matched no route', () => {
    expect(loggableUrl('/invitations/abcdefghijklmnopqrstuvwxyz/accepter', undefined)).toBe('/invitations/:masqué/accepter');
    expect(loggableUrl('/profil/jeanne.martin%40exemple.fr', undefined)).toBe('/profil/:masqué');
    expect(loggableUrl('/profil/jo%40ex.fr', undefined)).toBe('/profil/[courriel masqué]');
    expect(loggableUrl(`/${'a/'.repeat(400)}`, undefined).length).toBeLessThanOrEqual(301);
  });
});

describe('maskEmails', () => {
  it('masks every address in a text, and nothing else', () => {
    expect(maskEmails('550 <jeanne@exemple.fr> refusé, copie à paul.dupont+rh@clinique.example')).toBe('550 <[courriel masqué]> refusé, copie à [courriel masqué]');
    expect(maskEmails('Key (email)=(jeanne@exemple.fr) already exists')).toBe('Key (email)=([courriel masqué]) already exists');
    expect(maskEmails('Groupe 1 — Lille — 10 & 11 mars 2022 @ 9h')).toBe('Groupe 1 — Lille — 10 & 11 mars 2022 @ 9h');
  });
});

describe('serializeError', () => {
  it('keeps type, message, stack and code, masks addresses, drops driver details', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), { code: '23505', detail: 'Key (email)=(jeanne@exemple.fr) already exists.' });
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({ type: 'Error', message: error.message, code: '23505' });
    expect(serialized.stack).toContain('logging.test.ts');
    expect(JSON.stringify(serialized)).not.toContain('jeanne');
    expect(serializeError(new Error('envoi', { cause: new Error('refusé pour a@b.fr') })).cause).toMatchObject({ message: 'refusé pour [courriel masqué]' });
  });
});

describe('requestIdOf', () => {
  it('reuses a sane X-Request-Id and makes a UUID otherwise', () => {
    expect(requestIdOf(rawWith('0f9a7c1e2b3d4c5e6f708192a3b4c5d6'))).toBe('0f9a7c1e2b3d4c5e6f708192a3b4c5d6');
    for (const insane of [undefined, '', ' x', 'a'.repeat(129), 'id\u00e9', ['a', 'b'], '{"$gt":""}']) {
      expect(requestIdOf(rawWith(insane))).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('isLoopbackAddress', () => {
  it('knows IPv4, IPv6 and mapped loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of [undefined, '', '10.0.0.1', '::ffff:10.0.0.1', '1270.0.0.1', '::2']) expect(isLoopbackAddress(address)).toBe(false);
  });
});
