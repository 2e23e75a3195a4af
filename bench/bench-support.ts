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
