import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { localeOf, type Lang } from '../../../shared/i18n/langs.ts'
import { formatMessage, pluralBranches } from '../../../shared/i18n/plural-format.ts'

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
/** The values a message asks for: `{name}` and `{name, plural, …}`, nested ones too. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((m) => m[1]))].sort()

/** Each `{name, plural, …}` of a message, as its branches by selector. */
function pluralsOf(text: string): Map<string, string>[] {
  const found: Map<string, string>[] = []
  for (const match of text.matchAll(/\{\w+\s*,\s*plural\s*,/g)) {
    let depth = 0
    let end = match.index
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++
      else if (text[end] === '}' && --depth === 0) break
    }
    found.push(pluralBranches(text.slice(match.index + match[0].length, end)))
  }
  return found
}

/** The plural categories a language's rules give the counts a page shows (0 to 1,000). */
const categoriesOf = (lang: string) => {
  const rules = new Intl.PluralRules(localeOf(lang as Lang))
  return [...new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))].sort()
}

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

  for (const file of files.filter((f) => bundleOf(f) !== 'console')) {
    it(`${file} says every count in each plural form its language has (Intl.PluralRules), and a number only through them`, () => {
      const needed = categoriesOf(langOf(file))
      for (const [key, text] of Object.entries(read(file))) {
        for (const branches of pluralsOf(text)) expect([...branches.keys()].filter((k) => !k.startsWith('=')).sort(), `${file} ${key}`).toEqual(needed)
      }
    })
  }

  it("never put Italian's article before a date in the message: the date brings its own (\"al 8 dicembre\" is \"all'8\")", () => {
    for (const file of files.filter((f) => langOf(f) === 'it')) {
      for (const [key, text] of Object.entries(read(file))) expect(text, `${file} ${key}`).not.toMatch(/\b(il|al|del|dal|nel|sul|l'|all'|dell'|dall')\s*\{date\}/)
    }
  })

  it('have plural rules that differ where the languages do: Slovene has a dual, French counts 0 as one', () => {
    expect(categoriesOf('sl')).toEqual(['few', 'one', 'other', 'two'])
    expect(categoriesOf('it')).toEqual(['one', 'other'])
    const count = (lang: 'sl' | 'fr' | 'it', n: number) => formatMessage(read(`${lang}.json`)['results.count']!, lang, { count: n })
    expect([1, 2, 3, 5, 101, 102].map((n) => count('sl', n))).toEqual(['Najdena je 1 točka', 'Najdeni sta 2 točki', 'Najdene so 3 točke', 'Najdenih je 5 točk', 'Najdena je 101 točka', 'Najdeni sta 102 točki'])
    expect([0, 1, 2].map((n) => count('fr', n))).toEqual(['0 point trouvé', '1 point trouvé', '2 points trouvés'])
    expect(count('it', 10000)).toBe('10.000 punti trovati')
  })
})
