import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './throttle.js';

describe('retryAfterSeconds', () => {
  const limit = { maxFailures: 3, windowSeconds: 600 };
  const now = new Date('2026-01-01T10:00:00Z');

  it('lets attempts through under the limit', () => {
    expect(retryAfterSeconds({ count: 2, oldest: '2026-01-01T09:55:00Z' }, limit, now)).toBe(0);
  });

  it('says when the oldest failure leaves the window', () => {
    expect(retryAfterSeconds({ count: 3, oldest: '2026-01-01T09:55:00Z' }, limit, now)).toBe(300);
  });
});
