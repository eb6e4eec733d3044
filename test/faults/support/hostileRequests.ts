/**
 * Hostile requests over every registered route, of four kinds:
 * - random: the route's pattern with hostile or real values in its parameters (sometimes
 *   another method, a trailing slash, an extra segment), hostile query strings, forms with
 *   random, missing, repeated and array fields, broken JSON, bad content types, forged
 *   cookies, bad bearer tokens and idempotency keys, huge headers;
 * - forms as the app shows them, filled in as a person would, one to three fields made hostile
 *   (or dropped, repeated, emptied), posted by the actor who saw them with its CSRF token:
 *   past CSRF and authorization, into the use cases and the database;
 * - pages and API lists with their own query parameters (from their links, GET forms and the
 *   OpenAPI document), made hostile;
 * - API bodies valid for the OpenAPI schema with hostile strings, with a bearer token.
 * Requests go as nobody, as a stranger with forged cookies, or as a signed-in demo account.
 *
 * A generated request is a plan: the credentials of its actor are read when it is sent, since
 * a fuzzed request may sign an actor out and the suite signs it in again.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { asHeaderValue, hostileJsonText, hostileSegment, hostileString, percentEncode, TRAVERSALS } from './hostileValues.js';
import type { FuzzActor, HarvestedForm, HostileWorld, JsonSchema } from './hostileWorld.js';

type CsrfMode = 'actor' | 'none' | 'wrong' | 'twice' | 'header' | 'other-actor';
type MangledHow = 'lowercase' | 'suffix' | 'prefix-space' | 'truncated' | 'twice' | 'no-scheme';
type AuthMode = { kind: 'actor' } | { kind: 'none' } | { kind: 'raw'; value: string | string[] } | { kind: 'actor-mangled'; how: MangledHow };

export interface RequestPlan {
  /** "METHOD /pattern" of the route the request was made from ("random" for a path made of nothing). */
  route: string;
  method: string;
  url: string;
  /** Index in world.actors, or null for no credentials of anyone. */
  actor: number | null;
  cookie: 'actor' | 'none' | 'forged' | 'actor+forged';
  forgedCookie: string;
  csrf: CsrfMode;
  auth: AuthMode;
  headers: Record<string, string | string[]>;
  body:
    | { kind: 'none' }
    | { kind: 'form'; fields: Array<[string, string]>; encoding: 'encoded' | 'raw' }
    | { kind: 'raw'; text: string }
    | { kind: 'json'; text: string };
  contentType: string | null;
  /** A draw in [0, 50): requests that end a session carry the actor's cookie only when it is 0 (see materialise). */
  lottery: number;
}

export interface SentRequest {
  plan: RequestPlan;
  options: InjectOptions & { method: string; url: string; headers: Record<string, string | string[]> };
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/json; boundary=x',
  'Application/JSON',
  ' application/json',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'text/xml',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'multipart/form-data; boundary=',
  'image/png',
  '*/*',
  'application/*',
  '',
  ';',
  '/',
  'garbage',
  'application/x-www-form-urlencoded, application/json',
  'application/json, application/x-www-form-urlencoded',
];

const FORGED_COOKIES = [
  'relais_session=',
  'relais_session',
  'relais_session=x',
  'relais_session=undefined',
  'relais_session=null',
  'relais_session=%',
  'relais_session=%E0%A4%A',
  'relais_session=%00',
  'relais_session="unterminated',
  'relais_session=a; relais_session=b',
  'relais_csrf=',
  'relais_csrf=%zz',
  'relais_csrf=not-a-secret',
  '=;=;=',
  ';;;',
  '; ',
  '=',
  '__proto__=1',
  'constructor=1',
  'relais_session=__proto__',
  'a=b; a=c; a=d',
];

const ACCEPTS = ['text/html', 'application/json', '*/*', 'text/csv', 'application/pdf', 'image/*', '', 'garbage/;;', 'text/html;q=0, application/json;q=1', 'application/json;q=abc'];

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

function actorHasCredentials(actor: FuzzActor | undefined): actor is FuzzActor {
  return actor !== undefined && actor.cookie !== '';
}

