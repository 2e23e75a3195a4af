import { EXONYMS } from './exonyms.ts'
import { distance as levenshtein } from 'fastest-levenshtein'
import KDBush from 'kdbush'
import { around } from 'geokdbush'
import { haversineMetres } from '../geo/haversine.ts'
import type { Comune } from './comuni.ts'
import { normalizeName } from './normalize-name.ts'
import { BOTH_NAMES } from './comune-names.ts'
import { WordPrefixIndex } from './word-prefix-index.ts'

export interface FindByNameOptions {
  /** Province sigla ("LE"): keeps only the comuni of that province. */
  readonly province?: string
  /** Orders the candidates by great-circle distance from this point, nearest first. */
  readonly near?: { readonly lat: number; readonly lon: number }
}

/** Look-ups over the ISTAT comuni: by code, by exact name, by typed prefix, by position. */
export interface Gazetteer {
  readonly comuni: readonly Comune[]
  byIstat(code: string): Comune | undefined
  /**
   * Exact match on the name or the bilingual name, ignoring case, accents, apostrophes and
   * hyphens. Five names belong to two comuni each (Castro, Livo, Peglio, Samone, San Teodoro):
   * `province` narrows them to one, `near` puts the nearest first. Empty when nothing matches.
   */
  findByName(name: string, opts?: FindByNameOptions): Comune[]
  /** Prefix match on any word start of the name or bilingual name; exact names first, then by population; only comuni `within` when given. */
  search(q: string, limit: number, within?: (comune: Comune) => boolean): Comune[]
  /** The comune whose point is nearest (great circle). */
  nearest(lat: number, lon: number): Comune
  /**
   * The comuni a position may lie in, knowing comuni only by their centres: those whose centre is
   * at most `slackKm` farther than the nearest one's. Deep inside a region they are all of that
   * region; near a border, of both sides.
   */
  comuniNear(lat: number, lon: number, slackKm: number): Comune[]
  /**
   * Comuni for a five-digit CAP. The gazetteer keeps one CAP per comune, so a city with a range
   * of CAPs (Roma 00118–00199, Perugia 06121–06135) is found by its postal zone, the first three
   * digits, when the exact code is not listed: `exact` says which it was.
   */
  byPostcode(cap: string): { comuni: Comune[]; exact: boolean }
  /** Names within a typo or two of `name` (edit distance on the normalised name), nearest spelling first, then by population; only comuni `within` when given. */
  similar(name: string, limit: number, within?: (comune: Comune) => boolean): Comune[]
}

