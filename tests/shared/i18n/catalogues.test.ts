import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * Every message file a translator edits (shared/i18n/messages/<bundle>-<lang>.json; the citizens' is
 * <lang>.json) has each key of its Italian reference, no key the reference lacks, and the same
 * {placeholders}: a missing translation is a failing test, not a silent fallback to Italian.
 */
const DIR = 'shared/i18n/messages'
const files = readdirSync(DIR).filter((name) => name.endsWith('.json'))
const bundleOf = (name: string) => name.replace(/(^|-)[a-z]{2}\.json$/, '') || 'citizens'
const langOf = (name: string) => name.match(/([a-z]{2})\.json$/)![1]!
const read = (name: string) => JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Record<string, string>
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the message catalogues', () => {
  const bundles = [...new Set(files.map(bundleOf))]
  it('are the citizens’, the console’s, the server pages’ and the statistics page’s, each with an Italian reference', () => {
    expect(bundles.sort()).toEqual(['citizens', 'console', 'pages', 'stats'])
    for (const bundle of bundles) expect(files.filter((f) => bundleOf(f) === bundle).map(langOf), bundle).toContain('it')
  })

  for (const file of files.filter((f) => langOf(f) !== 'it')) {
    it(`${file} translates every key of its Italian file, with the same placeholders`, () => {
      const reference = read(files.find((f) => bundleOf(f) === bundleOf(file) && langOf(f) === 'it')!)
      const translation = read(file)
      expect(Object.keys(translation).sort()).toEqual(Object.keys(reference).sort())
      for (const [key, text] of Object.entries(reference)) expect(placeholders(translation[key]!), key).toEqual(placeholders(text))
      for (const [key, text] of Object.entries(translation)) expect(text.trim(), key).not.toBe('')
    })
  }
})
