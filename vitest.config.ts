import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
          // Several suites ingest all seeds in beforeAll; a loaded 2-core machine needs more than 10 s.
          hookTimeout: 60_000,
          testTimeout: 30_000,
          exclude: [...configDefaults.exclude, 'tests/browser/**'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          // Page loads in a cold Chromium and a slow CI machine need more than the 5 s default.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
