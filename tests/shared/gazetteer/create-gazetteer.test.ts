import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'
import { EXONYMS } from '../../../shared/gazetteer/exonyms.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'

const comuni = loadComuni()
const gazetteer = createGazetteer(comuni)
const istats = (list: readonly Comune[]) => list.map((c) => c.istat)

describe('the shipped comuni', () => {
  it("give a postcode only when it is one: five digits, else unknown (the source's 8604 for Ozzano dell'Emilia)", () => {
    expect(comuni.filter((c) => c.postcode !== '' && !/^\d{5}$/.test(c.postcode)).map((c) => `${c.name} ${c.postcode}`)).toEqual([])
    expect(gazetteer.byIstat('037046')?.postcode).toBe('')
  })
})

describe('byIstat', () => {
  it('finds a comune by its six-digit code', () => {
    expect(gazetteer.byIstat('072006')?.name).toBe('Bari')
  })

  it('returns undefined for an unknown code', () => {
    expect(gazetteer.byIstat('999999')).toBeUndefined()
  })
})

describe('findByName', () => {
  it('ignores case, accents, apostrophes and hyphens', () => {
    expect(istats(gazetteer.findByName('FORLI'))).toEqual(['040012'])
    expect(istats(gazetteer.findByName('sant ilario d enza'))).toEqual(['035039'])
    expect(istats(gazetteer.findByName('Castelbello Ciardes'))).toEqual(['021018'])
  })

  it('matches the bilingual name', () => {
    expect(istats(gazetteer.findByName('Bozen'))).toEqual(['021008'])
    expect(istats(gazetteer.findByName('Bolzano/Bozen'))).toEqual(['021008'])
  })

  it('returns every comune that shares a name when nothing disambiguates', () => {
    expect(istats(gazetteer.findByName('Castro')).sort()).toEqual(['016065', '075096'])
  })

  it('resolves a shared name to one comune with the province', () => {
    expect(istats(gazetteer.findByName('Castro', { province: 'LE' }))).toEqual(['075096'])
    expect(istats(gazetteer.findByName('San Teodoro', { province: 'ss' }))).toEqual(['090092'])
  })

  it('orders a shared name by distance from a point, nearest first', () => {
    const nearOlbia = { lat: 40.92, lon: 9.5 }
    expect(istats(gazetteer.findByName('San Teodoro', { near: nearOlbia }))).toEqual(['090092', '083090'])
    const nearTrento = { lat: 46.07, lon: 11.12 }
    expect(istats(gazetteer.findByName('Livo', { near: nearTrento }))).toEqual(['022106', '013130'])
  })

  it('returns nothing for an unknown name or a province that does not have it', () => {
    expect(gazetteer.findByName('Atlantide')).toEqual([])
    expect(gazetteer.findByName('Bari', { province: 'MI' })).toEqual([])
  })
})

