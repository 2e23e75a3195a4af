import { around } from 'geokdbush'
import { compileFilter } from '../shared/filters/compile-filter.ts'
import { queryNearest } from '../shared/geo/query.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { SERVICES } from '../shared/vocabulary.ts'
import { generateRegistry, seededRandom } from '../tests/shared/geo/fixtures.ts'
const NOW = new Date('2026-11-23T08:30:00Z')
const everything = generateRegistry({ points: Math.round(1_000_000 / 1.414), seed: 1, today: '2026-11-23' })
const random = seededRandom(2)
const queries = Array.from({ length: 2000 }, () => ({ lat: 37 + random() * 9.5, lon: 7 + random() * 11 }))
const time = (run: (q: { lat: number; lon: number }) => unknown) => { for (const q of queries.slice(0, 200)) run(q); const s = performance.now(); for (const q of queries) run(q); return ((performance.now() - s) * 1000) / queries.length }
for (const n of [] as number[]) {
  const recs = n >= 1e6 ? everything : everything.slice(0, Math.round(n / 1.414))
  const snap = buildSnapshot(recs, { registryVersion: 1, builtAt: NOW })
  const t = snap.tables
  const bit = 2 ** SERVICES.indexOf('formazione_online')
  const serviceBits = Uint32Array.from(t.placePoint, (p) => t.pointServices[p]!)
  const f = compileFilter(snap, { services: ['formazione_online'] })
  const fo = compileFilter(snap, { services: ['formazione_online'], openAt: NOW })
  const r = []
  r.push(['raw10', time((q) => around(t.index, q.lon, q.lat, 10, Infinity, (i: number) => (serviceBits[i]! & bit) !== 0))])
  r.push(['raw20', time((q) => around(t.index, q.lon, q.lat, 20, Infinity, (i: number) => (serviceBits[i]! & bit) !== 0))])
  r.push(['pred10', time((q) => around(t.index, q.lon, q.lat, 10, Infinity, f.placePasses))])
  r.push(['pred20', time((q) => around(t.index, q.lon, q.lat, 20, Infinity, f.placePasses))])
  r.push(['predOpen20', time((q) => around(t.index, q.lon, q.lat, 20, Infinity, fo.placePasses))])
  r.push(['engine', time((q) => queryNearest(snap, q, { services: ['formazione_online'] }, { limit: 10 }))])
  r.push(['engineOpen', time((q) => queryNearest(snap, q, { services: ['formazione_online'], openAt: NOW }, { limit: 10 }))])
  console.log(n, r.map(([k, v]) => `${k} ${(v as number).toFixed(1)}`).join(' | '))
}
{
  const snap = buildSnapshot(everything, { registryVersion: 1, builtAt: NOW })
  const f = compileFilter(snap, { services: ['formazione_online'] })
  const fo = compileFilter(snap, { services: ['formazione_online'], openAt: NOW })
  let short = 0, shortOpen = 0
  for (const q of queries) {
    const pts = new Set(around(snap.tables.index, q.lon, q.lat, 20, Infinity, f.placePasses).map((e) => snap.tables.placePoint[e]))
    if (pts.size < 10) short++
    const po = new Set(around(snap.tables.index, q.lon, q.lat, 20, Infinity, fo.placePasses).map((e) => snap.tables.placePoint[e]))
    if (po.size < 10) shortOpen++
  }
  console.log('queries needing a rerun (service, open hint):', short, shortOpen, 'of', queries.length)
}
