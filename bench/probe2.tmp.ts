import { queryNearest } from '../shared/geo/query.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { generateRegistry, seededRandom } from '../tests/shared/geo/fixtures.ts'
const NOW = new Date('2026-11-23T08:30:00Z')
const everything = generateRegistry({ points: Math.round(1_000_000 / 1.414), seed: 1, today: '2026-11-23' })
const random = seededRandom(2)
const queries = Array.from({ length: 4000 }, () => ({ lat: 37 + random() * 9.5, lon: 7 + random() * 11 }))
const snap = buildSnapshot(everything, { registryVersion: 1, builtAt: NOW })
const filter = process.env.OPEN ? { services: ['formazione_online' as const], openAt: NOW } : { services: ['formazione_online' as const] }
for (const q of queries.slice(0, 300)) queryNearest(snap, q, filter, { limit: 10 })
const s = performance.now()
for (let r = 0; r < 3; r++) for (const q of queries) queryNearest(snap, q, filter, { limit: 10 })
console.log(((performance.now() - s) * 1000) / (3 * queries.length), 'µs')
