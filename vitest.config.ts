import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Every test computes "now" and weekdays in Europe/Rome; pinning the process zone to
    // something else proves the code never leans on the machine's local zone.
    env: { TZ: 'America/New_York', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