describe('search', () => {
  it('finds both Reggio comuni from a word prefix', () => {
    const names = gazetteer.search('reggio', 10).map((c) => c.name)
    expect(names).toContain('Reggio di Calabria')
    expect(names).toContain("Reggio nell'Emilia")
  })

  it('finds a comune by its bilingual name', () => {
    expect(gazetteer.search('bozen', 5)[0]?.name).toBe('Bolzano')
  })

  it('matches a prefix that runs across an apostrophe', () => {
    const names = gazetteer.search("sant'a", 50).map((c) => c.name)
    expect(names.length).toBeGreaterThan(5)
    for (const name of names) expect(normalizeName(name)).toMatch(/(^| )sant a/)
    expect(names).toContain('Sant\'Agata de\' Goti')
  })

  it('finds a name as people say it, words left out: "Reggio Emilia", "Reggio Calabria", "San Giovanni Rotondo" half typed', () => {
    expect(gazetteer.search('reggio emilia', 5).map((c) => c.name)).toEqual(["Reggio nell'Emilia"])
    expect(gazetteer.search('Reggio Calabria', 5).map((c) => c.name)).toEqual(['Reggio di Calabria'])
    expect(gazetteer.search('san giov rot', 5).map((c) => c.name)).toEqual(['San Giovanni Rotondo'])
    // The words in the name's order: "emilia reggio" is not Reggio nell'Emilia.
    expect(gazetteer.search('emilia reggio', 5)).toEqual([])
    // A phrase that matches as typed keeps its own answer, not the looser one.
    expect(gazetteer.search('reggio nell', 5).map((c) => c.name)).toEqual(["Reggio nell'Emilia"])
  })

  it('finds a comune by its two official names written together, as ISTAT and the signs write them', () => {
    for (const q of ['Bolzano/Bozen', 'Bolzano - Bozen', 'bolzano / bozen']) expect(gazetteer.search(q, 5)[0]?.name, q).toBe('Bolzano')
    expect(gazetteer.search('Aosta/Aoste', 5)[0]?.name).toBe('Aosta')
    expect(gazetteer.search('Ortisei/St. Ulrich', 5)[0]?.name).toBe('Ortisei')
  })

  it('matches the start of a later word', () => {
    expect(gazetteer.search('emilia', 20).map((c) => c.name)).toContain("Reggio nell'Emilia")
  })

  it('puts an exact name before bigger comuni that only start with it', () => {
    const bar = gazetteer.search('bari', 5)
    expect(bar[0]?.name).toBe('Bari')
    const ala = gazetteer.search('ala', 3)
    expect(ala[0]?.name).toBe('Ala')
    expect(ala[1]!.population).toBeGreaterThanOrEqual(ala[2]!.population)
  })

  it('counts an exact bilingual name as exact', () => {
    // Martellago is bigger and starts with "martell", but Martell is Martello's German name.
    expect(gazetteer.search('Martell', 2).map((c) => c.name)).toEqual(['Martello', 'Martellago'])
  })

  it('ranks prefix matches by population', () => {
    const results = gazetteer.search('mi', 10)
    expect(results[0]?.name).toBe('Milano')
    for (let i = 1; i < results.length; i++) expect(results[i - 1]!.population).toBeGreaterThanOrEqual(results[i]!.population)
  })

  it('respects the limit and returns nothing for an empty query', () => {
    expect(gazetteer.search('san', 7)).toHaveLength(7)
    expect(gazetteer.search('  ', 7)).toEqual([])
    expect(gazetteer.search('san', 0)).toEqual([])
  })

  it('agrees with a brute-force scan over random prefixes', () => {
    // Every name searched: the official one, the second official one, and other languages' (EXONYMS,
    // which never make an exact match).
    const official = comuni.map((c) => [normalizeName(c.name), c.altName ? normalizeName(c.altName) : ''])
    const names = comuni.map((c, i) => [...official[i]!, ...(EXONYMS[c.istat] ?? []).map(normalizeName)])
    const rank = [...comuni.keys()].sort(
      (a, b) => comuni[b]!.population - comuni[a]!.population || (comuni[a]!.istat < comuni[b]!.istat ? -1 : 1),
    )
    const oracle = (q: string, limit: number): string[] => {
      const prefix = normalizeName(q)
      if (!prefix || limit <= 0) return []
      const wordStarts = (n: string) => n.split(' ').map((_, i, words) => words.slice(i).join(' '))
      const matches = rank.filter((i) => names[i]!.some((n) => n !== '' && wordStarts(n).some((w) => w.startsWith(prefix))))
      const exact = matches.filter((i) => official[i]!.includes(prefix))
      const rest = matches.filter((i) => !official[i]!.includes(prefix))
      if (matches.length > 0 || !prefix.includes(' ')) return [...exact, ...rest].slice(0, limit).map((i) => comuni[i]!.istat)
      // Nothing as typed: each typed word starting a word of the name, in order (a regular expression here, a loop there).
      const inOrder = new RegExp(`(^| )${prefix.split(' ').map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).join('\\S*( .*)? ')}`, 'u')
      return rank.filter((i) => names[i]!.some((n) => n !== '' && inOrder.test(n))).slice(0, limit).map((i) => comuni[i]!.istat)
    }
    // Prefixes cut from real names (so most queries hit), plus arbitrary short strings (so misses are checked too).
    const realPrefix = fc
      .tuple(fc.integer({ min: 0, max: comuni.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 12 }), fc.boolean())
      .map(([i, wordPick, length, useAlt]) => {
        const source = (useAlt && comuni[i]!.altName) || comuni[i]!.name
        const words = source.split(/[\s'’-]+/)
        return words.slice(wordPick % words.length).join(' ').slice(0, length)
      })
    const wholeName = fc.constantFrom(...comuni.flatMap((c) => (c.altName ? [c.name, c.altName] : [c.name])))
    const query = fc.oneof(realPrefix, wholeName, fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom(...'abcdeilmnorstuvz \'-') }))
    fc.assert(
      fc.property(query, fc.integer({ min: 1, max: 60 }), (q, limit) => {
        expect(istats(gazetteer.search(q, limit))).toEqual(oracle(q, limit))
      }),
      { numRuns: 400 },
    )
  })
})

describe('nearest', () => {
  it('returns the comune whose point is nearest', () => {
    expect(gazetteer.nearest(41.1267, 16.8687).istat).toBe('072006')
  })

  it('agrees with a brute-force scan at random points in Italy', () => {
    const km = (c: Comune, lat: number, lon: number) => {
      const rad = Math.PI / 180
      const a = Math.sin(((c.lat - lat) * rad) / 2) ** 2 + Math.cos(c.lat * rad) * Math.cos(lat * rad) * Math.sin(((c.lon - lon) * rad) / 2) ** 2
      return 2 * 6371 * Math.asin(Math.sqrt(a))
    }
    fc.assert(
      fc.property(fc.double({ min: 36.6, max: 47, noNaN: true }), fc.double({ min: 6.7, max: 18.5, noNaN: true }), (lat, lon) => {
        const best = Math.min(...comuni.map((c) => km(c, lat, lon)))
        expect(km(gazetteer.nearest(lat, lon), lat, lon)).toBeCloseTo(best, 6)
      }),
      { numRuns: 50 },
    )
  })
})

describe('createGazetteer', () => {
  it('refuses an empty list, which would make nearest() meaningless', () => {
    expect(() => createGazetteer([])).toThrow('createGazetteer: comuni is empty')
  })
})

describe('other languages’ names of a comune', () => {
  it('finds the cities people name in English, German, French or Slovene first ("Florence" said no town; "Trient" offered Trieste), and shows their official name', () => {
    const first = (q: string) => gazetteer.search(q, 5)[0]?.name
    expect(first('Florence')).toBe('Firenze')
    expect(first('Rome')).toBe('Roma')
    expect(first('Neapel')).toBe('Napoli')
    expect(first('Venice')).toBe('Venezia')
    expect(first('Trient')).toBe('Trento')
    expect(first('Trst')).toBe('Trieste')
    expect(first('Gorica')).toBe('Gorizia')
    expect(first('Cedad')).toBe('Cividale del Friuli')
    expect(first('Videm')).toBe('Udine')
    expect(gazetteer.findByName('Florenz').map((c) => c.name)).toEqual(['Firenze'])
    // A start typed on the way to a town does not meet another language's name first.
    expect(first('Rim')).toBe('Rimini')
    expect(first('Bologne')).toBe('Bologna')
    // Every name is keyed by a code the gazetteer has.
    for (const code of Object.keys(EXONYMS)) expect(gazetteer.byIstat(code), code).toBeDefined()
  })
})
