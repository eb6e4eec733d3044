/**
 * Hostile values for the hostile-input suite: strings a browser, a script or an attacker can
 * send, and the encodings that carry them in a URL, a header or a form. Everything here must be
 * something a real HTTP client can put on the wire: header values are latin1 without control
 * characters (Node's parser refuses the rest before the app sees it), URLs are printable ASCII
 * with percent-escapes (valid or not), so a 5xx found with them is a real bug, not an artefact
 * of `inject`.
 */
import fc from 'fast-check';

/** Unicode that breaks naive code: lone surrogates, bidi and zero-width marks, NUL, combining marks, emoji sequences. */
export const UNICODE_EDGES: readonly string[] = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'a\uD83D', // emoji cut in half
  '\uDE00b',
  '\u202E', // RIGHT-TO-LEFT OVERRIDE
  '\u202Dgauche\u202C',
  '\u200F', // RIGHT-TO-LEFT MARK
  '\u2067\u05E9\u05DC\u05D5\u05DD\u2069',
  '\u200B', // ZERO WIDTH SPACE
  '\u200C\u200D',
  '\uFEFF', // BOM
  '\u2060',
  '\u0000',
  'a\u0000b',
  '\u0000\u0000\u0000',
  'e\u0301',
  'Z\u0351\u0352\u0357\u035B\u0346\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A\u030B\u030C',
  '\u0301', // a combining mark with nothing to combine with
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇫🇷',
  '👍🏽',
  '\u{1F600}'.repeat(50),
  '\u{10FFFF}',
  '\uFFFD',
  '\uFFFE\uFFFF',
  '\u0085', // NEXT LINE
  '\u2028\u2029', // line and paragraph separators (break JSON-in-JS)
  '\r\n',
  '\r',
  '\t',
  '\u000B\u000C',
  '\u001B[31m',
  '\u007F',
  'İı', // Turkish i: case folding changes length
  'ß'.repeat(20),
  'ﬀ', // ligature: upper-cases to two letters
  'Å', // Angstrom sign: NFC changes it
  'é', // NFD
  '\u0130'.repeat(30),
  '𝔄𝔩𝔦𝔠𝔢',
  'ｆｕｌｌｗｉｄｔｈ',
];

/** Strings that look like numbers, dates, booleans, ids or code to the layers that read them. */
export const TRICKY_TEXT: readonly string[] = [
  '',
  ' ',
  '   ',
  '0',
  '-0',
  '-1',
  '1e309',
  '1e-400',
  '0x1F',
  '0b101',
  '00012',
  '1.5',
  '1,5',
  '9007199254740993',
  '99999999999999999999999999999',
  '-99999999999999999999999999999',
  'NaN',
  'Infinity',
  '-Infinity',
  'true',
  'false',
  'null',
  'undefined',
  '[]',
  '{}',
  '[object Object]',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '-000001-01-01',
  '2026-03-10T25:61:61Z',
  '24:00',
  '99:99',
  '12:5',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '\\',
  '\\\\',
  '%',
  '%00',
  '%zz',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '//evil.example',
  '/\\evil.example',
  'http://evil.example/',
  'a@b',
  '@',
  'x@y.z',
  'jeanne.martin+test@tilleuls.example',
  '"@"@example.com',
  'a'.repeat(65) + '@' + 'b'.repeat(250) + '.example',
  'rls_',
  'rls_' + 'A'.repeat(43),
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  'then',
  '*',
  '?',
  '&',
  '=',
  '#',
  ';',
  ',',
  '|',
  '`id`',
  '$(id)',
  '\u0000DROP',
  '44852136900018', // a valid SIRET
  '44852136900019', // the same, Luhn broken
  '35600000000048',
  '356000000',
  '12345678901234567890',
  'employer',
  'provider',
  'cofunder',
  'funder',
  'funder_admin',
  'employer_hr',
  'on',
  'off',
  'oui',
  'non',
  'aucun',
];

