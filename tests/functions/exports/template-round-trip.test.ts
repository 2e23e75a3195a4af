import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateDemoRegistry } from '../../../functions/demo/generate-demo-registry.ts'
import { TEMPLATE_FILE } from '../../../functions/exports/template-export.ts'
import { buildRegistryFiles } from '../../../functions/exports/registry-files.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { runImport } from '../../../functions/import/run-import.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { PointDraftSchema, type PointDraft, type PointRecord } from '../../../shared/schemas/point.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'

/**
 * Issue 14: a region downloads the registry in the import template's columns, edits it in a
 * spreadsheet and sends it back with `npm run import`. Untouched, the file must change nothing.
 */
const comuni = loadComuni()
const gazetteer = createGazetteer(comuni)
const now = new Date('2026-12-06T10:00:00+01:00')
const dir = mkdtempSync(join(tmpdir(), 'pv-round-trip-'))

const fixtures: LocalRegistryFixture[] = []
afterAll(() => Promise.all(fixtures.map((f) => f.close())))

/** The registry's records → the open-data template file → `npm run import`'s own function. */
async function roundTrip(drafts: readonly PointDraft[]) {
  const local = await startLocalRegistry()
  fixtures.push(local)
  const registry = local.registry()
  await registry.importPoints(drafts.map((draft) => PointDraftSchema.parse(draft)))
  const { records: points } = await registry.readAll()
  const snapshot = buildSnapshot(points, { registryVersion: (await registry.getVersion()).version, builtAt: now })
  const file = (await buildRegistryFiles(snapshot)).find((f) => f.name === TEMPLATE_FILE)
  expect(file, `${TEMPLATE_FILE} is among the open-data files`).toBeDefined()
  const path = join(dir, `${drafts[0]!.id}.csv`)
  writeFileSync(path, file!.body)
  const report = await runImport({ input: path, registry, gazetteer, now })
  const { records: after } = await registry.readAll()
  const byId = (records: readonly PointRecord[]) => [...records].sort((a, b) => a.id.localeCompare(b.id))
  return { report, before: byId(points), after: byId(after), file: file! }
}

