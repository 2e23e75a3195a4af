import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvColumns } from '../../../functions/exports/csv-export.ts'
import { brutePlaces, haversineKm } from '../../shared/geo/brute-force.ts'
import { createApiFixture, FIXED_TODAY, snapshotOf } from './support/app-fixture.ts'
import { addDays } from '../../../shared/hours/rome-time.ts'
import { filterOf, filterParamsArbitrary, queryString, type FilterParams } from './support/filter-params.ts'

const fixture = createApiFixture()
const { records } = fixture

interface Feature {
  type: string
  id: string
  geometry: { type: string; coordinates: number[] }
  properties: { point_id: string; site_id: string; distance_m?: number }
}

/** The `rel="next"` target of a Link header, if any. */
function nextLink(response: Response): string | null {
  return /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null
}

/** Every page of a GeoJSON export, following `Link: rel="next"`, as one collection. */
async function geoJson(params: FilterParams): Promise<{ type: string; features: Feature[]; pages: number }> {
  let url: string | null = `/v1/points.geojson?${queryString(params)}`
  const features: Feature[] = []
  let pages = 0
  let type = ''
  while (url) {
    const response = await fixture.get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    const page = await response.json()
    type = page.type
    features.push(...page.features)
    url = nextLink(response)
    // The body names the same cursor as the header, so GeoJSON clients need not read headers.
    expect(page.next_cursor ?? null).toBe(url ? new URL(url, 'http://localhost').searchParams.get('cursor') : null)
    pages++
  }
  return { type, features, pages }
}

/** Every page of a CSV export, following `Link: rel="next"`; each page has its header row. */
async function csvRows(params: FilterParams): Promise<{ text: string; header: string[]; rows: Record<string, string>[]; pages: number }> {
  let url: string | null = `/v1/points.csv?${queryString(params)}`
  let header: string[] = []
  let text = ''
  const rows: Record<string, string>[] = []
  let pages = 0
  while (url) {
    const response = await fixture.get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    // Decoded strictly: any byte sequence that is not UTF-8 fails here instead of turning into U+FFFD.
    const pageText = new TextDecoder('utf-8', { fatal: true }).decode(await response.arrayBuffer())
    const [pageHeader, ...rest] = parse(pageText, { bom: true }) as string[][]
    header = pageHeader!
    rows.push(...rest.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]!]))))
    text += pageText
    url = nextLink(response)
    pages++
  }
  return { text, header, rows, pages }
}

/** RFC 7946: a FeatureCollection of Point features, `[lon, lat]` in range (and in the bbox when asked), unique feature ids. */
function expectRfc7946(collection: { type: string; features: Feature[] }, params: FilterParams = {}): void {
  const bbox = params.bbox?.split(',').map(Number)
  expect(collection.type).toBe('FeatureCollection')
  for (const feature of collection.features) {
    expect(feature.type).toBe('Feature')
    expect(feature.geometry.type).toBe('Point')
    expect(feature.geometry.coordinates).toHaveLength(2)
    const [lon, lat] = feature.geometry.coordinates as [number, number]
    expect(lon).toBeGreaterThanOrEqual(-180)
    expect(lon).toBeLessThanOrEqual(180)
    expect(lat).toBeGreaterThanOrEqual(-90)
    expect(lat).toBeLessThanOrEqual(90)
    expect(typeof feature.properties).toBe('object')
    if (bbox) expect(lon >= bbox[0]! && lat >= bbox[1]! && lon <= bbox[2]! && lat <= bbox[3]!, `${feature.id} at ${lon},${lat} is outside bbox ${bbox}`).toBe(true)
  }
  expect(new Set(collection.features.map((f) => f.id)).size).toBe(collection.features.length)
}