/** Path traversal and encoding tricks, written as they go on the wire (already percent-encoded where they are). */
export const TRAVERSALS: readonly string[] = [
  '..',
  '.',
  '...',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e',
  '%252e%252e',
  '%252e%252e%252f',
  '..%2f',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5c',
  '%5c',
  '..%255c',
  '%c0%ae%c0%ae',
  '%c0%af',
  '%e0%80%ae',
  '%2f',
  '%2F%2F',
  '%00',
  '%00.css',
  'styles.css%00.js',
  '%',
  '%%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80', // an encoded lone surrogate (invalid UTF-8)
  '%FF%FE',
  '%C3',
  '%u002e',
  '~',
  '~root',
  '.git',
  '.env',
  'node_modules',
  '..;',
  ';jsessionid=1',
  'a%0d%0aSet-Cookie:%20x=1',
  '%0a',
  '%20',
  '+',
  '%2b',
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NOT_PRINTABLE_ASCII = /[^\x21-\x7E]+/g;

/** The text as an encoder sends it: a lone surrogate becomes U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The UTF-8 bytes of `text`, percent-encoded. 'strict': all but the unreserved characters (as
 * a careful client does); 'printable': only what is not printable ASCII, so quotes, brackets,
 * semicolons and percent signs go through as they are (as a sloppy client or a script does).
 */
export function percentEncode(text: string, mode: 'strict' | 'printable' = 'strict'): string {
  const clean = wellFormed(text);
  if (mode === 'printable') return clean.replace(NOT_PRINTABLE_ASCII, (run) => encodeURIComponent(run));
  return encodeURIComponent(clean).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A header value as Node's HTTP parser hands it over: bytes read as latin1, no CR, LF, NUL or
 * other control characters (the parser refuses the request before the app runs), at most
 * `max` bytes (Node refuses a header section over 16 KB with a 431 before the app runs).
 */
export function asHeaderValue(text: string, max = 4000): string {
  let out = '';
  for (const char of Buffer.from(text, 'utf8').toString('latin1').slice(0, max)) {
    const code = char.charCodeAt(0);
    out += (code < 0x20 && code !== 0x09) || code === 0x7f ? '?' : char;
  }
  return out;
}

const unicodePiece = fc.constantFrom(...UNICODE_EDGES);
const trickyPiece = fc.constantFrom(...TRICKY_TEXT);

/** A hostile string, mostly short, sometimes long (up to 8 000 UTF-16 units). */
export function hostileString(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    { weight: 4, arbitrary: unicodePiece },
    { weight: 4, arbitrary: trickyPiece },
    { weight: 1, arbitrary: fc.constantFrom(...TRAVERSALS) },
  );
  const mixed = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(''));
  const long = fc.tuple(piece, fc.integer({ min: 200, max: 8000 })).map(([unit, length]) => {
    const seed = unit === '' ? 'x' : unit;
    return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
  });
  // Path-shaped: where a field is a path to go back to (« suivant », « retour »), only "/…" gets past the first check.
  const pathLike = fc.tuple(fc.constantFrom('/', '/mon-compte/', '/pilotage?vue=', '/admin#', '/./', '/%2F'), mixed).map(([prefix, rest]) => prefix + rest);
  return fc.oneof({ weight: 6, arbitrary: piece }, { weight: 4, arbitrary: mixed }, { weight: 1, arbitrary: pathLike }, { weight: 1, arbitrary: long });
}

/** A real id, almost: what a truncated copy-paste, a stray character or a crafted link gives. */
const ALTERED_IDS: ReadonlyArray<(id: string) => string> = [
  (id) => `${id}%00`,
  (id) => `${id}/`,
  (id) => `${id}..`,
  (id) => `${id}%2f..`,
  (id) => id.toUpperCase(),
  (id) => `%20${id}`,
  (id) => `${id};x`,
  (id) => id.slice(0, -1),
  (id) => `${id}${id}`,
  (id) => `${id}%0a`,
];

