import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Every test computes "now" and weekdays in Europe/Rome; pinning the process zone to
    // something else proves the code never leans on the machine's local zone.
    env: { TZ: 'America/New_York', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
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
