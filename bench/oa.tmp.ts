import { around } from 'geokdbush'
import { queryNearest } from '../shared/geo/query.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { SERVICES } from '../shared/vocabulary.ts'
import { generateRegistry, seededRandom } from '../tests/shared/geo/fixtures.ts'
const NOW = new Date('2026-11-23T08:30:00Z')
const records = generateRegistry({ points: Math.round(1_000_000 / 1.414), seed: 1, today: '2026-11-23' }).slice(0, Math.round(3000 / 1.414))
const snapshot = buildSnapshot(records, { registryVersion: 1, builtAt: NOW })
const random = seededRandom(2)
const queries = Array.from({ length: 2000 }, () => ({ lat: 37 + random() * 9.5, lon: 7 + random() * 11 }))
const t = snapshot.tables
const bit = 2 ** SERVICES.indexOf('formazione_online')
const serviceBits = Uint32Array.from(t.placePoint, (p) => t.pointServices[p]!)
const time = (f: (q: { lat: number; lon: number }) => unknown) => { const s = performance.now(); for (const q of queries) f(q); return ((performance.now() - s) * 1000) / queries.length }
let visitedRaw = 0
const raw = (q: any) => around(t.index, q.lon, q.lat, 10, Infinity, (i: number) => (visitedRaw++, (serviceBits[i]! & bit) !== 0))
const svc = (q: any) => queryNearest(snapshot, q, { services: ['formazione_online'] }, { limit: 10 })
const oa = (q: any) => queryNearest(snapshot, q, { services: ['formazione_online'], openAt: NOW }, { limit: 10 })
const mode = process.argv[2] ?? 'all'
for (let r = 0; r < (mode === 'prof' ? 40 : 7); r++) {
  if (mode === 'prof') { time(oa); continue }
  const a = time(raw), b = time(svc), c = time(oa)
  console.log(`raw ${a.toFixed(1)} svc ${b.toFixed(1)} (${(b / a).toFixed(2)}) oa ${c.toFixed(1)} (${(c / a).toFixed(2)})`)
}
console.log('raw visited per query', visitedRaw / queries.length / 7)