/** The arbitrary of request plans over the world's routes. */
export function requestPlans(world: HostileWorld): fc.Arbitrary<RequestPlan> {
  const real = world.realValues;
  const segment = hostileSegment(real);
  const text = hostileString();
  const plausible = fc.constantFrom(...(world.plausibleValues.length > 0 ? world.plausibleValues : ['x']));
  // A value the app proposed, with hostile text after it: "/mon-compte" becomes "/mon-compte😀".
  const plausibleThenHostile = fc.tuple(plausible, text).map(([start, end]) => start + end);
  const value = fc.oneof({ weight: 5, arbitrary: text }, { weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: fc.constantFrom(...real) }, { weight: 2, arbitrary: plausibleThenHostile });
  const fieldName = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...(world.fieldNames.length > 0 ? world.fieldNames : ['x'])) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[]', 'a[0]', 'a[b][c]', '_csrf[]', 'people[0][traineeId]', '', ' ', 'hasOwnProperty') },
    { weight: 2, arbitrary: text },
  );
  // A query key: one the route's links, GET forms or OpenAPI parameters use (resolved once the route is known), or any.
  const queryKey = fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((index) => ({ known: index })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...(world.queryKeys.length > 0 ? world.queryKeys : ['q'])), fieldName).map((name) => ({ name })) },
  );
  const staticPath = fc.oneof(fc.constantFrom(...world.staticFiles), fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')), fc.constantFrom(...TRAVERSALS.map((t) => `${t}/${t}/package.json`)));

  const path = fc
    .tuple(
      fc.constantFrom(...world.routes),
      fc.array(segment, { minLength: 4, maxLength: 4 }),
      staticPath,
      fc.constantFrom('as-is', 'as-is', 'as-is', 'as-is', 'trailing-slash', 'double-slash', 'upper', 'extra-segment', 'dot-segment'),
      segment,
    )
    .map(([chosen, values, wildcard, mutation, extra]) => {
      let index = 0;
      let url = chosen.url
        .split('/')
        .map((part) => (part.startsWith(':') ? (values[index++ % values.length] ?? '') : part === '*' ? wildcard : part))
        .join('/');
      if (mutation === 'trailing-slash') url += '/';
      else if (mutation === 'double-slash') url = url.replace('/', '//');
      else if (mutation === 'upper') url = url.toUpperCase();
      else if (mutation === 'extra-segment') url += `/${extra}`;
      else if (mutation === 'dot-segment') url = url.replace(/\/([^/]*)$/, '/%2e/$1');
      return { route: `${chosen.method} ${chosen.url}`, method: chosen.method, url };
    });
  const randomPath = fc.array(segment, { minLength: 0, maxLength: 6 }).map((parts) => ({ route: 'random', method: 'GET', url: `/${parts.join('/')}` }));

  const query = fc.oneof(
    { weight: 5, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.array(fc.tuple(queryKey, value, fc.constantFrom<QueryEncoding>('encoded', 'encoded', 'raw-ascii', 'no-value'), fc.boolean()), { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom('&', '&&&', '=', '==', '?', 'a', 'a=1&a=2&a=3', 'q[]=1&q[]=2', 'page=-1', 'page=0', 'page=99999999999999', 'page=1e3', 'page=abc', 'vue=%00', 'suivant=//evil.example', 'suivant=%2F%2Fevil.example', 'suivant=/\\evil.example', '__proto__[x]=1', `q=${'%C3%A9'.repeat(4000)}`) },
  );

  const method = fc.oneof({ weight: 17, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constantFrom(...OTHER_METHODS) });
  // An actor: nobody, anyone, or (resolved once the route is known) one who reached the route while harvesting, so that requests get past authorization too.
  const actor = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'nobody' as const }) },
    { weight: 4, arbitrary: fc.nat({ max: world.actors.length - 1 }).map((index) => ({ kind: 'any' as const, index })) },
    { weight: 4, arbitrary: fc.nat().map((pickIndex) => ({ kind: 'capable' as const, pickIndex })) },
  );
  const cookieMode = fc.constantFrom<RequestPlan['cookie']>('actor', 'actor', 'actor', 'actor', 'actor', 'none', 'forged', 'actor+forged');
  const forgedCookie = fc.oneof(
    fc.constantFrom(...FORGED_COOKIES),
    text.map((junk) => `relais_session=${percentEncode(junk, 'printable').replace(/;/g, '%3B')}`),
    text.map((junk) => asHeaderValue(junk)),
    fc.integer({ min: 1000, max: 7000 }).map((length) => `relais_session=${'A'.repeat(length)}`),
  );
  const csrf = fc.constantFrom<CsrfMode>('actor', 'actor', 'actor', 'actor', 'actor', 'actor', 'none', 'wrong', 'twice', 'header', 'other-actor');
  const auth: fc.Arbitrary<AuthMode> = fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: 'actor' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: fc.constantFrom<MangledHow>('lowercase', 'suffix', 'prefix-space', 'truncated', 'twice', 'no-scheme').map((how) => ({ kind: 'actor-mangled' as const, how })) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.constantFrom('Bearer', 'Bearer ', 'Bearer  ', 'Bearer rls_', 'Bearer rls_x', 'bearer', 'Basic Zm9vOmJhcg==', 'Basic', 'Digest username="x"', 'Token abc', 'Bearer null', 'Bearer undefined', 'Bearer __proto__', 'Bearer rls_' + 'A'.repeat(43), '', ','),
          text.map((junk) => asHeaderValue(`Bearer ${junk}`)),
          text.map((junk) => asHeaderValue(junk)),
          fc.integer({ min: 1000, max: 7000 }).map((length) => `Bearer rls_${'x'.repeat(length)}`),
          fc.constant<string[]>(['Bearer a', 'Bearer b']),
        )
        .map((value) => ({ kind: 'raw' as const, value })),
    },
  );
  const extraHeaders = fc
    .array(
      fc.oneof(
        fc.tuple(fc.constant('accept'), fc.constantFrom(...ACCEPTS)),
        fc.tuple(fc.constant('accept-language'), fc.oneof(fc.constantFrom('fr-FR,fr;q=0.9', '*', 'xx', ''), text.map(asHeaderValue))),
        fc.tuple(fc.constant('user-agent'), text.map(asHeaderValue)),
        fc.tuple(fc.constant('referer'), fc.oneof(fc.constantFrom('http://relais.test/', 'javascript:alert(1)', '//evil.example'), text.map(asHeaderValue))),
        fc.tuple(fc.constant('origin'), fc.constantFrom('http://relais.test', 'http://evil.example', 'null', '')),
        fc.tuple(fc.constant('x-request-id'), fc.oneof(fc.uuid(), text.map(asHeaderValue))),
        fc.tuple(fc.constant('x-csrf-token'), text.map(asHeaderValue)),
        fc.tuple(fc.constant('if-none-match'), fc.constantFrom('*', 'W/"x"', '"', 'garbage')),
        fc.tuple(fc.constant('if-modified-since'), fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'garbage', '0', 'Fri, 31 Dec 9999 23:59:59 GMT')),
        fc.tuple(fc.constant('range'), fc.constantFrom('bytes=0-10', 'bytes=-1', 'bytes=999999999-', 'bytes=5-1', 'bytes=0-1,2-3,4-5', 'garbage', 'bytes=')),
        fc.tuple(fc.constant('accept-encoding'), fc.constantFrom('gzip', 'br', 'deflate', 'identity;q=0', '*;q=0', 'garbage')),
        fc.tuple(fc.constant('host'), fc.constantFrom('relais.test', 'evil.example', '', 'localhost:99999', '[::1]', 'a'.repeat(300))),
        // Rare and bounded: X-Forwarded-For makes a new client address, and each new address gets fresh login attempts (argon2).
        fc.tuple(fc.constant('x-forwarded-for'), fc.constantFrom('10.0.0.1', '::1', 'garbage', '', '1.1.1.1, 2.2.2.2', '999.999.999.999', 'unknown')),
        fc.tuple(fc.constant('x-forwarded-proto'), fc.constantFrom('https', 'http', 'gopher', '')),
        fc.tuple(fc.constant('x-forwarded-host'), fc.constantFrom('evil.example', '', 'relais.test')),
        fc.tuple(fc.constant('x-http-method-override'), fc.constantFrom('DELETE', 'PUT', 'garbage')),
        fc.tuple(fc.constant('x-fuzz-huge'), fc.integer({ min: 4000, max: 7000 }).map((length) => 'h'.repeat(length))),
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'x-\u00e9'), fc.constant('1')),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => Object.fromEntries(pairs) as Record<string, string>);
  const idempotencyKey = fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: text.map(asHeaderValue) },
    { weight: 2, arbitrary: fc.constantFrom('fuzz-seed-1', 'fuzz-seed-2', 'même-clé', 'k', '', ' ', '0', 'null') },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 7000 }).map((length) => 'k'.repeat(length)) },
    { weight: 1, arbitrary: fc.constant<string[]>(['a', 'b']) },
    { weight: 2, arbitrary: fc.constant(null) },
  );

  // A form field: one the route's own forms have (resolved once the route is known), or any name.
  const formField = fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.nat().map((index) => ({ known: index })) }, { weight: 1, arbitrary: fieldName.map((name) => ({ name })) }), value);
  const body = fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 8, arbitrary: fc.tuple(fc.array(formField, { maxLength: 12 }), fc.constantFrom<'encoded' | 'raw'>('encoded', 'encoded', 'encoded', 'raw')).map(([fields, encoding]) => ({ kind: 'form' as const, fields, encoding })) },
    { weight: 5, arbitrary: hostileJsonText(world.jsonKeys.length > 0 ? world.jsonKeys : ['x'], [...world.plausibleValues, ...real]).map((json) => ({ kind: 'json' as const, text: json })) },
    { weight: 2, arbitrary: text.map((raw) => ({ kind: 'raw' as const, text: raw })) },
  );
  const contentType = fc.oneof({ weight: 8, arbitrary: fc.constant('natural') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.constant(null) });
  const NATURAL_TYPE = { json: 'application/json', form: 'application/x-www-form-urlencoded', raw: 'text/plain' } as const;

  const randomPlan = fc
    .record({
      target: fc.oneof({ weight: 19, arbitrary: path }, { weight: 1, arbitrary: randomPath }),
      search: query,
      otherMethod: method,
      drawnActor: actor,
      cookie: cookieMode,
      forged: forgedCookie,
      csrfMode: csrf,
      authMode: auth,
      headers: extraHeaders,
      key: idempotencyKey,
      drawnBody: body,
      drawnType: contentType,
      keepBodyOnRead: fc.nat({ max: 9 }),
      lottery: fc.nat({ max: 49 }),
    })
    .map(({ target, search, otherMethod, drawnActor, cookie, forged, csrfMode, authMode, headers, key, drawnBody, drawnType, keepBodyOnRead, lottery }): RequestPlan => {
      const finalMethod = otherMethod ?? target.method;
      const capable = world.capableActors.get(target.route) ?? [];
      const actorIndex = drawnActor.kind === 'nobody' ? null : drawnActor.kind === 'any' ? drawnActor.index : (pick(capable, drawnActor.pickIndex) ?? drawnActor.pickIndex % world.actors.length);
      // GET and HEAD carry a body one time in ten: Fastify never reads it, but a proxy may pass it on.
      const reads = finalMethod === 'GET' || finalMethod === 'HEAD';
      const chosen = reads && keepBodyOnRead > 0 ? { kind: 'none' as const } : drawnBody;
      const known = world.formFields.get(target.route) ?? [];
      const routeKeys = world.queryKeysByRoute.get(target.route) ?? world.queryKeys;
      const queryString =
        typeof search === 'string'
          ? search
          : encodeQuery(
              search.map(([spec, item, how, shaped]) => {
                const name = 'name' in spec ? spec.name : (pick(routeKeys, spec.known) ?? 'q');
                return [name, shaped ? shapedFor(name, item) : item, how];
              }),
            );
      const resolved: RequestPlan['body'] =
        chosen.kind === 'form'
          ? {
              kind: 'form',
              encoding: chosen.encoding,
              fields: chosen.fields.map(([spec, item]): [string, string] => {
                const name = 'name' in spec ? spec.name : (pick(known, spec.known) ?? pick(world.fieldNames, spec.known) ?? 'champ');
                return [name, shapedFor(name, item)];
              }),
            }
          : chosen;
      return {
        route: target.route,
        method: finalMethod,
        url: queryString === '' ? target.url : `${target.url}?${queryString}`,
        actor: actorIndex,
        cookie,
        forgedCookie: forged,
        csrf: csrfMode,
        auth: authMode,
        headers: { ...headers, ...(key === null ? {} : { 'idempotency-key': key }) },
        body: resolved,
        contentType: resolved.kind === 'none' ? null : drawnType === 'natural' ? NATURAL_TYPE[resolved.kind] : drawnType,
        lottery,
      };
    });

  // A form as the app shows it, posted by the actor who saw it with one to three fields made
  // hostile (or dropped, repeated, emptied): past CSRF and authorization, into the use cases.
  const mutation = fc.record({
    at: fc.nat(),
    op: fc.constantFrom('hostile', 'hostile', 'hostile', 'hostile', 'plausible', 'real', 'drop', 'duplicate', 'empty', 'array-name'),
    value,
  });
  // A route first, then one of its forms: « Mon compte »'s five forms, shown to every actor, would otherwise be a third of them.
  const formRoutes = [...new Set(world.forms.map((form) => form.route))];
  const formsOf = new Map(formRoutes.map((route) => [route, world.forms.filter((form) => form.route === route)]));
  const formPlan = fc
    .record({
      routeIndex: fc.nat(),
      formIndex: fc.nat(),
      fill: fc.nat({ max: 9 }),
      fillSeed: fc.nat(),
      fillText: fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: plausible }),
      mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
      csrfMode: fc.constantFrom<CsrfMode>('actor', 'actor', 'actor', 'actor', 'actor', 'actor', 'actor', 'header', 'none', 'wrong'),
      headers: fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders }),
      encoding: fc.constantFrom<'encoded' | 'raw'>('encoded', 'encoded', 'encoded', 'encoded', 'raw'),
      lottery: fc.nat({ max: 49 }),
    })
    .map(({ routeIndex, formIndex, fill, fillSeed, fillText, mutations, csrfMode, headers, encoding, lottery }): RequestPlan => {
      const forms = formsOf.get(formRoutes[routeIndex % formRoutes.length] as string) ?? world.forms;
      const form = forms[formIndex % forms.length] as HarvestedForm;
      let fields: Array<[string, string]> = form.fields.filter(([name]) => name !== '_csrf');
      // Seven times in ten, the empty fields filled in as a person would (so that the form passes
      // its checks and the hostile text is stored), with hostile text where free text goes.
      if (fill < 7) {
        fields = fields.map(([name, value]) => [name, value !== '' ? value : filledValue(name, form.choices[name] ?? [], fillSeed, fillText)]);
        for (const [name, offered] of Object.entries(form.choices)) {
          if (!fields.some(([field]) => field === name) && offered.length > 0) fields.push([name, offered[fillSeed % offered.length] as string]);
        }
      }
      for (const change of mutations) {
        if (fields.length === 0) break;
        const index = change.at % fields.length;
        const [name, original] = fields[index] as [string, string];
        if (change.op === 'drop') fields = fields.filter((_, position) => position !== index);
        else if (change.op === 'duplicate') fields.splice(index, 0, [name, change.value]);
        else if (change.op === 'empty') fields[index] = [name, ''];
        else if (change.op === 'array-name') fields[index] = [`${name}[]`, original];
        else fields[index] = [name, shapedFor(name, change.value)];
      }
      return {
        route: form.route,
        method: 'POST',
        url: form.action,
        actor: form.actor,
        cookie: 'actor',
        forgedCookie: '',
        csrf: csrfMode,
        auth: { kind: 'none' },
        headers,
        body: { kind: 'form', fields, encoding },
        contentType: 'application/x-www-form-urlencoded',
        lottery,
      };
    });

  // A JSON body valid for the API's schema with hostile strings (and, sometimes, one wrong type), with the actor's bearer token.
  const signedIn = world.actors.map((_, index) => index).filter((index) => index > 0);
  const apiPlanFor = (route: string, schema: JsonSchema) =>
    fc
      .record({
        ids: fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: segment }), { minLength: 2, maxLength: 2 }),
        body: schemaValue(schema, '', real, text, plausible),
        pickIndex: fc.nat(),
        key: idempotencyKey,
        authMode: fc.oneof({ weight: 8, arbitrary: fc.constant<AuthMode>({ kind: 'actor' }) }, { weight: 1, arbitrary: auth }),
      })
      .map(({ ids, body: value, pickIndex, key, authMode }): RequestPlan => {
        const [method = 'POST', pattern = '/'] = route.split(' ');
        let index = 0;
        return {
          route,
          method,
          url: pattern.replace(/:[A-Za-z]+/g, () => ids[index++ % ids.length] ?? ''),
          actor: pick(world.capableActors.get(route) ?? signedIn, pickIndex) ?? 1,
          cookie: 'none',
          forgedCookie: '',
          csrf: 'none',
          auth: authMode,
          headers: key === null ? {} : { 'idempotency-key': key },
          body: { kind: 'json', text: JSON.stringify(value) ?? 'null' },
          contentType: 'application/json',
          lottery: 1,
        };
      });
  const apiRoutes = [...world.apiBodies.entries()];

  // A page or API list with the query parameters its links, GET forms and OpenAPI document use,
  // each one hostile (or left out), as any actor: past routing, into the handlers that read them.
  const queryRoutes = [...world.queryKeysByRoute.keys()].filter((key) => key.startsWith('GET '));
  const queryPlan = fc
    .record({
      routeIndex: fc.nat(),
      actorIndex: fc.nat({ max: world.actors.length - 1 }),
      values: fc.array(value, { minLength: 1, maxLength: 4 }),
      present: fc.nat(),
      ids: fc.array(fc.constantFrom(...real), { minLength: 2, maxLength: 2 }),
      encoding: fc.constantFrom<QueryEncoding>('encoded', 'encoded', 'encoded', 'raw-ascii'),
    })
    .map(({ routeIndex, actorIndex, values, present, ids, encoding }): RequestPlan => {
      const route = queryRoutes[routeIndex % queryRoutes.length] as string;
      const keys = world.queryKeysByRoute.get(route) ?? [];
      // Each key present or not (one bit of `present` each), never none.
      const chosen = keys.filter((_, index) => ((present >> index) & 1) === 1 || keys.length === 1);
      const pairs = (chosen.length > 0 ? chosen : keys.slice(0, 1)).map((key, index): [string, string, QueryEncoding] => [key, shapedFor(key, values[index % values.length] as string), encoding]);
      let index = 0;
      const path = route.slice(4).replace(/:[A-Za-z]+/g, () => ids[index++ % ids.length] ?? '');
      return {
        route,
        method: 'GET',
        url: `${path}?${encodeQuery(pairs)}`,
        actor: actorIndex,
        cookie: 'actor',
        forgedCookie: '',
        csrf: 'none',
        auth: { kind: 'actor' },
        headers: {},
        body: { kind: 'none' },
        contentType: null,
        lottery: 1,
      };
    });

  const plans: Array<fc.WeightedArbitrary<RequestPlan>> = [{ weight: 14, arbitrary: randomPlan }];
  if (queryRoutes.length > 0) plans.push({ weight: 2, arbitrary: queryPlan });
  if (world.forms.length > 0) plans.push({ weight: 5, arbitrary: formPlan });
  if (apiRoutes.length > 0) plans.push({ weight: 2, arbitrary: fc.oneof(...apiRoutes.map(([route, schema]) => apiPlanFor(route, schema))) });
  return fc.oneof(...plans);
}