/** A row's identity: its point, its site and where (null for an online site). */
const rowKey = (pointId: string, siteId: string, location: { lat: number; lon: number } | null) => `${pointId}/${siteId}@${location ? `${location.lat},${location.lon}` : '-'}`
const featureKey = (f: Feature) => rowKey(f.properties.point_id, f.properties.site_id, { lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]! })
const csvKey = (r: Record<string, string>) => rowKey(r.point_id!, r.site_id!, r.lat === '' ? null : { lat: Number(r.lat), lon: Number(r.lon) })
/** The oracle's rows: one per place where a site can be met (a van once per stop place). */
const oracleRows = (filter: Parameters<typeof brutePlaces>[2]) => brutePlaces(records, FIXED_TODAY, filter)
const oracleKeys = (filter: Parameters<typeof brutePlaces>[2], located = false) =>
  oracleRows(filter)
    .filter((o) => !located || o.location)
    .map((o) => rowKey(o.id, o.siteId, o.location))
const SELECTIVE = ['region', 'province', 'comune', 'bbox']
/** Exports answer whole selections: keep the random ones to a region or smaller, so a run takes seconds. */
const selectiveFilters = filterParamsArbitrary(records, { maxFilters: 3 }).filter((p) => SELECTIVE.some((k) => k in p))

