/**
 * Secrets: random tokens handed to people (session cookies, links, API tokens) are stored
 * only as SHA-256 hashes, so a copy of the database opens nothing; passwords are hashed with
 * argon2id (OWASP parameters, the library's defaults).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A fixed hash checked when the account does not exist, so that a wrong email and a wrong
// password take the same time (no account enumeration by timing).
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoyHash ??= hash('relais-decoy-password-never-valid');
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
