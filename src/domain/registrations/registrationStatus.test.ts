import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertTransition, canTransition, type RegistrationStatus } from './registrationStatus.js';

const ALL: RegistrationStatus[] = ['pending', 'confirmed', 'rejected', 'waitlisted', 'offered', 'expired', 'cancelled'];
const ALLOWED = new Set([
  'pending>confirmed',
  'pending>rejected',
  'pending>cancelled',
  'waitlisted>offered',
  'waitlisted>cancelled',
  'offered>confirmed',
  'offered>pending',
  'offered>expired',
  'offered>cancelled',
  'confirmed>cancelled',
]);

describe('registration state machine', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it('refuses a transition with a French message', () => {
    expect(() => assertTransition('cancelled', 'confirmed')).toThrow(DomainError);
    expect(() => assertTransition('cancelled', 'confirmed')).toThrow(/annulée/);
  });
});
