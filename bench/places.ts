import { createGazetteer } from '../shared/gazetteer/create-gazetteer.ts'
import { normalizeName } from '../shared/gazetteer/normalize-name.ts'
import { loadComuni } from '../functions/gazetteer/load-comuni.ts'
import { isMain, verdict } from './bench-support.ts'

/**
 * `/v1/places?q=` in-process: µs per query of the gazetteer's prefix index, against a linear scan
 * of the 7,896 comuni measured in the same run. Target: under 1 ms per query.
 */
const TARGET_US = 1000
const QUERIES = ['r', 'ro', 'rom', 'reggio', 'san', "sant'a", 'bozen', 'castel', 'f', 'firen', 'm', 'mon', 'villa', 'santo st', 'ca']

export async function runPlacesBench(): Promise<string> {
  const comuni = loadComuni()
  const gazetteer = createGazetteer(comuni)
  const keys = comuni.map((c) => ({ c, words: `${normalizeName(c.name)} ${c.altName ? normalizeName(c.altName) : ''}`.split(' ') }))
  const linear = (q: string) => {
    const needle = normalizeName(q)
    return keys
      .filter(({ words }) => words.some((w, i) => words.slice(i).join(' ').startsWith(needle)))
      .sort((a, b) => b.c.population - a.c.population)
      .slice(0, 10)
  }
  const time = (fn: (q: string) => unknown, rounds: number) => {
    for (const q of QUERIES) fn(q)
    const started = performance.now()
    for (let r = 0; r < rounds; r++) for (const q of QUERIES) fn(q)
    return ((performance.now() - started) * 1000) / (rounds * QUERIES.length)
  }
  const indexUs = time((q) => gazetteer.search(q, 10), 2000)
  const linearUs = time(linear, 20)
  return [
    '## Places (`/v1/places`, in-process, 10 results)',
    `prefix index: ${indexUs.toFixed(1)} µs/query; linear scan of ${comuni.length} comuni: ${linearUs.toFixed(0)} µs/query → ${(linearUs / indexUs).toFixed(0)}× faster`,
    `target ≤ ${TARGET_US} µs: ${verdict(indexUs, TARGET_US)}`,
  ].join('\n')
}

if (isMain(import.meta.url)) {
  console.log(await runPlacesBench())
}