describe('GET /v1/points.geojson', () => {
  it('is an RFC 7946 FeatureCollection with one Point feature per place a matching site is met at, at its [lon, lat]', async () => {
    const collection = await geoJson({})
    expectRfc7946(collection)
    expect(collection.features.map(featureKey)).toEqual(oracleKeys({}, true))
  })

  it('selects, for random filters, the same places as brute-force filtering of the registry', async () => {
    await fc.assert(
      fc.asyncProperty(selectiveFilters, async (params) => {
        const collection = await geoJson(params)
        expectRfc7946(collection, params)
        expect(collection.features.map(featureKey)).toEqual(oracleKeys(filterOf(params), true))
      }),
      { numRuns: 30, seed: 7946 },
    )
  })

  it("gives a mobile unit a feature at each stop place, named and dated, with the stop's own status", async () => {
    const hasStopPlaces = (s: (typeof records)[number]['sites'][number]) =>
      s.kind === 'mobile' && new Set(s.stops?.filter((st) => st.date >= FIXED_TODAY).map((st) => `${st.place.location.lat},${st.place.location.lon}`)).size > 1
    const van = records.find((p) => p.status === 'active' && p.sites.some(hasStopPlaces))!
    const site = van.sites.find(hasStopPlaces)!
    const collection = await geoJson({ comune: van.comune.istat!, status: 'active' })
    const features = collection.features.filter((f) => f.properties.point_id === van.id && f.properties.site_id === site.id) as Array<Feature & { properties: Record<string, any> }>
    const stopPlaces = new Set(site.stops!.filter((st) => st.date >= FIXED_TODAY).map((st) => `${st.place.location.lon},${st.place.location.lat}`))
    expect(new Set(features.filter((f) => f.properties.place_kind === 'stop').map((f) => f.geometry.coordinates.join(',')))).toEqual(stopPlaces)
    for (const f of features.filter((f) => f.properties.place_kind === 'stop')) {
      const here = site.stops!.filter((st) => `${st.place.location.lon},${st.place.location.lat}` === f.geometry.coordinates.join(','))
      expect(f.properties.place_label).toBe(here[0]!.place.label)
      // The stops still to come that no closure cancels: as next_stops says them.
      const happening = here.filter((st) => st.date >= FIXED_TODAY && !(site.closures ?? []).some((c) => c.from <= st.date && st.date <= c.to))
      expect(f.properties.place_dates).toEqual([...new Set(happening.map((st) => st.date))].sort())
      expect(f.id).toMatch(new RegExp(`^${van.id}/${site.id}@`))
    }
  })

  it("leaves out of a stop's dates the past ones and those a closure cancels, and gives its row no weekly hours (the van is there on its dates, not every Tuesday)", async () => {
    const template = records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'mobile'))!
    const base = template.sites.find((s) => s.kind === 'mobile')!
    const market = { label: 'Mercato', location: { lat: 43.78, lon: 11.26 } }
    const van = {
      ...template,
      id: 'van-edge',
      sites: [{
        ...base,
        id: 'van',
        opening_hours: { tu: [{ start: '09:00', end: '12:00' }] },
        stops: [
          { date: addDays(FIXED_TODAY, -20), start: '09:00', end: '12:00', place: market },
          { date: addDays(FIXED_TODAY, 7), start: '15:00', end: '18:00', place: market },
          { date: addDays(FIXED_TODAY, 7), start: '09:00', end: '12:00', place: market },
          { date: addDays(FIXED_TODAY, 28), start: '09:00', end: '12:00', place: market },
        ],
        closures: [{ from: addDays(FIXED_TODAY, 28), to: addDays(FIXED_TODAY, 28), reason: 'Guasto' }],
      }],
    }
    fixture.source.swap(snapshotOf([...records, van]))
    try {
      const features = ((await geoJson({ q: van.name, comune: van.comune.istat! })).features as Array<Feature & { properties: Record<string, any> }>).filter((f) => f.properties.point_id === 'van-edge' && f.properties.place_kind === 'stop')
      expect(features.map((f) => f.properties.place_dates)).toEqual([[addDays(FIXED_TODAY, 7)]])
      // When the van is there, not only which day: the stops' hours were in the JSON alone.
      const sessions = [`${addDays(FIXED_TODAY, 7)} 09:00-12:00`, `${addDays(FIXED_TODAY, 7)} 15:00-18:00`]
      expect(features.map((f) => f.properties.place_sessions)).toEqual([sessions])
      const rows = parse(await (await fixture.get(`/v1/points.csv?q=${encodeURIComponent(van.name)}&comune=${van.comune.istat}`)).text(), { bom: true, columns: true }) as Array<Record<string, string>>
      const stopRow = rows.find((row) => row.point_id === 'van-edge' && row.place_kind === 'stop')!
      expect([stopRow.place_dates, stopRow.opening_hours_osm, stopRow.opening_hours_text]).toEqual([addDays(FIXED_TODAY, 7), '', ''])
      expect(stopRow.place_sessions).toBe(sessions.join('|'))
    } finally {
      fixture.source.swap(fixture.snapshot)
    }
  })

  it("places a mobile unit found by bbox at its stop inside the box, not at its base outside", async () => {
    const van = records
      .filter((p) => p.status === 'active')
      .flatMap((p) => p.sites.filter((s) => s.kind === 'mobile' && s.stops?.some((stop) => stop.date >= FIXED_TODAY)).map((site) => ({ point: p, site })))
      .map(({ point, site }) => ({ point, site, stop: site.stops!.find((stop) => stop.date >= FIXED_TODAY && haversineKm(stop.place.location, site.location!) > 0.3)! }))
      .find(({ stop }) => stop !== undefined)!
    const { lat, lon } = van.stop.place.location
    // About 100 m around the stop: the base, over 300 m away, lies outside.
    const params = { bbox: [lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001].join(',') }
    const collection = await geoJson(params)
    expectRfc7946(collection, params)
    const features = collection.features.filter((f) => f.properties.point_id === van.point.id && f.properties.site_id === van.site.id)
    expect(features.map((f) => f.geometry.coordinates)).toEqual([[lon, lat]])
    const { rows } = await csvRows(params)
    expect(rows.filter((r) => r.point_id === van.point.id && r.site_id === van.site.id)).toEqual([expect.objectContaining({ lat: String(lat), lon: String(lon), place_kind: 'stop' })])
  })

  it('orders features nearest first, each with its great-circle distance, within radius_km', async () => {
    const near = { lat: 45.4642, lon: 9.19 }
    const collection = await geoJson({ near: `${near.lat},${near.lon}`, radius_km: '30' })
    const distances = collection.features.map((f) => f.properties.distance_m!)
    expect(distances.length).toBeGreaterThan(5)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates as [number, number]
      expect(Math.abs(feature.properties.distance_m! - haversineKm(near, { lat, lon }) * 1000)).toBeLessThanOrEqual(1)
    }
    // Nothing met within the radius is left out: every place, a van's stops included.
    const within = oracleRows({}).filter((o) => o.location && haversineKm(near, o.location) <= 30)
    expect(collection.features).toHaveLength(within.length)
  })
})