/** A path segment as sent on the wire: a real id sometimes, else hostile text in one of several encodings. */
export function hostileSegment(realValues: readonly string[]): fc.Arbitrary<string> {
  const real = fc.constantFrom(...realValues);
  const encoded = fc.tuple(hostileString(), fc.constantFrom('once', 'twice', 'safe-kept', 'upper-case')).map(([text, how]) => {
    switch (how) {
      case 'once':
        return percentEncode(text);
      case 'twice':
        return percentEncode(percentEncode(text));
      case 'safe-kept':
        // Printable ASCII left as is (quotes, brackets, semicolons…): what a sloppy client sends.
        return percentEncode(text, 'printable').replace(/[#?/]/g, (char) => percentEncode(char));
      default:
        return percentEncode(text.toUpperCase());
    }
  });
  return fc.oneof(
    { weight: 5, arbitrary: real },
    { weight: 2, arbitrary: fc.tuple(real, fc.nat({ max: ALTERED_IDS.length - 1 })).map(([id, how]) => (ALTERED_IDS[how] as (id: string) => string)(id)) },
    { weight: 5, arbitrary: encoded },
    { weight: 3, arbitrary: fc.constantFrom(...TRAVERSALS) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 9000 }).map((length) => 'a'.repeat(length)) },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** JSON texts that are not what the API expects: truncated, deeply nested, huge numbers, pollution keys. */
export function hostileJsonText(knownKeys: readonly string[], plausibleValues: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...knownKeys) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'people', 'traineeId', 'declaration') },
    { weight: 1, arbitrary: hostileString() },
  );
  const scalar = fc.oneof(
    hostileString(),
    fc.constantFrom(...plausibleValues, 'x'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1 + 0.2),
  );
  // Objects as their JSON text, built from pairs: keys may repeat, as a hand-written body's can.
  const objectText = (pairs: ReadonlyArray<readonly [string, string]>) => `{${pairs.map(([name, item]) => `${JSON.stringify(name)}:${item}`).join(',')}}`;
  const valueText: fc.Arbitrary<string> = fc.letrec<{ node: string; array: string; object: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', maxDepth: 3 }, scalar.map((item) => JSON.stringify(item)), tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    object: fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }).map(objectText),
  })).node;
  const shaped = fc.array(fc.tuple(key, valueText), { maxLength: 6 }).map(objectText);
  const person = fc.array(fc.tuple(fc.constantFrom('traineeId', 'declaration', 'firstName', 'lastName', 'email', 'profession', '__proto__'), fc.oneof(scalar.map((item) => JSON.stringify(item)), valueText)), { maxLength: 3 }).map(objectText);
  const people = fc.array(person, { maxLength: 60 }).map((items) => `{"people":[${items.join(',')}]}`);
  const pollution = fc.constantFrom(
    '{"__proto__":{"polluted":"oui"}}',
    '{"constructor":{"prototype":{"polluted":"oui"}}}',
    '{"people":[{"__proto__":{"polluted":"oui"},"traineeId":"x"}]}',
    '{"a":1,"a":2,"__proto__":null}',
    '{"\\u005f_proto__":{"polluted":"oui"}}',
    '[{"__proto__":{"isAdmin":true}}]',
  );
  const nesting = fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return open.repeat(depth) + '1' + close.repeat(depth);
  });
  const truncated = fc.tuple(fc.oneof(shaped, people), fc.nat()).map(([text, cut]) => text.slice(0, text.length === 0 ? 0 : cut % text.length));
  const broken = fc.constantFrom('', ' ', '{', '}', '[', '"', 'nul', 'tru', '{"a":}', '{a:1}', "{'a':1}", '{"a":1,}', '[1,]', 'NaN', '0x10', '1e999999', '"\\ud800"', '"\\u0000"', '"\\x41"', '{"a":"\u0000"}', '\uFEFF{}', '\u0000', '{"a":1}garbage', '{}{}', '"' + 'é'.repeat(3000) + '"');
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 3, arbitrary: people },
    { weight: 2, arbitrary: valueText },
    { weight: 2, arbitrary: truncated },
    { weight: 2, arbitrary: broken },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: nesting },
  );
}
