import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const REPO_ROOT = new URL('../../../', import.meta.url).pathname

describe('functions/lambda/build.ts as a library', () => {
  const folders: string[] = []
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))))

  // The benchmarks are one esbuild bundle run by node: every module in it shares the bundle's
  // import.meta.url, which is then process.argv[1]. build.ts took that for `npm run build:lambda`
  // and rebuilt dist/lambda (the folder `cdk deploy` ships) at every bench run.
  it('builds nothing when bundled into a script that imports it', async () => {
    // Inside the project, so that the bundle's packages (esbuild) resolve from its node_modules.
    await mkdir(join(REPO_ROOT, 'node_modules', '.cache'), { recursive: true })
    const root = await mkdtemp(join(REPO_ROOT, 'node_modules', '.cache', 'pv-build-module-'))
    folders.push(root)
    // Two folders down, as bench/dist/run.mjs is: the module's own root is then `root`.
    const script = join(root, 'bench', 'dist', 'script.mjs')
    await build({
      stdin: { contents: `import { LAMBDA_HANDLER } from './functions/lambda/build.ts'\nconsole.log(LAMBDA_HANDLER)`, resolveDir: REPO_ROOT, loader: 'ts' },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    })
    const run = spawnSync(process.execPath, [script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('index.handler\n')
    expect(run.status).toBe(0)
    expect(existsSync(join(root, 'dist'))).toBe(false)
  })
})
