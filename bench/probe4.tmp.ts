import { around } from 'geokdbush'
import { queryNearest } from '../shared/geo/query.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { SERVICES } from '../shared/vocabulary.ts'
import { generateRegistry, seededRandom } from '../tests/shared/geo/fixtures.ts'
const NOW = new Date('2026-11-23T08:30:00Z')
const everything = generateRegistry({ points: Math.round(1_000_000 / 1.414), seed: 1, today: '2026-11-23' })
const recs = everything.slice(0, 2122)
const random = seededRandom(2)
const queries = Array.from({ length: 2000 }, () => ({ lat: 37 + random() * 9.5, lon: 7 + random() * 11 }))
const snap = buildSnapshot(recs, { registryVersion: 1, builtAt: NOW })
const t = snap.tables
const bit = 2 ** SERVICES.indexOf('formazione_online')
const serviceBits = Uint32Array.from(t.placePoint, (p) => t.pointServices[p]!)
const time = (label: string, warm: number, run: (q: { lat: number; lon: number }) => unknown) => { for (const q of queries.slice(0, warm)) run(q); const s = performance.now(); for (const q of queries) run(q); console.log(label, (((performance.now() - s) * 1000) / queries.length).toFixed(1), 'µs') }
for (let r = 0; r < 3; r++) {
  time('open', 100, (q) => queryNearest(snap, q, { services: ['formazione_online'], openAt: NOW }, { limit: 10 }))
  time('raw', 0, (q) => around(t.index, q.lon, q.lat, 10, Infinity, (i: number) => (serviceBits[i]! & bit) !== 0))
  time('service', 0, (q) => queryNearest(snap, q, { services: ['formazione_online'] }, { limit: 10 }))
}
