// `npm run bench`: bundles bench/run.ts with esbuild as the Lambda functions are bundled (no
// `keepNames`), then runs it with plain node. Under tsx every named inner function pays an
// Object.defineProperty per call (esbuild's keepNames), a cost production never has: at small
// registries it was a third of a query. Arguments are passed on (`npm run bench -- geo http`).
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

// Two folders below the root, as the modules that find data files by `new URL('../../data/…', import.meta.url)` are.
const out = 'bench/dist/run.mjs'
mkdirSync('bench/dist', { recursive: true })
await build({
  entryPoints: ['bench/run.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
})
const result = spawnSync(process.execPath, ['--enable-source-maps', out, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