describe('pages of an export', () => {
  it('honours limit, one row per place, and walks every row exactly once by Link: rel="next"', async () => {
    const whole = oracleKeys({ region: '09' })
    const { rows, pages } = await csvRows({ region: '09', limit: '37' })
    expect(pages).toBe(Math.ceil(whole.length / 37))
    expect(rows.map(csvKey)).toEqual(whole)
    const first = await fixture.get('/v1/points.csv?region=09&limit=37')
    expect(parse(await first.text(), { bom: true })).toHaveLength(38)
  })

  it('walks a nearest-first export page by page in one order, with no row twice', async () => {
    const params = { near: '43.7696,11.2558', radius_km: '60' }
    const whole = await geoJson({ ...params, limit: '5000' })
    expect(whole.pages).toBe(1)
    const paged = await geoJson({ ...params, limit: '25' })
    expect(paged.pages).toBeGreaterThan(3)
    expect(paged.features.map((f) => f.id)).toEqual(whole.features.map((f) => f.id))
  })

  it('has no next link on the last page, and answers 410 to a nearest-first cursor after the registry changed', async () => {
    const last = await fixture.get('/v1/points.geojson?comune=048017&limit=5000')
    expect(last.headers.get('link')).toBeNull()
    expect((await last.json()).next_cursor).toBeNull()
    const first = await fixture.get('/v1/points.csv?near=43.7696,11.2558&limit=5')
    const next = nextLink(first)!
    fixture.source.swap({ ...fixture.snapshot, registryVersion: fixture.snapshot.registryVersion + 1 })
    try {
      expect((await fixture.get(next)).status).toBe(410)
    } finally {
      fixture.source.swap(fixture.snapshot)
    }
  })

  it("keeps an id-ordered walk whole while a point's sites change between its pages: no row left out, none twice", async () => {
    // One point with five sites a..e, found alone by its name; pages of two rows.
    const base = records.find((r) => r.region?.istat === '09' && r.sites[0]?.kind === 'fixed')!
    const siteAt = (id: string) => ({ ...base.sites[0]!, id, label: `Sede ${id}`, location: { lat: 43.7 + id.charCodeAt(0) / 1000, lon: 11.2 } })
    const withSites = (ids: string[]) => ({ ...base, name: 'Punto Prova Cursore', sites: ids.map((id) => siteAt(id)) })
    const registryWith = (ids: string[], version: number) => snapshotOf([...records.filter((r) => r.id !== base.id), withSites(ids)], version)
    const siteIds = async (url: string) => (parse(await (await fixture.get(url)).text(), { bom: true, columns: true }) as Array<{ site_id: string }>).map((row) => row.site_id)
    const walkAfterChange = async (change: string[]) => {
      fixture.source.swap(registryWith(['a', 'b', 'c', 'd', 'e'], 2))
      const first = await fixture.get('/v1/points.csv?q=Punto%20Prova%20Cursore&limit=2')
      expect((parse(await first.text(), { bom: true, columns: true }) as Array<{ site_id: string }>).map((row) => row.site_id)).toEqual(['a', 'b'])
      fixture.source.swap(registryWith(change, 3))
      return siteIds(nextLink(first)!)
    }
    try {
      // The first site removed: the walk goes on after b (positions had skipped c).
      expect(await walkAfterChange(['b', 'c', 'd', 'e'])).toEqual(['c', 'd'])
      // A site added in front: after b still (positions had given b again).
      expect(await walkAfterChange(['z', 'a', 'b', 'c', 'd', 'e'])).toEqual(['c', 'd'])
      // The last row's own site removed: from the site that took its place.
      expect(await walkAfterChange(['a', 'c', 'd', 'e'])).toEqual(['c', 'd'])
    } finally {
      fixture.source.swap(fixture.snapshot)
    }
  })

  it('refuses a cursor of /v1/points, and a limit above 5000', async () => {
    const { next_cursor } = await fixture.getJson('/v1/points?region=09&limit=5')
    expect((await fixture.get(`/v1/points.csv?region=09&limit=5&cursor=${encodeURIComponent(next_cursor)}`)).status).toBe(400)
    const tooMany = await fixture.get('/v1/points.geojson?limit=5001')
    expect(tooMany.status).toBe(400)
    expect((await tooMany.json()).errors).toEqual([{ field: 'limit', message: 'must be a whole number from 1 to 5000' }])
  })
})

