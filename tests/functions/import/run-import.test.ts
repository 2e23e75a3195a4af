import { parse } from 'csv-parse/sync'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { runImport, UnreadableFileError } from '../../../functions/import/run-import.ts'
import { startLocalRegistry, withLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'

const gazetteer = createGazetteer(loadComuni())
const now = new Date('2026-11-26T10:00:00+01:00')
const dir = mkdtempSync(join(tmpdir(), 'pv-import-'))
const FR_FILE = 'tests/fixtures/fr_lieux_mediation_numerique_hinaura_ara.json'
const PUGLIA_FILE = 'tests/fixtures/it_puglia_punti_facilitazione_sample3.csv'

let local: LocalRegistryFixture
beforeAll(async () => {
  local = await startLocalRegistry()
})
afterAll(() => local.close())

describe('runImport', () => {
  it('imports at least 95% of the French rows that have coordinates, and reports the rest by item', async () => {
    const registry = local.registry()
    const rows = JSON.parse(readFileSync(FR_FILE, 'utf8')) as Array<{ latitude?: number; longitude?: number }>
    const withCoordinates = rows.filter((r) => Number.isFinite(r.latitude) && Number.isFinite(r.longitude)).length
    const report = await runImport({ input: FR_FILE, format: 'fr-standard', registry, gazetteer, now })
    expect(report.format).toBe('fr-standard')
    expect(report.read).toBe(rows.length)
    expect(report.created).toBeGreaterThanOrEqual(Math.ceil(withCoordinates * 0.95))
    for (const row of report.rejectedRows) expect(row.where).toMatch(/^item \d+$/)
  })

  it('reports every row unchanged when the same file is imported again', async () => {
    const registry = local.registry()
    const first = await runImport({ input: FR_FILE, registry, gazetteer, now })
    const versionBefore = await registry.getVersion()
    const again = await runImport({ input: FR_FILE, registry, gazetteer, now })
    expect(again.format).toBe('fr-standard')
    expect(again.created + again.updated).toBe(0)
    expect(again.unchanged).toBe(first.created + first.updated + first.unchanged)
    expect((await registry.getVersion()).version).toBe(versionBefore.version)
    expect([again.createdIds, again.updatedIds]).toEqual([[], []])
  })

  it('changes nothing when the same file comes back with its rows sorted (the mobile unit’s three sites in three comuni reversed)', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = 'docs/examples/template-esempio.csv'
      await runImport({ input: example, registry, gazetteer, now })
      const [header, ...rows] = readFileSync(example, 'utf8').trimEnd().split('\n')
      const sorted = join(dir, 'sorted.csv')
      writeFileSync(sorted, [header, ...rows.reverse()].join('\n') + '\n')
      const again = await runImport({ input: sorted, registry, gazetteer, now })
      expect([again.created, again.updated, again.updatedIds]).toEqual([0, 0, []])
    })
  })

  it("refuses a row that keeps another point's id_puntovicino (a row copied to add a point overwrote Lucca's with Pontassieve's), naming that point, and writes nothing of it", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = 'docs/examples/template-esempio.csv'
      await runImport({ input: example, registry, gazetteer, now })
      const before = await registry.getPoint('regione-esempio-pf-001')
      const [first] = parse(readFileSync(example, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>
      // The copy: a new id_punto and name, the first point's id_puntovicino left in it.
      const copy = { ...first!, id_puntovicino: 'regione-esempio-pf-001', id_punto: 'TOS-2027-002', nome_punto: 'Nuovo punto di Pontassieve' }
      const quote = (value: string) => `"${value.replaceAll('"', '""')}"`
      const copied = join(dir, 'copied.csv')
      writeFileSync(copied, `${Object.keys(copy).join(',')}\n${Object.values(copy).map(quote).join(',')}\n`)
      const report = await runImport({ input: copied, registry, gazetteer, now })
      expect([report.created, report.updated, report.rejected]).toEqual([0, 0, 1])
      const message = report.rejectedRows[0]!.errors.map((e) => `${e.field}: ${e.message}`).join(' ')
      expect(message).toMatch(/^id_puntovicino: .*regione-esempio-pf-001.*lasciatelo vuoto/)
      expect(await registry.getPoint('regione-esempio-pf-001')).toEqual(before)
    })
  })

  it('names the points it created and the ones it changed, for the sender to check', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = 'docs/examples/template-esempio.csv'
      const first = await runImport({ input: example, registry, gazetteer, now })
      expect(first.createdIds).toHaveLength(first.created)
      expect(first.createdIds).toContain('regione-esempio-pf-001')
      const edited = join(dir, 'edited.csv')
      writeFileSync(edited, readFileSync(example, 'utf8').replace('Punto Digitale Facile Colle di Val d\'Elsa', 'Punto Digitale Facile di Colle'))
      const again = await runImport({ input: edited, registry, gazetteer, now })
      expect([again.created, again.updated, again.createdIds, again.updatedIds]).toEqual([0, 1, [], ['regione-esempio-pf-005']])
    })
  })

  it('imports the good rows of a corrupted file and names each bad row by line, field and reason', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const lines = readFileSync(PUGLIA_FILE, 'utf8').trimEnd().split('\n')
      const header = lines[0]!
      const good = lines.slice(1)
      const corrupted = [
        header,
        good[1]!, // line 2: Bari, fine
        good[1]!.replace('5447245', '9000001').replace('41.1267', '141.1267'), // line 3: latitude out of range
        good[2]!.replace('5447269', '9000002').replace('Consorzio per la realizzazione del sistema integrato di welfare dell’ambito territoriale sociale BR1', ''), // line 4: no name
        good[1]!.replace('5447245', '9000003').replace('Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:', 'quando capita'), // line 5: hours not understood: imported, flagged
        good[1]!.replace('5447245', '9000004').replace(',Bari,', ',Atlantide,'), // line 6: unknown comune name: placed by its coordinates, with a warning
        good[2]!, // line 7: Brindisi, fine
      ].join('\n')
      const file = join(dir, 'corrupted.csv')
      writeFileSync(file, corrupted)
      const report = await runImport({ input: file, registry, gazetteer, now })
      expect(report.format).toBe('puglia')
      expect(report.read).toBe(6)
      expect(report.created).toBe(4)
      expect(report.rejectedRows.map((r) => r.line)).toEqual([3, 4])
      const byLine = new Map(report.rejectedRows.map((r) => [r.line, r.errors.map((e) => e.field)]))
      expect(byLine.get(3)).toContain('latitudine')
      expect(byLine.get(4)).toContain('nomeDelloSpazio')
      expect(report.warningRows.find((r) => r.line === 6)?.errors.map((e) => e.field)).toContain('comune')
      expect((await registry.getPoint('puglia-9000004'))?.comune).toEqual({ istat: '072006', name: 'Bari' })
      const flagged = await registry.getPoint('puglia-9000003')
      expect(flagged?.sites[0]?.opening_hours_unparsed).toBe(true)
      expect(flagged?.sites[0]?.opening_hours_source).toBe('quando capita')
    })
  })

  it('reports a rejected duplicate row only as rejected, never among the warnings', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const [header, , bari] = readFileSync(PUGLIA_FILE, 'utf8').trimEnd().split('\n')
      const duplicateWithWarning = bari!.replace(',Bari,', ',Atlantide,') // same id as line 2, unknown comune: a warning
      const file = join(dir, 'duplicate.csv')
      writeFileSync(file, [header, bari, duplicateWithWarning].join('\n'))
      const report = await runImport({ input: file, registry, gazetteer, now })
      expect(report.points).toBe(1)
      expect(report.rejectedRows.map((r) => r.line)).toEqual([3])
      expect(report.warningRows.map((r) => r.line)).not.toContain(3)
    })
  })

  it('never loses stored points when a later file is full of bad rows', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      await runImport({ input: PUGLIA_FILE, registry, gazetteer, now })
      const before = (await registry.readAll()).records.map((p) => p.id).sort()
      const [header, ...rows] = readFileSync(PUGLIA_FILE, 'utf8').trimEnd().split('\n')
      const broken = [header, ...rows.map((r) => r.replace(/,(\d+\.\d+),(\d+\.\d+),/, ',nord,est,'))].join('\n')
      const file = join(dir, 'all-bad.csv')
      writeFileSync(file, broken)
      const report = await runImport({ input: file, registry, gazetteer, now })
      expect(report.rejected).toBe(3)
      expect(report.created + report.updated).toBe(0)
      expect((await registry.readAll()).records.map((p) => p.id).sort()).toEqual(before)
    })
  })

  it('writes nothing on a dry run but reports what it would do', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const report = await runImport({ input: PUGLIA_FILE, registry, gazetteer, now, dryRun: true })
      expect(report.points).toBe(3)
      expect([report.created, report.updated, report.unchanged]).toEqual([3, 0, 0])
      expect((await registry.readAll()).records).toEqual([])
      expect((await registry.getVersion()).version).toBe(0)
    })
  })

  it('joins the template rows of one point into one point with several sites', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const report = await runImport({ input: 'docs/examples/template-esempio.csv', registry, gazetteer, now })
      expect(report.format).toBe('template')
      expect(report.rejected).toBe(0)
      expect(report.points).toBeLessThan(report.read)
      const stored = (await registry.readAll()).records
      expect(stored.length).toBe(report.points)
      expect(stored.some((p) => p.sites.length >= 3 && p.sites.every((s) => s.kind === 'mobile'))).toBe(true)
    })
  })

  it("keeps a stored point whole when one of its rows is rejected: the point's other rows are held back, not written without that site", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      await runImport({ input: 'docs/examples/template-esempio.csv', registry, gazetteer, now })
      const pf001 = (await registry.readAll()).records.find((p) => p.source.original_id === 'PF-001')!
      expect(pf001.sites).toHaveLength(2)
      const lines = readFileSync('docs/examples/template-esempio.csv', 'utf8').split('\n')
      lines[2] = lines[2]!.replace(',43.4660,11.1475,', ',abc,11.1475,').replace('We 09:00-12:00', 'We 09:00-13:00')
      lines[1] = lines[1]!.replace(',Punto Digitale Facile Poggibonsi,', ',Punto Digitale Facile di Poggibonsi,')
      const file = join(dir, 'one-site-bad.csv')
      writeFileSync(file, lines.join('\n'))
      const report = await runImport({ input: file, registry, gazetteer, now })
      expect(report.updatedIds).not.toContain(pf001.id)
      expect(report.rejectedRows.map((r) => [r.line, r.errors.map((e) => e.field)])).toEqual([
        [2, ['(point)']],
        [3, ['latitudine']],
      ])
      expect(report.rejectedRows[0]!.errors[0]!.message).toContain('3')
      const after = await registry.getPoint(pf001.id)
      expect(after).toEqual(pf001)
    })
  })

  it("names the active points of the file's source that the file leaves out, which stay as they were (leaving one out never closed it, nor said so)", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = readFileSync('docs/examples/template-esempio.csv', 'utf8')
      const first = await runImport({ input: Readable.from([example]), registry, gazetteer, now })
      expect(first.absentIds).toEqual([])
      const [header, ...rows] = example.split('\n')
      // PF-002 left out; PF-003's row refused (bad coordinates); PF-001's id typed with a space
      // before it (the same point); another source's PF-002 (not this one): only PF-002 is absent.
      const otherSource = rows.find((r) => r.includes(',PF-002,'))!.replace('regione-esempio,PF-002,', 'altra-fonte,PF-002,')
      const next = [header, ...rows.filter((r) => !r.includes(',PF-002,')).map((r) => (r.includes(',PF-003,') ? r.replace(/,(\d+\.\d+),(\d+\.\d+),/, ',abc,$2,') : r.replace(',PF-001,', ', PF-001,'))), otherSource].join('\n')
      const report = await runImport({ input: Readable.from([next]), registry, gazetteer, now })
      const pf002 = first.createdIds.filter((id) => id.endsWith('pf-002'))
      expect(report.absentIds).toEqual(pf002)
      expect((await registry.getPoint(pf002[0]!))!.status).toBe('active')
    })
  })

  it('skips a row copied twice with a warning, and names both rows when two rows give one site id', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const lines = readFileSync('docs/examples/template-esempio.csv', 'utf8').split('\n')
      // PF-001's library row again at the end: the point is imported, the copy named.
      const copied = await runImport({ input: Readable.from([[...lines.filter(Boolean), lines[1]].join('\n')]), registry, gazetteer, now })
      expect(copied.rejected).toBe(0)
      expect((await registry.getPoint(copied.createdIds.find((id) => id.endsWith('pf-001'))!))!.sites).toHaveLength(2)
      const last = lines.filter(Boolean).length + 1
      expect(copied.warningRows.filter((w) => w.line === last).map((w) => w.errors)).toEqual([[{ field: 'id_sede', message: 'riga ripetuta (come riga 2): ignorata / same row as line 2: ignored' }]])
      // The copy written otherwise, as a sheet edited by several hands does (the code's leading zero
      // dropped, a decimal comma, a space after the name): the same values, so the same row.
      const retyped = lines[1]!.replace(',052022,', ',52022,').replace(',43.4668,', ',"43,4668",').replace(',Biblioteca comunale,', ',Biblioteca comunale ,')
      const again = await runImport({ input: Readable.from([[...lines.filter(Boolean), retyped].join('\n')]), registry, gazetteer, now, dryRun: true })
      expect(again.rejected).toBe(0)
      expect(again.warningRows.filter((w) => w.line === last).flatMap((w) => w.errors.map((e) => e.message))).toContain('riga ripetuta (come riga 2): ignorata / same row as line 2: ignored')
      // The URP row given the library's id_sede: both rows named, the point held back as it is.
      const clash = [...lines]
      clash[2] = clash[2]!.replace(',urp,fissa,', ',biblioteca,fissa,')
      const report = await runImport({ input: Readable.from([clash.join('\n')]), registry, gazetteer, now })
      expect(report.rejectedRows.filter((r) => r.line === 3).map((r) => r.errors[0]!.message)).toEqual([
        'la sede "biblioteca" è già nella riga 2: dare a ogni sede il suo id_sede / site "biblioteca" is already on line 2: give each site its own id_sede',
      ])
      expect(report.rejectedRows.filter((r) => r.line === 2).map((r) => r.errors[0]!.field)).toEqual(['(point)'])
    })
  })

  it('skips the header row pasted again inside the file (two sheets joined) with a warning that says so, instead of rejecting it field by field', async () => {
    await withLocalRegistry(async (fixture) => {
      const lines = readFileSync('docs/examples/template-esempio.csv', 'utf8').split('\n').filter(Boolean)
      const joined = [...lines.slice(0, 3), lines[0]!, ...lines.slice(3)].join('\n')
      const report = await runImport({ input: Readable.from([joined]), registry: fixture.registry(), gazetteer, now, dryRun: true })
      expect(report.rejected).toBe(0)
      expect(report.warningRows.filter((w) => w.line === 4).map((w) => w.errors)).toEqual([[{ field: '(row)', message: "riga d'intestazione ripetuta (come la riga 1): ignorata / the header row again (as line 1): ignored" }]])
      expect(report.points).toBe(6)
    })
  })

  it("never reopens a point the region closed, and names each point whose operator's change it replaces", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      await runImport({ input: 'docs/examples/template-esempio.csv', registry, gazetteer, now })
      const [closedOne, editedOne] = (await registry.readAll()).records.filter((p) => p.status === 'active').sort((a, b) => a.id.localeCompare(b.id))
      const editor = { id: 'toscana-1', name: 'editor@regione.toscana.it' }
      const { version: _v, updated_at: _u, ...closing } = closedOne!
      await registry.putPoint({ ...closing, status: 'closed' }, closedOne!.version, { author: editor, reason: 'Chiuso dal Comune a novembre' })
      const { version: _v2, updated_at: _u2, ...editing } = editedOne!
      await registry.putPoint({ ...editing, name: `${editing.name} (nome corretto in gestione)` }, editedOne!.version, { author: editor })
      const report = await runImport({ input: 'docs/examples/template-esempio.csv', registry, gazetteer, now })
      expect((await registry.getPoint(closedOne!.id))?.status).toBe('closed')
      expect(report.updatedIds).not.toContain(closedOne!.id)
      expect(report.notices).toEqual([
        expect.objectContaining({ id: closedOne!.id, kind: 'kept_closed', by: 'editor@regione.toscana.it', reason: 'Chiuso dal Comune a novembre' }),
        expect.objectContaining({ id: editedOne!.id, kind: 'replaced_operator_change', by: 'editor@regione.toscana.it' }),
      ])
      expect(report.updatedIds).toContain(editedOne!.id)
    })
  })

  it("names a point in another region than the rest of its source's points: a row of another office's list slipped in", async () => {
    await withLocalRegistry(async (fixture) => {
      const lines = readFileSync('docs/examples/template-esempio.csv', 'utf8').split('\n').filter(Boolean)
      // Five more Tuscan points, and one in Umbria (Città di Castello) under the same source.
      const tuscan = [2, 3, 4, 5, 6].map((n) => lines[1]!.replace(',PF-001,', `,PF-10${n},`))
      const umbrian = lines[1]!.replace(',PF-001,', ',PF-301,').replace(',052022,Poggibonsi,SI,', ',054013,Città di Castello,PG,').replace(',43.4668,11.1490,', ',43.4576,12.2391,')
      const report = await runImport({ input: Readable.from([[...lines, ...tuscan, umbrian].join('\n')]), registry: fixture.registry(), gazetteer, now, dryRun: true })
      expect(report.rejected).toBe(0)
      // (The example's own Bolzano point is one too: the example mixes regions on purpose.)
      expect(report.otherRegion).toEqual([
        { id: 'regione-esempio-pf-006', region: 'Trentino-Alto Adige/Südtirol', usual: 'Toscana' },
        { id: 'regione-esempio-pf-301', region: 'Umbria', usual: 'Toscana' },
      ])
      expect(report.warningRows.find((w) => w.id === 'regione-esempio-pf-301')?.errors.map((e) => e.field)).toContain('(point)')
    })
  })

  it('reopens a point a file closed when a later file says it is open again: only a closing decided in the console stays', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = readFileSync('docs/examples/template-esempio.csv', 'utf8')
      await runImport({ input: Readable.from([example]), registry, gazetteer, now })
      const closedByFile = example.replace(',PF-003,Punto Digitale Facile estivo della Pescaia,attivo,', ',PF-003,Punto Digitale Facile estivo della Pescaia,chiuso,')
      await runImport({ input: Readable.from([closedByFile]), registry, gazetteer, now })
      expect((await registry.getPoint('regione-esempio-pf-003'))!.status).toBe('closed')
      const reopened = await runImport({ input: Readable.from([example]), registry, gazetteer, now })
      expect((await registry.getPoint('regione-esempio-pf-003'))!.status).toBe('active')
      expect([reopened.updatedIds, reopened.notices]).toEqual([['regione-esempio-pf-003'], []])
    })
  })

  it("keeps a stored contact or CAP when this week's file has a value it cannot read there (a typo must not wipe a good number), and empties it when the cell is empty", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = readFileSync('docs/examples/template-esempio.csv', 'utf8')
      await runImport({ input: Readable.from([example]), registry, gazetteer, now })
      const colle = example.split('\n').find((line) => line.includes(',PF-005,'))!
      const typos = colle.replace(',0577 000005,colle@example.org,', ',non disponibile,colle@,').replace(',53034,', ',5303,')
      expect(typos).not.toBe(colle)
      for (const dryRun of [true, false]) {
        const report = await runImport({ input: Readable.from([example.replace(colle, typos)]), registry, gazetteer, now, dryRun })
        // Nothing the file could read differs from what is stored: the point is unchanged.
        expect([report.updatedIds, report.unchanged], `dry run: ${dryRun}`).toEqual([[], 6])
        const said = report.warningRows.filter((row) => row.id === 'regione-esempio-pf-005').flatMap((row) => row.errors)
        expect(said.map((e) => e.field).sort()).toEqual(['cap', 'email', 'telefono'])
        for (const { message } of said) expect(message).toMatch(/resta il valore già registrato.*\/.*the value already stored is kept/)
      }
      const kept = (await registry.getPoint('regione-esempio-pf-005'))!
      expect([kept.contacts.phone, kept.contacts.email, kept.sites[0]!.address?.postcode]).toEqual(['0577 000005', 'colle@example.org', '53034'])
      // A CAP belongs to its street: a site (by its id_sede) moved to another street keeps no old CAP it may not have.
      const library = example.split('\n').find((line) => line.includes(',PF-001,') && line.includes(',biblioteca,'))!
      const moved = library.replace('"Via della Repubblica, 10",53036,', '"Via Nuova, 1",5303,')
      expect(moved).not.toBe(library)
      await runImport({ input: Readable.from([example.replace(library, moved)]), registry, gazetteer, now })
      const site = (await registry.getPoint('regione-esempio-pf-001'))!.sites.find((s) => s.id === 'biblioteca')!
      expect([site.address?.street, site.address?.postcode ?? null]).toEqual(['Via Nuova, 1', null])
      // An empty cell is the sender's word: the value goes.
      await runImport({ input: Readable.from([example.replace(colle, colle.replace(',0577 000005,', ',,'))]), registry, gazetteer, now })
      expect((await registry.getPoint('regione-esempio-pf-005'))!.contacts.phone).toBeNull()
    })
  })

  it('refuses a file that is not UTF-8 as a whole, storing nothing, and imports it when its encoding is given', async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const text = readFileSync(PUGLIA_FILE, 'utf8')
      // As Excel on Windows saves "CSV": Windows-1252, where ’ is 0x92 and the accented letters are Latin-1.
      const windows1252 = Buffer.from(text.replace(/\u2019/g, '\x92'), 'latin1')
      const file = join(dir, 'puglia-windows-1252.csv')
      writeFileSync(file, windows1252)
      const refused = await runImport({ input: file, registry, gazetteer, now }).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(refused).toBeInstanceOf(UnreadableFileError)
      expect((refused as Error).message).toMatch(/not valid UTF-8: invalid byte 0x[0-9A-F]{2} on line 4 .*--encoding latin1/)
      expect((await registry.getVersion()).version).toBe(0)
      expect((await registry.readAll()).records).toEqual([])

      const report = await runImport({ input: file, encoding: 'windows-1252', registry, gazetteer, now })
      expect(report.created).toBe(3)
      const stored = (await registry.readAll()).records
      expect(JSON.stringify(stored)).toContain('dell\u2019ambito')
      expect(JSON.stringify(stored)).not.toContain('\uFFFD')
    })
  })

  it("reads a template header as a spreadsheet writes it, names a column it does not know, and stops on a near miss before writing anything", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const example = readFileSync('docs/examples/template-esempio.csv', 'utf8')
      const [header, ...rows] = example.split('\n')
      await runImport({ input: Readable.from([example]), registry, gazetteer, now })
      const hoursBefore = (await registry.getPoint('regione-esempio-pf-001'))!.sites[0]!.opening_hours
      expect(Object.keys(hoursBefore ?? {}).length).toBeGreaterThan(0)
      // Capitals, spaces and an added column of the office's own: the same points, and the column named once.
      const typed = [`${header!.replace('orari', 'Orari').replace('nome_punto', 'Nome punto').replace('email', 'E-mail')},note interne`, ...rows.map((r) => (r ? `${r},` : r))].join('\n')
      const again = await runImport({ input: Readable.from([typed]), registry, gazetteer, now })
      expect([again.created, again.updated, again.rejected]).toEqual([0, 0, 0])
      expect(again.warningRows.filter((w) => w.line === 1).map((w) => w.errors.map((e) => e.field))).toEqual([['note interne']])
      // A misspelt column would empty the hours of every point: nothing is written, and the column is named.
      const misspelt = [header!.replace('orari', 'orario'), ...rows].join('\n')
      await expect(runImport({ input: Readable.from([misspelt]), fileLabel: 'mese2.csv', registry, gazetteer, now })).rejects.toThrow(
        /^mese2\.csv: colonne sconosciute «orario» \(forse «orari»\?\): correggere l'intestazione/,
      )
      expect((await registry.getPoint('regione-esempio-pf-001'))!.sites[0]!.opening_hours).toEqual(hoursBefore)
      // A column renamed in words around its name ("Orari di apertura", "Telefono/cellulare") would
      // do the same: it stops the import too, naming the column meant.
      const reworded = [header!.replace('orari', 'Orari di apertura').replace('telefono', 'Telefono/cellulare'), ...rows].join('\n')
      await expect(runImport({ input: Readable.from([reworded]), fileLabel: 'mese3.csv', registry, gazetteer, now })).rejects.toThrow(
        /^mese3\.csv: colonne sconosciute «Orari di apertura» \(forse «orari»\?\), «Telefono\/cellulare» \(forse «telefono»\?\)/,
      )
      expect(again.ignoredColumns).toEqual(['note interne'])
      // An office's own column that names a column with words of its own ("Email referente",
      // "Indirizzo PEC") is another column, not the template's one misspelt: named and ignored.
      const withoutContacts = [header!.replace(',email,', ',Email referente,').replace(',indirizzo,', ',Indirizzo PEC,'), ...rows].join('\n')
      const own = await runImport({ input: Readable.from([withoutContacts]), registry, gazetteer, now, dryRun: true })
      expect(own.ignoredColumns).toEqual(['Indirizzo PEC', 'Email referente'])
    })
  })

  it("reads a quote inside a cell as written, and refuses a file whose reading breaks half-way (a quote never closed) without writing anything: the points after the break are not absent, nor their sites lost", async () => {
    await withLocalRegistry(async (fixture) => {
      const registry = fixture.registry()
      const lines = readFileSync('docs/examples/template-esempio.csv', 'utf8').split('\n')
      await runImport({ input: Readable.from([lines.join('\n')]), registry, gazetteer, now })
      const before = await registry.readAll()
      // A hand-typed name with quotes in it, not quoted as a whole: read as written, every point kept.
      const quoted = [...lines]
      quoted[3] = quoted[3]!.replace(',Fermata di Pienza,', ',Fermata "Mercato" di Pienza,')
      const report = await runImport({ input: Readable.from([quoted.join('\n')]), registry, gazetteer, now, dryRun: true })
      expect([report.rejected, report.points, report.absentIds]).toEqual([0, 6, []])
      // A quote opened on line 10 and never closed swallows the rest of the file: nothing is written.
      const broken = [...lines]
      broken[9] = broken[9]!.replace(',Sportello civico,', ',"Sportello civico,')
      const refused = await runImport({ input: Readable.from([broken.join('\n')]), fileLabel: 'settimana2.csv', registry, gazetteer, now }).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(refused).toBeInstanceOf(UnreadableFileError)
      expect((refused as Error).message).toMatch(/^settimana2\.csv: .*riga 10.*virgolett.*nulla è stato importato/)
      expect(await registry.readAll()).toEqual(before)
      // On the first row too, and after empty lines: the line where the quote opens.
      const early = [lines[0], '', lines[9]!.replace(',Sportello civico,', ',"Sportello civico,')].join('\n')
      await expect(runImport({ input: Readable.from([early]), fileLabel: 'early.csv', registry, gazetteer, now })).rejects.toThrow(/^early\.csv: alla riga 3 una cella si apre con le virgolette/)
    })
  })

  it('refuses a file whose header matches no format, naming the columns it saw', async () => {
    const stream = Readable.from(['nome,via,orario\nBiblioteca,Via Roma 1,9-12\n'])
    // Italian first, as every message to the offices that send files.
    await expect(runImport({ input: stream, fileLabel: 'strano.csv', registry: local.registry(), gazetteer, now })).rejects.toThrow(
      /^strano\.csv: formato non riconosciuto dall'intestazione \(colonne: nome, via, orario…\).* \/ format not recognised from its header \(columns: nome, via, orario…\)/,
    )
    await expect(runImport({ input: Readable.from(['x']), format: 'puglia', registry: local.registry(), gazetteer, now })).rejects.toBeInstanceOf(UnreadableFileError)
  })
})