export function createGazetteer(comuni: readonly Comune[]): Gazetteer {
  if (comuni.length === 0) throw new Error('createGazetteer: comuni is empty')
  const byCode = new Map(comuni.map((c) => [c.istat, c]))
  const normalName = comuni.map((c) => normalizeName(c.name))
  const normalAltName = comuni.map((c) => (c.altName ? normalizeName(c.altName) : null))
  // Other languages' names ("Florence", "Trst"): found like the comune's own, never shown.
  const normalExonyms = comuni.map((c) => (EXONYMS[c.istat] ?? []).map(normalizeName))

  const byNormalName = new Map<string, Comune[]>()
  const addName = (key: string | null, c: Comune) => {
    if (!key) return
    const list = byNormalName.get(key) ?? []
    if (!list.includes(c)) list.push(c)
    byNormalName.set(key, list)
  }
  comuni.forEach((c, i) => {
    addName(normalName[i]!, c)
    addName(normalAltName[i]!, c)
    for (const exonym of normalExonyms[i]!) addName(exonym, c)
  })

  const prefixIndex = new WordPrefixIndex(comuni.map((_, i) => [normalName[i]!, normalAltName[i] ?? '', ...normalExonyms[i]!].filter(Boolean)))
  // Population rank, computed once, so ranking a query's matches is a numeric sort of small integers.
  const byPopulation = comuni
    .map((_, i) => i)
    .sort((a, b) => comuni[b]!.population - comuni[a]!.population || (comuni[a]!.istat < comuni[b]!.istat ? -1 : 1))
  const populationRank = new Uint32Array(comuni.length)
  byPopulation.forEach((item, rank) => (populationRank[item] = rank))
  // Scratch space reused by every search: a per-query stamp dedupes items reached through several words.
  const seenInQuery = new Uint32Array(comuni.length)
  const scores = new Uint32Array(comuni.length)
  let queryStamp = 0

  const byPostcodeExact = new Map<string, Comune[]>()
  const byPostcodeZone = new Map<string, Comune[]>()
  for (const c of comuni) {
    if (!/^\d{5}$/.test(c.postcode)) continue
    byPostcodeExact.set(c.postcode, [...(byPostcodeExact.get(c.postcode) ?? []), c])
    byPostcodeZone.set(c.postcode.slice(0, 3), [...(byPostcodeZone.get(c.postcode.slice(0, 3)) ?? []), c])
  }

  const points = new KDBush(comuni.length)
  for (const c of comuni) points.add(c.lon, c.lat)
  points.finish()

  const distanceKm = (c: Comune, p: { lat: number; lon: number }) => haversineMetres(c, p) / 1000

  function findExact(name: string): Comune[] {
    const exact = byNormalName.get(normalizeName(name))
    if (exact) return exact
    // Sources often write both official names in one field: "Bolzano/Bozen", "Bolzano - Bozen".
    for (const part of name.split(BOTH_NAMES)) {
      const found = part !== name ? byNormalName.get(normalizeName(part)) : undefined
      if (found) return found
    }
    return []
  }

  /** The comuni whose name (or second-language name) starts with `q` as typed, or failing that has its words in order. */
  function searchTyped(q: string, limit: number, within?: (comune: Comune) => boolean): Comune[] {
    const prefix = normalizeName(q)
    if (prefix.length === 0 || limit <= 0) return []
    queryStamp = (queryStamp + 1) >>> 0 || 1
    if (queryStamp === 1) seenInQuery.fill(0)
    let count = 0
    prefixIndex.forEachItemWithPrefix(prefix, (item) => {
      if (seenInQuery[item] === queryStamp) return
      seenInQuery[item] = queryStamp
      if (within && !within(comuni[item]!)) return
      // Only official names make an exact match: another language's name ranks among the prefixes
      // by population, so "Görz" still finds Gorizia first and "Bologne" no Bolognetta before Bologna.
      const exact = normalName[item] === prefix || normalAltName[item] === prefix
      // Exact names sort before every prefix match; within each group, the most populous first.
      scores[count++] = (exact ? 0 : comuni.length) + populationRank[item]!
    })
    // Nothing as typed, and several words: a name as people say it, words left out ("Reggio
    // Emilia" for Reggio nell'Emilia, "Reggio Calabria"), each typed word starting one of the
    // name's words, in order. Candidates are the names with a word that starts with the first.
    const typed = prefix.split(' ')
    if (count === 0 && typed.length > 1) {
      prefixIndex.forEachItemWithPrefix(typed[0]!, (item) => {
        if (seenInQuery[item] === queryStamp) return
        seenInQuery[item] = queryStamp
        if (within && !within(comuni[item]!)) return
        if (!wordsInOrder(typed, normalName[item]!) && !(normalAltName[item] && wordsInOrder(typed, normalAltName[item]!))) return
        scores[count++] = comuni.length + populationRank[item]!
      })
    }
    const ranked = scores.subarray(0, count).sort()
    const out: Comune[] = []
    for (let i = 0; i < ranked.length && out.length < limit; i++) {
      out.push(comuni[byPopulation[ranked[i]! % comuni.length]!]!)
    }
    return out
  }

  return {
    comuni,
    byIstat: (code) => byCode.get(code),

    findByName(name, opts = {}) {
      let found = findExact(name)
      if (opts.province !== undefined) {
        const province = opts.province.trim().toUpperCase()
        found = found.filter((c) => c.province === province)
      }
      if (opts.near !== undefined) {
        const near = opts.near
        found = [...found].sort((a, b) => distanceKm(a, near) - distanceKm(b, near))
      }
      return [...found]
    },

    search(q, limit, within) {
      const found = searchTyped(q, limit, within)
      if (found.length > 0) return found
      // Both official names typed together, as ISTAT and the signs write them ("Bolzano/Bozen",
      // "Bolzano - Bozen"): the comune of either.
      const names = q.split(BOTH_NAMES).filter((name) => name.trim() !== '')
      if (names.length < 2) return found
      for (const name of names) {
        const byOne = searchTyped(name, limit, within)
        if (byOne.length > 0) return byOne
      }
      return []
    },

    nearest(lat, lon) {
      const [id] = around(points, lon, lat, 1)
      return comuni[id!]!
    },

    comuniNear(lat, lon, slackKm) {
      const [first] = around(points, lon, lat, 1)
      const nearestKm = distanceKm(comuni[first!]!, { lat, lon })
      return around(points, lon, lat, Infinity, nearestKm + slackKm).map((id) => comuni[id as number]!)
    },

    byPostcode(cap) {
      if (!/^\d{5}$/.test(cap)) return { comuni: [], exact: false }
      const exact = byPostcodeExact.get(cap)
      if (exact) return { comuni: exact, exact: true }
      // A city's zone: the comuni of those three digits whose own CAP says they span a range (it ends past …00 or they are capoluoghi with a generic …00).
      const zone = (byPostcodeZone.get(cap.slice(0, 3)) ?? []).filter((c) => c.population >= CITY_WITH_CAP_RANGE)
      return { comuni: zone, exact: false }
    },

    similar(name, limit, within) {
      const wanted = normalizeName(name)
      if (wanted.length < 3 || limit <= 0) return []
      // Two edits for names of six letters or more, one below: "Peruga" → Perugia, not every five-letter town.
      const budget = wanted.length >= 6 ? 2 : 1
      const found: Array<{ comune: Comune; edits: number }> = []
      comuni.forEach((c, i) => {
        if (within && !within(c)) return
        for (const candidate of [normalName[i]!, normalAltName[i]]) {
          if (!candidate || Math.abs(candidate.length - wanted.length) > budget) continue
          const edits = levenshtein(candidate, wanted)
          if (edits > 0 && edits <= budget) {
            found.push({ comune: c, edits })
            break
          }
        }
      })
      return found
        .sort((a, b) => a.edits - b.edits || populationRank[comuni.indexOf(a.comune)]! - populationRank[comuni.indexOf(b.comune)]!)
        .slice(0, limit)
        .map((f) => f.comune)
    },
  }
}

/** Cities with more than one CAP are the large ones; below this a zone match would be a guess. */
const CITY_WITH_CAP_RANGE = 50_000

/** Whether each typed word starts a word of `name`, in the typed order (both normalised). */
function wordsInOrder(typed: readonly string[], name: string): boolean {
  const words = name.split(' ')
  let at = 0
  for (const word of typed) {
    while (at < words.length && !words[at]!.startsWith(word)) at++
    if (at === words.length) return false
    at++
  }
  return true
}
