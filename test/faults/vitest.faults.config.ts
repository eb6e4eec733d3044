import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the fault-tolerance suites (kill -9, PostgreSQL restarted, SMTP down,
 * disk full). They stop and restart services other suites rely on (the PostgreSQL cluster),
 * so they run one file at a time, and never alongside `npm test` (CI runs them after it).
 * Their files end in .faults.ts, which the default include (*.test.ts) does not pick up.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
  },
});
