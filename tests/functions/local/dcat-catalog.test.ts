import { Hono } from 'hono'
import jsonld from 'jsonld'
import { Parser } from 'n3'
import { describe, expect, it } from 'vitest'
import { LICENCE } from '../../../functions/exports/dcat-catalog.ts'
import { mountOpenData } from '../../../functions/local/serve-open-data.ts'
import { snapshotOf, demoPointRecords } from '../api/support/app-fixture.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'

/**
 * Issue 14: the registry described for the Italian catalogue (DCAT-AP_IT), checked against the
 * profile's mandatory properties (no validator of its shapes runs offline): for the catalogue,
 * the data set and each distribution, and every download address answering with the size it says.
 */
type Node = Record<string, any>
const MANDATORY = {
  catalog: ['dct:title', 'dct:description', 'dct:publisher', 'dct:modified', 'dcat:dataset'],
  dataset: ['dct:identifier', 'dct:title', 'dct:description', 'dct:modified', 'dcat:theme', 'dct:rightsHolder', 'dct:accrualPeriodicity', 'dcat:distribution', 'dcat:contactPoint'],
  distribution: ['dct:format', 'dcat:accessURL', 'dct:license'],
  agent: ['dct:identifier', 'foaf:name'],
}
const missing = (node: Node, properties: readonly string[]) => properties.filter((p) => node[p] === undefined || node[p] === null || node[p] === '')