/** A valid SIRET (14 digits, Luhn) made from `seed`. */
export function siretOf(seed: number): string {
  const base = String(seed % 1e13).padStart(13, '0');
  for (let last = 0; last < 10; last += 1) {
    const candidate = `${base}${last}`;
    let sum = 0;
    for (let index = 0; index < 14; index += 1) {
      let digit = Number(candidate[13 - index]);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  return base + '0';
}

/**
 * What a person types in an empty field, judged by its name: identifiers and numbers that
 * pass the form's checks (SIRET, e-mail, postcode, counts, dates, passwords), an offered
 * choice where the page offers some, and the hostile text everywhere else (names, labels,
 * reasons): so that the form is accepted and the hostile text is stored, then shown.
 */
function filledValue(name: string, offered: readonly string[], seed: number, hostile: string): string {
  if (offered.length > 0) return offered[seed % offered.length] as string;
  if (/siret/i.test(name)) return siretOf(seed);
  if (/mail|username|courriel/i.test(name)) return `personne.${seed}@exemple.fr`;
  if (/postcode|postal/i.test(name)) return String(10_000 + (seed % 85_000));
  if (/^nda$|declaration.*activite/i.test(name)) return String(11_000_000_000 + (seed % 1_000_000));
  if (/password/i.test(name)) return `Un mot de passe assez long ${seed}`;
  if (/days|jours|cap|min|max|trainees|certificates|evidence|count|nombre|places/i.test(name)) return String(1 + (seed % 30));
  if (/date/i.test(name)) return `2026-0${4 + (seed % 5)}-${String(1 + (seed % 28)).padStart(2, '0')}`;
  if (/lheo/i.test(name)) return String(seed % 20);
  if (/website|site|url/i.test(name)) return `https://exemple.fr/${seed}`;
  if (/idempotency/i.test(name)) return `cle-${seed}`;
  return hostile;
}

/**
 * A value of the JSON schema, with hostile strings where strings go: ids are real ones mostly,
 * enums their values mostly, and one time in twelve a value of the wrong type or size.
 */
function schemaValue(schema: JsonSchema, name: string, real: readonly string[], text: fc.Arbitrary<string>, plausible: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.constant(''));
  let right: fc.Arbitrary<unknown>;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum) right = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: text });
  else if (schema.anyOf) right = fc.oneof(...schema.anyOf.map((member) => schemaValue(member, name, real, text, plausible)));
  else if (type === 'object') {
    const properties = Object.entries(schema.properties ?? {});
    const record = fc.record(Object.fromEntries(properties.map(([key, property]) => [key, schemaValue(property, key, real, text, plausible)])), { requiredKeys: (schema.required ?? []).filter((key) => key in (schema.properties ?? {})) });
    right = fc.tuple(record, fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', ''), text), { freq: 8 })).map(([object, extra]) => (extra ? { ...object, [extra[0]]: extra[1] } : object));
  } else if (type === 'array') {
    const items = schema.items ? schemaValue(schema.items, name, real, text, plausible) : text;
    right = fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 6, 6) });
  } else if (type === 'string') {
    const realId = fc.constantFrom(...real);
    const email = fc.tuple(text, fc.constantFrom('@tilleuls.example', '@exemple.fr', '@', '@@x.fr', '@xn--e-9ga.fr')).map(([local, domain]) => `${local}${domain}`);
    const bounded = text.map((item) => (schema.maxLength !== undefined && item.length > schema.maxLength ? item.slice(0, schema.maxLength) : item));
    if (/id$/i.test(name)) right = fc.oneof({ weight: 6, arbitrary: realId }, { weight: 1, arbitrary: bounded });
    else if (/mail/i.test(name)) right = fc.oneof(email, bounded);
    else right = fc.oneof({ weight: 4, arbitrary: bounded }, { weight: 1, arbitrary: plausible }, { weight: 1, arbitrary: text });
  } else if (type === 'boolean') right = fc.boolean();
  else if (type === 'integer' || type === 'number') right = fc.oneof(fc.integer({ min: -5, max: 60 }), fc.integer());
  else right = text;
  return fc.oneof({ weight: 11, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

/**
 * inject parses the URL with WHATWG rules, where "/\host" names another host and "/\/x" does
 * not parse; a server reads both as paths. Such a path is sent with its backslashes encoded.
 * (The same rules resolve raw "../" and "%2e%2e" segments before the app sees them: through
 * inject, traversal reaches the app double-encoded or with encoded slashes only.)
 */
function injectableUrl(url: string): string {
  return URL.canParse(url, 'http://localhost') ? url : url.replace(/\\/g, '%5C');
}

type QueryEncoding = 'encoded' | 'raw-ascii' | 'no-value';

/**
 * Hostile text shaped for the field it goes to, judged by its name: where a path to go back
 * to is expected (« suivant », « retour »…), it starts with "/" (else the first check sends
 * it away and nothing behind it is tried).
 */
function shapedFor(name: string, item: string): string {
  return /suivant|retour|next|redirect|url|path|chemin/i.test(name) && !item.startsWith('/') ? `/${item}` : item;
}

/** A query string: percent-encoded (as a browser), printable ASCII left raw (as a script), or keys without values. */
function encodeQuery(pairs: ReadonlyArray<readonly [string, string, QueryEncoding]>): string {
  return pairs
    .map(([key, item, how]) => {
      if (how === 'no-value') return percentEncode(key);
      if (how === 'raw-ascii') return `${percentEncode(key, 'printable').replace(/[#&=]/g, '_')}=${percentEncode(item, 'printable').replace(/[#&]/g, '_')}`;
      return `${percentEncode(key)}=${percentEncode(item)}`;
    })
    .join('&');
}

function encodeFormPair(name: string, item: string, encoding: 'encoded' | 'raw'): string {
  if (encoding === 'raw') return `${name}=${item}`;
  return `${percentEncode(name)}=${percentEncode(item)}`;
}

/** The plan as inject options, with the credentials its actor has now. */
export function materialise(plan: RequestPlan, world: Pick<HostileWorld, 'actors' | 'sessionEnding'>): SentRequest {
  const actors = world.actors;
  const actor = plan.actor === null ? undefined : actors[plan.actor];
  const headers: Record<string, string | string[]> = { ...plan.headers };
  const cookies: string[] = [];
  // Signing out is fuzzed too, but one time in fifty: each one costs a new login (argon2) to
  // keep the actor signed in for the requests that follow.
  const keepsSession = !world.sessionEnding.has(plan.route) || plan.lottery === 0;
  if (actorHasCredentials(actor) && keepsSession && (plan.cookie === 'actor' || plan.cookie === 'actor+forged')) cookies.push(actor.cookie);
  if (plan.cookie === 'forged' || plan.cookie === 'actor+forged') cookies.push(plan.forgedCookie);
  if (cookies.length > 0) headers.cookie = cookies.join('; ');

  const bearer = actor?.bearer ?? null;
  switch (plan.auth.kind) {
    case 'actor':
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      break;
    case 'raw':
      headers.authorization = plan.auth.value;
      break;
    case 'actor-mangled': {
      const token = bearer ?? 'rls_';
      const mangled = { lowercase: `bearer ${token}`, suffix: `Bearer ${token}x`, 'prefix-space': `Bearer  ${token}`, truncated: `Bearer ${token.slice(0, -3)}`, twice: `Bearer ${token} ${token}`, 'no-scheme': token }[plan.auth.how];
      headers.authorization = mangled;
      break;
    }
    case 'none':
      break;
  }

  const csrfToken = actor?.csrf ?? null;
  const otherToken = actors.find((candidate) => candidate !== actor && candidate.csrf)?.csrf ?? null;
  let payload: string | undefined;
  if (plan.body.kind === 'form') {
    const fields = [...plan.body.fields];
    if (plan.csrf === 'actor' && csrfToken) fields.push(['_csrf', csrfToken]);
    else if (plan.csrf === 'wrong') fields.push(['_csrf', `${csrfToken ?? 'x'}x`]);
    else if (plan.csrf === 'twice' && csrfToken) fields.push(['_csrf', csrfToken], ['_csrf', csrfToken]);
    else if (plan.csrf === 'other-actor' && otherToken) fields.push(['_csrf', otherToken]);
    else if (plan.csrf === 'header' && csrfToken) headers['x-csrf-token'] = csrfToken;
    // The CSRF field first or last, as browsers and scripts do either.
    if (fields.length > 1 && fields.length % 2 === 0) fields.unshift(fields.pop() as [string, string]);
    const encoding = plan.body.encoding;
    payload = fields.map(([name, item]) => encodeFormPair(name, item, encoding)).join('&');
  } else if (plan.body.kind === 'json' || plan.body.kind === 'raw') {
    payload = plan.body.text;
    if (plan.csrf === 'header' && csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  if (plan.contentType !== null) headers['content-type'] = plan.contentType;
  fitHeaderSection(headers);
  const options: SentRequest['options'] = { method: plan.method, url: injectableUrl(plan.url), headers };
  if (payload !== undefined) options.payload = payload;
  return { plan, options };
}

/** Node refuses a header section over 16 KB (431) before the app runs: bigger ones would test nothing of it. */
const MAX_HEADER_SECTION = 15_000;

/** Cuts the longest header values until the whole section fits what Node lets through. */
function fitHeaderSection(headers: Record<string, string | string[]>): void {
  const sizeOf = (value: string | string[]) => (Array.isArray(value) ? value.join(', ').length : value.length);
  let total = Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + 4 + sizeOf(value), 0);
  while (total > MAX_HEADER_SECTION) {
    const [name, value] = Object.entries(headers).sort(([, a], [, b]) => sizeOf(b) - sizeOf(a))[0] ?? [];
    if (name === undefined || value === undefined || Array.isArray(value)) return;
    const cut = Math.max(0, value.length - (total - MAX_HEADER_SECTION));
    headers[name] = value.slice(0, cut);
    total -= value.length - cut;
  }
}

/** A short, printable description of a request for failure messages: method, URL, actor, headers, body excerpt. */
export function describeRequest(sent: SentRequest, actors: readonly FuzzActor[], max = 300): string {
  const cut = (textValue: string) => (textValue.length > max ? `${textValue.slice(0, max)}… (${textValue.length} caractères)` : textValue);
  const actor = sent.plan.actor === null ? 'personne' : (actors[sent.plan.actor]?.name ?? '?');
  const headers = Object.entries(sent.options.headers)
    .map(([name, item]) => `${name}: ${cut(JSON.stringify(item))}`)
    .join(' | ');
  const payload = typeof sent.options.payload === 'string' ? cut(JSON.stringify(sent.options.payload)) : '(sans corps)';
  return `${sent.options.method} ${cut(sent.options.url)} [route ${sent.plan.route}, acteur ${actor}, cookie ${sent.plan.cookie}, csrf ${sent.plan.csrf}, auth ${sent.plan.auth.kind}]\n    en-têtes ${headers}\n    corps ${payload}`;
}

/** Requests with a body just under or just over the 1 MB limit, on the routes that take a body. */
export const BODY_LIMIT = 1024 * 1024;

/** `template` filled with `unit` repeated and padding ("a"s), so that the whole is exactly `bytes` bytes. */
function exactly(bytes: number, unit: string, template: (padding: string, repeated: string) => string): string {
  const room = bytes - Buffer.byteLength(template('', ''));
  const unitBytes = Buffer.byteLength(unit);
  const count = Math.max(0, Math.floor(room / unitBytes));
  return template('a'.repeat(Math.max(0, room - count * unitBytes)), unit.repeat(count));
}

/** Requests whose body is just under, at, or just over the 1 MB limit (bytes on the wire), on the routes that take a body. */
export function oversizedPlans(world: HostileWorld): fc.Arbitrary<RequestPlan> {
  const posts = world.routes.filter((route) => route.method === 'POST');
  return fc
    .tuple(
      fc.constantFrom(...posts),
      fc.constantFrom(BODY_LIMIT - 4096, BODY_LIMIT - 1, BODY_LIMIT, BODY_LIMIT + 1, BODY_LIMIT + 4096),
      fc.constantFrom('form-one-field', 'form-many-fields', 'json-string', 'json-array'),
      fc.nat({ max: world.actors.length - 1 }),
      fc.constantFrom('a', 'é', '😀', '%', '\u0000', '\u202E'),
    )
    .map(([route, size, shape, actorIndex, unit]): RequestPlan => {
      const url = route.url.replace(/:[A-Za-z]+/g, world.realValues[0] ?? 'x');
      const asJson = JSON.stringify(unit).slice(1, -1);
      let text: string;
      if (shape === 'form-one-field') text = exactly(size, percentEncode(unit), (padding, repeated) => `nom=${padding}${repeated}`);
      else if (shape === 'form-many-fields') text = exactly(size, `a=${percentEncode(unit)}&`, (padding, repeated) => `${repeated}fin=${padding}`);
      else if (shape === 'json-string') text = exactly(size, asJson, (padding, repeated) => `{"firstName":"${padding}${repeated}"}`);
      else text = exactly(size, `{"traineeId":"${asJson}"},`, (padding, repeated) => `{"people":[${repeated}{"traineeId":"${padding}"}]}`);
      const body: RequestPlan['body'] = { kind: 'raw', text };
      const contentType = shape.startsWith('json') ? 'application/json' : 'application/x-www-form-urlencoded';
      return {
        route: `${route.method} ${route.url}`,
        method: 'POST',
        url,
        actor: actorIndex,
        cookie: 'actor',
        forgedCookie: '',
        // In the header: the body is raw, and the limit must be met before anything reads it.
        csrf: 'header',
        auth: { kind: 'actor' },
        headers: { 'idempotency-key': `gros-${size}-${shape}` },
        body,
        contentType,
        lottery: 1,
      };
    });
}
