import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchingPlaces, queryList, queryNearest, type PointHit } from '../../../shared/geo/query.ts'
import { deserializeSnapshot, serializeSnapshot } from '../../../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { generateRegistry } from './fixtures.ts'
import { filterArbitrary, nearArbitrary } from './query-arbitraries.ts'

const TODAY = '2026-11-20'
const records = generateRegistry({ points: 2000, seed: 11, today: TODAY })
const built = buildSnapshot(records, { registryVersion: 42, builtAt: new Date(`${TODAY}T10:00:00Z`) })
const bytes = serializeSnapshot(built)
// Bytes from a network stream rarely start on an 8-byte boundary: load from an odd offset too.
const unaligned = new Uint8Array(bytes.byteLength + 3).subarray(3)
unaligned.set(bytes)
const loaded = deserializeSnapshot(bytes)
const loadedUnaligned = deserializeSnapshot(unaligned)

const answer = (hits: PointHit[]) => hits.map((h) => [h.point.id, h.site, h.distance_m, h.location])
const rows = (s: typeof built, filter: Parameters<typeof matchingPlaces>[1]) =>
  [...matchingPlaces(s, filter)].map((r) => [r.point.id, r.site.id, r.placeIndex, r.place])

describe('serializeSnapshot and deserializeSnapshot', () => {
  it('carry the metadata and the counts', () => {
    for (const s of [loaded, loadedUnaligned]) {
      expect([s.registryVersion, s.builtAt, s.pointCount, s.siteCount, s.placeCount]).toEqual([
        42, '2026-11-20T10:00:00.000Z', built.pointCount, built.siteCount, built.placeCount,
      ])
      expect(s.pointIds).toEqual(built.pointIds)
    }
  })

  it('give the same answers to every query as the snapshot they came from', () => {
    fc.assert(
      fc.property(nearArbitrary(records), filterArbitrary(TODAY), (near, filter) => {
        const expected = answer(queryNearest(built, near, filter, { limit: 15 }))
        expect(answer(queryNearest(loaded, near, filter, { limit: 15 }))).toEqual(expected)
        expect(answer(queryNearest(loadedUnaligned, near, filter, { limit: 15 }))).toEqual(expected)
        expect(answer(queryList(loaded, filter, { limit: 30 }))).toEqual(answer(queryList(built, filter, { limit: 30 })))
        expect(rows(loaded, filter)).toEqual(rows(built, filter))
      }),
      { numRuns: 150 },
    )
  })

  it('restore every record unchanged', () => {
    expect(loaded.points).toEqual(built.points)
  })

  it('round-trip an empty registry', () => {
    const empty = deserializeSnapshot(serializeSnapshot(buildSnapshot([], { registryVersion: 0 })))
    expect([empty.pointCount, empty.placeCount]).toEqual([0, 0])
    expect(queryNearest(empty, { lat: 43, lon: 11 }, {}, { limit: 10 })).toEqual([])
    expect(queryList(empty, { bbox: [10, 42, 12, 44] }, { limit: 10 })).toEqual([])
  })

  it('reject bytes that are not a snapshot, of another format version, or cut short', () => {
    expect(() => deserializeSnapshot(new Uint8Array(4))).toThrow(/too short/)
    expect(() => deserializeSnapshot(new Uint8Array(64))).toThrow(/not a snapshot/)
    // Version 4 (the search text in the core, no coverage facts) is still read: its sections are found by name.
    const version4 = bytes.slice()
    version4[4] = 4
    expect(deserializeSnapshot(version4).pointCount).toBe(built.pointCount)
    const otherVersion = bytes.slice()
    otherVersion[4] = 99
    expect(() => deserializeSnapshot(otherVersion)).toThrow(/format version 99/)
    expect(() => deserializeSnapshot(bytes.subarray(0, bytes.byteLength - 100))).toThrow(/section coverageHours1 runs past the end/)
  })
})
