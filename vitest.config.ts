import { defineConfig } from 'vitest/config';

/**
 * Five projects:
 * - unit: pure rules, no database (`*.test.ts` beside the code);
 * - pglite and postgres: the same integration tests (`*.int.test.ts`) on the embedded database
 *   and on a PostgreSQL server (TEST_DATABASE_URL, default the local server; skipped when none
 *   answers, except under CI where that is a failure);
 * - e2e: the built web app in Debian's Chromium (`test/e2e`);
 * - drills: reliability under faults (`test/drills`, `npm run drills`): the real server and CLI
 *   killed mid-import, a private PostgreSQL instance killed and stopped, backup and restore,
 *   SIGTERM drain. One file at a time: they spawn processes and time kills.
 */
const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'test/**/*.test.ts',
            'web/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
          ],
          exclude: [...integration, 'test/e2e/**', 'test/drills/**'],
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
          env: { PEACEOPS_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
          env: { PEACEOPS_TEST_DB: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          env: { PEACEOPS_TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'drills',
          include: ['test/drills/**/*.drill.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
