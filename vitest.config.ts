import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The same suite runs on the embedded database always, and on real PostgreSQL as a second
// project when TEST_DATABASE_URL names a server (CI sets it).
const backends = ['embedded', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

// The browser tests drive Debian's Chromium (.ci/run installs it). On a machine without it they are
// left out with a note, so a fresh clone's `npm test` passes; under CI they always run, and fail
// loudly without a browser.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browserTests = Boolean(process.env.CI) || existsSync(chromium);
if (!browserTests) console.warn(`tests/browser left out: no Chromium at ${chromium} (apt-get install chromium)`);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for yoga and the
    // executor; without this alias vite would give our code the ESM one, and two copies of graphql
    // break every instanceof check (GraphQLError, GraphQLSchema).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    projects: backends.map((backend) => ({
      extends: true,
      test: {
        name: backend,
        env: { TEST_BACKEND: backend },
        globalSetup: ['tests/support/global-setup.ts'],
      },
    })),
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(browserTests ? [] : ['tests/browser/**'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite is single-threaded WebAssembly; forks keep each file's database in its own process.
    pool: 'forks',
    // A worker keeps its modules from one file to the next: importing the app afresh for every
    // file took about a third of the suite's time. Each file still opens its own app and database.
    isolate: false,
    // Much of the suite waits on sockets, timers and child processes: more workers than cores overlap it.
    maxWorkers: 4,
  },
});
