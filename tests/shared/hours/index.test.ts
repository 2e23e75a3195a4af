import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const entry = new URL('../../../shared/hours/index.ts', import.meta.url).pathname

/** The files esbuild puts in a browser bundle of `import * from index` (what the web page would ship). */
async function bundledInputs(): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent' })
  return Object.keys(result.metafile.inputs)
}

describe('shared/hours/index.ts', () => {
  it('bundles for the browser without the opening_hours library or the OSM converter', async () => {
    const inputs = await bundledInputs()
    expect(inputs.some((path) => path.endsWith('shared/hours/open-at.ts'))).toBe(true)
    expect(inputs.filter((path) => path.includes('node_modules/opening_hours') || path.endsWith('shared/hours/osm.ts'))).toEqual([])
  })

  it('still exports the browser-safe hours functions, public holidays included', async () => {
    const hours = await import('../../../shared/hours/index.ts')
    expect(Object.keys(hours)).toEqual(expect.arrayContaining(['isOpenAt', 'nextOpening', 'isItalianPublicHoliday', 'renderItalianHours', 'parseItalianHours']))
    expect(Object.keys(hours)).not.toContain('osmToSchedule')
  })
})
