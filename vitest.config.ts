import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Every test computes "now" and weekdays in Europe/Rome; pinning the process zone to
    // something else proves the code never leans on the machine's local zone.
    env: { TZ: 'America/New_York', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two workers even on a 2-core machine (vitest's default there is one: every file in turn). Much of
    // the suite waits on Chromium, dynalite and s3rver, so a unit file beside a browser file takes the
    // whole suite from 865 s to 717 s on this machine (2026-12-07, same commit, green both ways),
    // under the 15 minutes CI allows. Browser files still run one at a time (the e2e project below).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Arrays merge when a project extends the root, so each project names its own files.
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, 'tests/e2e/**'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds web/dist and starts one server (plus a second origin) for every e2e file; it
          // runs only when e2e files are selected. One browser at a time on a 2-core machine.
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
})
