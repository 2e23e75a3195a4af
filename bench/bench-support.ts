import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * true when the module at `moduleUrl` is the script node was started with (`tsx bench/geo.ts`),
 * false when bench/run.ts imports it, bundled or not. pathToFileURL makes the comparison hold for paths with
 * spaces or non-ASCII characters, which a hand-built `file://` string gets wrong.
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1]
  // Inside the bundled runner (scripts/run-bench.mjs) every module shares the bundle's URL, a
  // `.mjs`: only a bench file run by itself through tsx is its own script.
  return script !== undefined && moduleUrl.endsWith('.ts') && moduleUrl === pathToFileURL(script).href
}

/**
 * "met", or by how many times the target was missed ("MISSED by 1.4×"). `higherIsBetter` for
 * rates and speed-ups; times and sizes are better lower.
 */
export function verdict(value: number, target: number, higherIsBetter = false): string {
  const met = higherIsBetter ? value >= target : value <= target
  return met ? 'met' : `MISSED by ${(higherIsBetter ? target / value : value / target).toFixed(1)}×`
}

/**
 * The project's root: the first folder above this module holding package.json. A path relative
 * to the module would be wrong in one of its two homes (bench/ under tsx, bench/dist/ bundled).
 */
export const REPO_ROOT = ((): string => {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error('bench: no package.json above the benchmark')
    folder = parent
  }
  return `${folder}/`
})()

/**
 * The old space node gives itself on a machine of `memoryMiB` (a Lambda function sees its memory
 * setting as the machine's): ~43 % of it on node 20 (a heap limit of ~464 MiB at 1 GiB). Bench
 * processes that stand for a function run with it: this machine's 24 GiB would give them 4 GiB,
 * so V8 would collect late (peaks counting garbage) and a heap the function cannot hold would pass.
 */
export const lambdaOldSpaceMiB = (memoryMiB: number): number => Math.floor(memoryMiB * 0.43)

/**
 * What a Node.js function's process sees on Lambda besides its own variables: the runtime's PATH
 * and zone, not the shell's variables. NODE_EXTRA_CA_CERTS (set in this sandbox's shell; Lambda
 * stopped setting it from Node.js 20) alone makes node read a CA bundle at startup, 50–80 ms here:
 * inherited, it was added to both sides of the cold-start ratio.
 */
function lambdaProcessEnvironment(functionEnv: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: ':UTC', LANG: 'en_US.UTF-8', ...functionEnv }
}

/**
 * Runs `script` as an ES module in a fresh node process standing for a Lambda function (its
 * environment is `env` and Lambda's own variables, nothing inherited) and gives back the JSON
 * object it wrote last, the one that starts with `key`: the handler logs JSON lines to stdout too.
 */
export function resultOfFunctionScript<T>(script: string, env: Record<string, string>, key: string, what: string, nodeOptions: string[] = [], node = process.execPath): Promise<T> {
  return resultOfFunctionProcess([...nodeOptions, '--input-type=module', '-e', script], env, key, what, node)
}

/** The same for node (this one, or the `node` binary given) run with `args` (options, a script file and its arguments). */
export function resultOfFunctionProcess<T>(args: readonly string[], env: Record<string, string>, key: string, what: string, node = process.execPath): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { env: lambdaProcessEnvironment(env), stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${what} exited with ${code}`))
      const last = out.trim().split('\n').at(-1)!
      resolve(JSON.parse(last.slice(last.lastIndexOf(`{"${key}"`))) as T)
    })
  })
}
