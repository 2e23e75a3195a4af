#!/usr/bin/env node
// `npm run audit:deps`: npm audit of what runs in production. Some registries (mirrors) do not
// answer the audit endpoint; then this says so in one line instead of a page of npm errors.
import { spawnSync } from 'node:child_process'

const result = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { encoding: 'utf8' })
const output = `${result.stdout}${result.stderr}`
if (/audit endpoint returned an error|405 Method Not Allowed|ENOAUDIT/.test(output)) {
  console.error('npm audit: the configured npm registry does not answer audit requests; run this where the public registry is reachable (see docs/SECURITY.md).')
  process.exit(2)
}
process.stdout.write(output)
process.exit(result.status ?? 1)