describe('GET /v1/points.csv', () => {
  it('parses with the header row and gives one row per place a matching site is met at, online ones included', async () => {
    const { header, rows } = await csvRows({ region: '09' })
    expect(header).toEqual([...csvColumns])
    expect(rows.map(csvKey)).toEqual(oracleKeys({ region: '09' }))
    expect(rows.filter((r) => r.site_kind === 'online').every((r) => r.place_kind === '' && r.lat === '')).toBe(true)
  })

  it("names each row's own comune beside the point's (a third of the rows of the open-data file are a site or a stop in another comune), in the GeoJSON too, with the rows' dataset", async () => {
    const point = new Map(records.map((p) => [p.id, p]))
    /** The place's comune as the registry says it: a stop's own, a site's own, else (a site in the point's comune) the point's; none online. */
    const expected = (row: { point_id: string; site_id: string; place_kind: string | undefined; lat: number | string; lon: number | string }): string => {
      const site = point.get(row.point_id)!.sites.find((s) => s.id === row.site_id)!
      if (row.place_kind === 'stop') return site.stops!.find((st) => String(st.place.location.lat) === String(row.lat) && String(st.place.location.lon) === String(row.lon))!.place.comune_istat ?? ''
      if (site.kind === 'online') return ''
      return site.comune?.istat ?? point.get(row.point_id)!.comune.istat!
    }
    const { header, rows } = await csvRows({})
    expect(header.slice(-2)).toEqual(['place_comune_istat', 'place_sessions'])
    for (const row of rows) expect(row.place_comune_istat, `${row.point_id} ${row.site_id} ${row.place_kind}`).toBe(expected(row as Parameters<typeof expected>[0]))
    expect(rows.filter((row) => row.place_comune_istat !== '' && row.place_comune_istat !== row.comune_istat).length).toBeGreaterThan(0)
    const { features } = await geoJson({})
    for (const { properties, geometry } of features as Array<Feature & { properties: Record<string, any> }>) {
      const [lon, lat] = geometry.coordinates
      expect(properties.place_comune_istat ?? '', properties.point_id).toBe(expected({ ...(properties as { point_id: string; site_id: string }), place_kind: properties.place_kind, lat: lat!, lon: lon! }))
      expect(properties.comune_istat).toBe(point.get(properties.point_id)!.comune.istat)
      expect(properties.source_dataset).toBe(point.get(properties.point_id)!.source.dataset)
    }
  })

  it('selects the same sites as the GeoJSON for the same filters (those with coordinates)', async () => {
    await fc.assert(
      fc.asyncProperty(selectiveFilters, async (params) => {
        const [{ rows }, collection] = await Promise.all([csvRows(params), geoJson(params)])
        const located = rows.filter((r) => r.lat !== '')
        expect(located.map(csvKey)).toEqual(collection.features.map(featureKey))
        located.forEach((row, i) => expect([Number(row.lon), Number(row.lat)]).toEqual(collection.features[i]!.geometry.coordinates))
      }),
      { numRuns: 20, seed: 4180 },
    )
  })

  it('is UTF-8 with accented names intact', async () => {
    const accented = records.find((p) => p.status === 'active' && /[àèéìòù]/.test(p.name) && /[àèéìòù]/.test(p.comune.name))!
    const { rows } = await csvRows({ comune: accented.comune.istat! })
    const row = rows.find((r) => r.point_id === accented.id)!
    expect(row.name).toBe(accented.name)
    expect(row.comune_name).toBe(accented.comune.name)
  })
})
