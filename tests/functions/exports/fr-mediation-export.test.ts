import { parse } from 'csv-parse/sync'
import { readFileSync } from 'node:fs'
import OpeningHours from 'opening_hours'
import { describe, expect, it } from 'vitest'
import { generateDemoRegistry } from '../../../functions/demo/generate-demo-registry.ts'
import { FR_MEDIATION_FILE, frMediationRows } from '../../../functions/exports/fr-mediation-export.ts'
import { buildRegistryFiles } from '../../../functions/exports/registry-files.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { isOpenAt } from '../../../shared/hours/open-at.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { tableSchemaErrors, type TableSchema } from './support/table-schema.ts'

/** Issue 14: the registry in the French *lieux de médiation numérique* standard, valid against its schema. */
const schema = JSON.parse(readFileSync('tests/fixtures/fr_schema_lieux_mediation_numerique_v1.0.2.json', 'utf8')) as TableSchema
const records = generateDemoRegistry(loadComuni()).map((d) => ({ ...d, version: 1 }) as PointRecord)
const snapshot = buildSnapshot(records, { registryVersion: 1, builtAt: new Date('2026-12-06T09:00:00Z') })
const file = (await buildRegistryFiles(snapshot)).find((f) => f.name === FR_MEDIATION_FILE)!
const [header, ...rows] = parse(file.body.toString('utf8'), { bom: true }) as string[][]
const column = (name: string) => header!.indexOf(name)
const byId = new Map(rows.map((row) => [row[column('id')]!, row]))

describe(`/opendata/${FR_MEDIATION_FILE}`, () => {
  it('is valid against the shipped French schema: fields in order, required, unique, patterns, types, lengths', () => {
    expect(rows.length).toBeGreaterThan(3000)
    expect(tableSchemaErrors(schema, header!, rows).slice(0, 20)).toEqual([])
  })

  it('has one row for each physical site of an active point that has a street address and a CAP, and no other', () => {
    const expected = records.filter((p) => p.status === 'active').flatMap((p) =>
      p.sites.filter((s) => s.kind !== 'online' && s.address?.street && /^\d{5}$/.test(s.address.postcode ?? '')).map((s) => `${p.id}--${s.id}`))
    expect([...byId.keys()].sort()).toEqual(expected.sort())
    // What the standard cannot hold is said in the dictionary, not dropped unseen: the demo's
    // physical sites of active points nearly all have both.
    const physical = records.filter((p) => p.status === 'active').flatMap((p) => p.sites.filter((s) => s.kind !== 'online'))
    expect(expected.length / physical.length).toBeGreaterThan(0.99)
  })

  it("writes hours OpenStreetMap's library reads as our registry does: open and closed alike, seasons and holidays included", () => {
    const instants = ['2026-12-07T09:30:00+01:00', '2026-12-08T10:00:00+01:00', '2026-12-10T16:00:00+01:00', '2027-07-14T18:00:00+02:00', '2027-07-16T10:30:00+02:00', '2027-01-06T11:00:00+01:00']
    let compared = 0
    for (const point of records.filter((p) => p.status === 'active')) {
      for (const site of point.sites) {
        const row = byId.get(`${point.id}--${site.id}`)
        if (!row || !row[column('horaires')]) continue
        const osm = new OpeningHours(row[column('horaires')]!, { lat: site.location!.lat, lon: site.location!.lon, address: { country_code: 'it', state: '' } })
        // Closures and dated stops are not in the standard's hours: compare the week, season and holidays only.
        const weekly = { ...site, closures: undefined, stops: undefined }
        for (const at of instants) {
          // The library reads a Date in the process's zone (the tests run in New York's): give it Rome's wall clock.
          const [y, mo, d, h, mi] = at.slice(0, 16).split(/[-T:]/).map(Number) as [number, number, number, number, number]
          expect(osm.getState(new Date(y, mo - 1, d, h, mi)), `${point.id}/${site.id} at ${at}: ${row[column('horaires')]}`).toBe(isOpenAt(new Date(at))(weekly))
          compared++
        }
      }
    }
    expect(compared).toBeGreaterThan(3000 * instants.length)
  })

  it('names each row by the point and its site, and marks a van as itinérant', () => {
    const van = records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'mobile'))!
    const stop = van.sites.find((s) => s.kind === 'mobile')!
    expect(byId.get(`${van.id}--${stop.id}`)?.[column('itinerance')]).toBe('Itinérant')
    expect(byId.get(`${van.id}--${stop.id}`)?.[column('nom')]).toBe(`${van.name} – ${stop.label}`)
    // A site whose label the point's name already holds is not named twice.
    const named = records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'fixed' && p.name.includes(s.label) && byId.has(`${p.id}--${s.id}`)))!
    const site = named.sites.find((s) => s.kind === 'fixed' && named.name.includes(s.label) && byId.has(`${named.id}--${s.id}`))!
    expect(byId.get(`${named.id}--${site.id}`)?.[column('nom')]).toBe(named.name)
  })

  it('shortens a long description by characters, never inside an emoji, to the standard’s 280', () => {
    const point = { ...records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'fixed' && /^\d{5}$/.test(s.address?.postcode ?? '')))!, description: `${'a'.repeat(139)}😀${'b'.repeat(200)}` }
    const [row] = frMediationRows(point)
    const summary = String(row!.presentation_resume)
    expect(Array.from(summary).length).toBeLessThanOrEqual(280)
    // No half of a surrogate pair left alone.
    expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    expect(row!.presentation_detail).toBe(point.description)
  })
})
