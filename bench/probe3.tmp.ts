import { queryNearest } from '../shared/geo/query.ts'
import { compileFilter } from '../shared/filters/compile-filter.ts'
import { isOpenAt } from '../shared/hours/open-at.ts'
import { toRomeWallClock } from '../shared/hours/rome-time.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { generateRegistry, seededRandom } from '../tests/shared/geo/fixtures.ts'
const NOW = new Date('2026-11-23T08:30:00Z')
const recs = generateRegistry({ points: 2122, seed: 1, today: '2026-11-23' })
const random = seededRandom(2)
const queries = Array.from({ length: 4000 }, () => ({ lat: 37 + random() * 9.5, lon: 7 + random() * 11 }))
const snap = buildSnapshot(recs, { registryVersion: 1, builtAt: NOW })
const time = (label: string, run: (q: { lat: number; lon: number }) => unknown) => { for (const q of queries.slice(0, 500)) run(q); const s = performance.now(); for (const q of queries) run(q); console.log(label, (((performance.now() - s) * 1000) / queries.length).toFixed(1), 'µs') }
time('wall', () => toRomeWallClock(NOW))
time('isOpenAt', () => isOpenAt(NOW))
time('compile', () => compileFilter(snap, { services: ['formazione_online'], openAt: NOW }))
time('query', (q) => queryNearest(snap, q, { services: ['formazione_online'], openAt: NOW }, { limit: 10 }))
const f = compileFilter(snap, { services: ['formazione_online'], openAt: NOW })
let d = 0; for (let e = 0; e < snap.placeCount; e++) if (f.openVerdict(e) !== 2) d++
console.log('decided', d / snap.placeCount)