describe('the registry downloaded in the template columns and imported again', () => {
  it('changes nothing in the demo registry: every point unchanged, no row rejected or warned about', async () => {
    const { report, before, after } = await roundTrip(generateDemoRegistry(comuni))
    expect(report.format).toBe('template')
    expect(report.rejectedRows).toEqual([])
    expect(report.warningRows).toEqual([])
    expect({ created: report.created, updated: report.updated, unchanged: report.unchanged }).toEqual({ created: 0, updated: 0, unchanged: before.length })
    expect(after).toEqual(before)
    expect([report.createdIds, report.updatedIds]).toEqual([[], []])
  }, 120_000)

  it('leaves points abroad out of the file (the template has no column for a foreign address), as docs/API.md says', async () => {
    const [italian, other] = generateDemoRegistry(comuni).slice(0, 2).map((d) => ({ ...d, version: 1, updated_at: '2026-12-01T08:00:00.000Z' }) as PointRecord)
    const abroad = { ...other!, id: 'pv-abroad-1', country: 'FR' } as PointRecord
    const file = (await buildRegistryFiles(buildSnapshot([italian!, abroad], { registryVersion: 1, builtAt: now }))).find((f) => f.name === TEMPLATE_FILE)!
    const text = new TextDecoder().decode(file.body as Uint8Array)
    expect(text).toContain(italian!.id)
    expect(text).not.toContain('pv-abroad-1')
  })

  it('carries what a spreadsheet would mangle or a cell could confuse: formulas, separators in reasons, dated stops, holidays, unread hours', async () => {
    const tricky: PointDraft = PointDraftSchema.parse({
      id: 'rt-tricky',
      name: "'=Punto \"Digitale\" | Facile; Poggibonsi",
      status: 'suspended',
      operator: { name: '@Comune di Poggibonsi', type: 'comune' },
      region: { istat: '09', name: 'Toscana' },
      province: 'SI',
      comune: { istat: '052022', name: 'Poggibonsi' },
      country: 'IT',
      address: { street: 'Via della Repubblica, 10', postcode: '53036' },
      sites: [
        {
          id: 'biblioteca',
          kind: 'fixed',
          label: 'Biblioteca, sala "Dante"',
          address: { street: 'Via della Repubblica, 10', postcode: '53036' },
          comune: { istat: '052022', name: 'Poggibonsi' },
          location: { lat: 43.4668, lon: 11.149 },
          opening_hours: { mo: [{ start: '09:00', end: '13:00' }], th: [{ start: '09:00', end: '13:00' }, { start: '15:00', end: '18:30' }] },
          public_holidays: 'open',
          closures: [
            { from: '2026-08-10', to: '2026-08-21', reason: 'Ferie | chiusura estiva, 2 settimane' },
            { from: '2026-12-24', to: '2026-12-24' },
          ],
        },
        {
          id: 'bus',
          kind: 'mobile',
          label: 'Bus digitale',
          address: { street: 'Piazza Cavour', postcode: null },
          comune: { istat: '052022', name: 'Poggibonsi' },
          location: { lat: 43.47, lon: 11.15 },
          opening_hours: { we: [{ start: '15:00', end: '18:00' }] },
          stops: [
            { date: '2026-12-12', start: '09:00', end: '12:30', place: { label: 'Centro anziani | sala grande', comune_istat: '052022', location: { lat: 43.4701, lon: 11.1502 } } },
            { date: '2026-12-19', start: '15:00', end: '17:00', place: { label: '(052022) Fiera', location: { lat: 43.48, lon: 11.16 } } },
          ],
        },
        {
          id: 'estate',
          kind: 'seasonal',
          label: 'Spiaggia',
          address: { street: null, postcode: null },
          comune: { istat: '052022', name: 'Poggibonsi' },
          location: { lat: 43.46, lon: 11.14 },
          valid_from: '--06-15',
          valid_to: '--09-15',
          opening_hours_source: 'quando capita',
          opening_hours_unparsed: true,
        },
        { id: 'online', kind: 'online', label: 'Assistenza a distanza', address: null, comune: { istat: '052022', name: 'Poggibonsi' } },
      ],
      services: ['assistenza_individuale', 'formazione_gruppo'],
      topics: ['spid', 'cie'],
      booking: 'appointment',
      booking_url: 'https://prenota.example.org/pf-001?a=1&b=2',
      contacts: { phone: '+39 0577 000001', email: 'pf001@example.org', website: 'https://www.example.org/pf-001' },
      languages: ['it', 'en'],
      accessibility: { step_free: false, notes: 'Gradino; rampa su richiesta\nchiedere al banco' },
      description: undefined,
      source: { dataset: 'regione-toscana', original_id: "'-01" },
      last_verified_at: '2026-10-15T09:30:00+02:00',
    })
    const { report, before, after, file } = await roundTrip([tricky])
    // A recurring season as Italians write it: the ISO --06-15 would draw the formula guard's apostrophe.
    expect(file.body.toString()).toContain(',15/06,15/09,')
    expect(report.rejectedRows).toEqual([])
    // Only what the import says every time it meets hours it cannot read.
    expect(report.warningRows.flatMap((row) => row.errors.map((e) => e.field))).toEqual(['opening_hours'])
    expect(report.unchanged).toBe(1)
    expect(after.find((p) => p.id === 'rt-tricky')).toEqual(before.find((p) => p.id === 'rt-tricky'))
  })

  it('keeps a site whose every slot was removed in the console: its "off" reads back as an empty week, the point unchanged', async () => {
    const emptied = generateDemoRegistry(comuni).slice(0, 1).map((point) => ({
      ...point,
      id: 'rt-no-hours-1',
      sites: point.sites.map((site, k) => (k === 0 ? { ...site, opening_hours: {}, opening_hours_source: undefined, opening_hours_unparsed: undefined } : site)),
    })) as PointDraft[]
    const { report, file } = await roundTrip(emptied)
    expect(file.body.toString()).toMatch(/,off,/)
    expect(report.warningRows).toEqual([])
    expect(report).toMatchObject({ rejected: 0, updated: 0, unchanged: 1 })
  })

  it('writes the week someone set over an unreadable published text, not the text (which would erase it)', async () => {
    const edited = generateDemoRegistry(comuni).slice(0, 1).map((point) => ({
      ...point,
      id: 'rt-edited-1',
      // Imported as "su appuntamento" (unreadable), then given a week by hand before writes dropped the flag.
      sites: point.sites.map((site, k) => (k === 0 && site.opening_hours ? { ...site, opening_hours_source: 'su appuntamento', opening_hours_unparsed: true } : site)),
    })) as PointDraft[]
    const { report, before, after } = await roundTrip(edited)
    expect(report.rejectedRows).toEqual([])
    for (const id of ['rt-edited-1']) {
      const was = before.find((p) => p.id === id)!.sites[0]!
      const now = after.find((p) => p.id === id)!.sites[0]!
      expect(now.opening_hours, id).toEqual(was.opening_hours)
    }
  })
})