describe('/opendata/catalog.jsonld', () => {
  const app = new Hono()
  const snapshot = snapshotOf(demoPointRecords(), 1)
  mountOpenData(app, () => snapshot)
  const get = (path: string) => app.request(`http://localhost${path}`)

  it('describes the catalogue, the data set and each file with the properties DCAT-AP_IT makes mandatory', async () => {
    const response = await get('/opendata/catalog.jsonld')
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8')
    const catalog = (await response.json()) as Node
    expect(catalog['@type']).toContain('dcatapit:Catalog')
    expect(missing(catalog, MANDATORY.catalog)).toEqual([])
    const dataset = catalog['dcat:dataset'] as Node
    expect(dataset['@type']).toContain('dcatapit:Dataset')
    expect(missing(dataset, MANDATORY.dataset)).toEqual([])
    for (const agent of [catalog['dct:publisher'], dataset['dct:rightsHolder'], dataset['dct:publisher']] as Node[]) expect(missing(agent, MANDATORY.agent)).toEqual([])
    expect(dataset['dct:title']).toContain('dimostrativo')
    // The day the registry last changed (Rome's), not the day the files were rebuilt: a nightly
    // rebuild moved it every day, and a weekly harvester could not tell a change from a rebuild.
    const lastChange = demoPointRecords().map((p) => p.updated_at).sort().at(-1)!
    expect(dataset['dct:modified']['@value']).toBe(toRomeWallClock(new Date(lastChange)).date)
    expect(catalog['dct:modified']['@value']).toBe(dataset['dct:modified']['@value'])
    expect(lastChange.slice(0, 10)).not.toBe(snapshot.builtAt.slice(0, 10))
    expect(dataset['dct:accrualPeriodicity']['@id']).toBe('http://publications.europa.eu/resource/authority/frequency/DAILY')
    expect(dataset['dct:spatial']['@id']).toBe('http://publications.europa.eu/resource/authority/country/ITA')
    // As DCAT-AP_IT's harvester reads coverage: a dct:Location with its identifier and name (a bare IRI was dropped).
    expect(dataset['dct:spatial']).toMatchObject({ '@type': 'dct:Location', 'dcatapit:geographicalIdentifier': 'http://publications.europa.eu/resource/authority/country/ITA', 'locn:geographicalName': { '@value': 'Italia', '@language': 'it' } })
    expect(dataset['dcat:contactPoint']['vcard:hasEmail']['@id']).toMatch(/^mailto:/)
    const distributions = dataset['dcat:distribution'] as Node[]
    expect(distributions.map((d) => new URL(d['dcat:downloadURL']['@id']).pathname).sort()).toEqual(['lieux-mediation-numerique.csv', 'punti-facilitazione-modello.csv', 'punti-facilitazione.csv', 'punti-facilitazione.geojson', 'punti-facilitazione.json'].map((name) => `/opendata/${name}`))
    for (const distribution of distributions) {
      // Named and described in Italian for a catalogue's reader, not by the file's name alone.
      const fileName = new URL(distribution['dcat:downloadURL']['@id']).pathname.split('/').at(-1)!
      expect(distribution['dct:title'], fileName).not.toContain(fileName)
      expect(distribution['dct:description'], fileName).toMatch(/^[A-ZÈ].{30,}/)
      expect(distribution['@type']).toContain('dcatapit:Distribution')
      expect(missing(distribution, MANDATORY.distribution)).toEqual([])
      expect(distribution['dct:license']['@id']).toBe(LICENCE)
      expect(distribution['dct:format']['@id']).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/(CSV|GEOJSON|JSON)$/)
      // Each points at what documents it: the data dictionary, which answers; the records, the API's schema (PointRecord).
      const documentation = new URL(distribution['foaf:page']['@id']).pathname
      if (fileName.endsWith('.json')) expect(documentation).toBe('/v1/docs')
      else expect((await get(documentation)).status).toBe(200)
      const url = new URL(distribution['dcat:downloadURL']['@id'])
      const file = await get(url.pathname)
      expect(file.status, url.pathname).toBe(200)
      expect(String((await file.arrayBuffer()).byteLength)).toBe(distribution['dcat:byteSize']['@value'])
    }
  })

  it('still says a registry holds generated points once real ones are imported beside them (it looked at the first record only), on the page too', async () => {
    const demo = demoPointRecords()
    // Real points whose ids sort before "demo-": the first record was real, and the demo was no longer said.
    const real = demo.slice(0, 6).map((point, i) => ({ ...point, id: `anci-esempio-${i}`, source: { dataset: 'anci-esempio', original_id: String(i) } }))
    const mixed = new Hono()
    mountOpenData(mixed, () => snapshotOf([...real, ...demo], 1))
    const catalog = (await (await mixed.request('http://localhost/opendata/catalog.jsonld')).json()) as Node
    const dataset = catalog['dcat:dataset'] as Node
    expect(dataset['dct:title']).toContain(`contiene ${demo.length} punti dimostrativi`)
    expect(dataset['dct:description']).toContain(`${demo.length} punti su ${demo.length + 6} sono dimostrativi`)
    const page = await (await mixed.request('http://localhost/opendata/')).text()
    expect(page).toContain(`${demo.length} dei ${demo.length + 6} punti sono dimostrativi`)
    expect(page).toContain(`${demo.length} of the ${demo.length + 6} points are generated demo points`)
    // A registry of real points alone says nothing of the kind.
    const realOnly = new Hono()
    mountOpenData(realOnly, () => snapshotOf(real, 1))
    const plain = (await (await realOnly.request('http://localhost/opendata/catalog.jsonld')).json()) as Node
    expect(JSON.stringify(plain)).not.toMatch(/dimostrativ/)
  })

  it('writes the same Turtle for the same catalogue, so a harvester’s If-None-Match holds across rebuilds (blank nodes were numbered by a process-wide counter)', async () => {
    const { catalogTurtle } = await import('../../../functions/exports/catalog-turtle.ts')
    const catalog = (await (await get('/opendata/catalog.jsonld')).json()) as Node
    expect(await catalogTurtle(catalog)).toBe(await catalogTurtle(catalog))
  })

  it('is published as Turtle too, with exactly the triples the JSON-LD file holds', async () => {
    const response = await get('/opendata/catalog.ttl')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8')
    const turtle = await response.text()
    expect(turtle).toMatch(/^@prefix dcat: <http:\/\/www\.w3\.org\/ns\/dcat#>\./m)
    // Read by a real Turtle parser and by a real JSON-LD processor, blank nodes aside: the same graph.
    const fromTurtle = new Parser({ format: 'text/turtle' }).parse(turtle)
    const fromJsonLd = (await jsonld.toRDF(await (await get('/opendata/catalog.jsonld')).json(), { format: 'application/n-quads' })) as unknown as string
    const label = (term: { termType: string; value: string; datatype?: { value: string }; language?: string }) =>
      term.termType === 'BlankNode' ? '_' : term.termType === 'Literal' ? JSON.stringify([term.value, term.language || term.datatype?.value]) : `<${term.value}>`
    const ours = fromTurtle.map((q) => `${label(q.subject)} <${q.predicate.value}> ${label(q.object as never)}`).sort()
    const theirs = new Parser({ format: 'application/n-quads' }).parse(fromJsonLd).map((q) => `${label(q.subject)} <${q.predicate.value}> ${label(q.object as never)}`).sort()
    expect(ours.length).toBeGreaterThan(80)
    expect(ours).toEqual(theirs)
  })
})
