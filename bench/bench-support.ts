import { pathToFileURL } from 'node:url'

/**
 * true when the module at `moduleUrl` is the script node was started with (`tsx bench/geo.ts`),
 * false when bench/run.ts imports it. pathToFileURL makes the comparison hold for paths with
 * spaces or non-ASCII characters, which a hand-built `file://` string gets wrong.
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1]
  return script !== undefined && moduleUrl === pathToFileURL(script).href
}

/**
 * "met", or by how many times the target was missed ("MISSED by 1.4×"). `higherIsBetter` for
 * rates and speed-ups; times and sizes are better lower.
 */
export function verdict(value: number, target: number, higherIsBetter = false): string {
  const met = higherIsBetter ? value >= target : value <= target
  return met ? 'met' : `MISSED by ${(higherIsBetter ? target / value : value / target).toFixed(1)}×`
}
