import { describe, expect, it } from 'vitest'
import { templateFormat } from '../../../../functions/import/formats/template.ts'
import { TEMPLATE_COLUMNS } from '../../../../functions/import/formats/template-columns.ts'
import { mergeDrafts } from '../../../../functions/import/formats/merge-drafts.ts'
import { validateDraft } from '../../../../functions/import/formats/validate-draft.ts'
import type { PointDraft } from '../../../../shared/schemas/point.ts'
import { ctx, draftOf, errorsOf, docsPath, rowsOf } from './fixture-rows.ts'

const ROW: Record<string, string> = {
  fonte: 'regione-test', id_punto: 'P1', nome_punto: 'Punto Test', stato: 'attivo', ente_gestore: 'Comune di Bari',
  tipo_ente: 'comune', codice_istat_comune: '072006', comune: 'Bari', indirizzo: 'Via Sparano 1', cap: '70121',
  tipo_sede: 'fissa', latitudine: '41.1240', longitudine: '16.8700', orari: 'Mo-Fr 09:00-13:00',
}
/** Reads the example file and merges drafts by id, as the import pipeline does. */
async function examplePoints(): Promise<Map<string, PointDraft>> {
  const { rows } = await rowsOf(docsPath('examples/template-esempio.csv'))
  const points = new Map<string, PointDraft>()
  for (const { row } of rows) {
    const { draft } = draftOf(templateFormat.toDraft(row, ctx))
    const existing = points.get(draft.id)
    points.set(draft.id, existing ? mergeDrafts(existing, draft) : draft)
  }
  return points
}

describe('templateFormat on the example file', () => {
  it('has every documented column', async () => {
    const { header } = await rowsOf(docsPath('examples/template-esempio.csv'))
    expect(header).toEqual([...TEMPLATE_COLUMNS])
  })

  it('turns the nine example rows into six valid points', async () => {
    const points = await examplePoints()
    expect([...points.keys()]).toEqual([
      'regione-esempio-pf-001', 'regione-esempio-pf-002', 'regione-esempio-pf-003',
      'regione-esempio-pf-004', 'regione-esempio-pf-005', 'regione-esempio-pf-006',
    ])
    for (const draft of points.values()) expect(validateDraft(draft).ok).toBe(true)
  })

  it('makes the mobile unit one point with three mobile sites in three comuni', async () => {
    const bus = (await examplePoints()).get('regione-esempio-pf-002')!
    expect(bus.sites.map((s) => [s.kind, s.comune?.istat])).toEqual([['mobile', '052021'], ['mobile', '052030'], ['mobile', '052007']])
    expect(bus.sites.map((s) => s.id)).toEqual(['pienza', 'san-quirico', 'castiglione'])
  })

  it('reads a yearly season written the Italian way', async () => {
    const seasonal = (await examplePoints()).get('regione-esempio-pf-003')!
    expect(seasonal.sites[0]).toMatchObject({ kind: 'seasonal', valid_from: '--06-15', valid_to: '--09-15' })
  })

  it('keeps an online site without location or address', async () => {
    const online = (await examplePoints()).get('regione-esempio-pf-004')!
    expect(online.sites[0]!.kind).toBe('online')
    expect(online.sites[0]!.location).toBeUndefined()
    expect(online.sites[0]!.address).toBeNull()
  })

  it('resolves a comune given by its bilingual name', async () => {
    const bolzano = (await examplePoints()).get('regione-esempio-pf-006')!
    expect(bolzano).toMatchObject({ comune: { istat: '021008', name: 'Bolzano' }, province: 'BZ', status: 'suspended', languages: ['it', 'de'] })
  })

  it('gives the same point and site ids when the file is read twice', async () => {
    const ids = async () => [...(await examplePoints()).values()].flatMap((p) => p.sites.map((s) => `${p.id}/${s.id}`))
    expect(await ids()).toEqual(await ids())
  })
})

describe('templateFormat on single rows', () => {
  it('maps a complete row', () => {
    const { draft, warnings } = draftOf(templateFormat.toDraft({ ...ROW, servizi: 'formazione_gruppo', temi: 'spid|CIE', prenotazione: 'Libero accesso', accessibile: 'sì' }, ctx))
    expect(warnings).toEqual([])
    expect(draft).toMatchObject({
      id: 'regione-test-p1',
      operator: { name: 'Comune di Bari', type: 'comune' },
      region: { istat: '16' },
      province: 'BA',
      services: ['assistenza_individuale', 'formazione_gruppo'],
      topics: ['spid', 'cie'],
      booking: 'walk_in',
      languages: ['it'],
      accessibility: { step_free: true, notes: null },
      source: { dataset: 'regione-test', original_id: 'P1' },
    })
    expect(draft.sites[0]).toMatchObject({ kind: 'fixed', opening_hours: { mo: [{ start: '09:00', end: '13:00' }] } })
    // The text is exactly how the registry writes that week: keeping it would say nothing more.
    expect(draft.sites[0]).not.toHaveProperty('opening_hours_source')
  })

  it('keeps the hours text as published when it is written otherwise than the registry would', () => {
    const { draft } = draftOf(templateFormat.toDraft({ ...ROW, orari: 'dal lunedì al venerdì dalle 9 alle 13' }, ctx))
    expect(draft.sites[0]).toMatchObject({ opening_hours_source: 'dal lunedì al venerdì dalle 9 alle 13', opening_hours: { mo: [{ start: '09:00', end: '13:00' }] } })
  })

  it('reads holidays, closures and dated stops, and says which entry it could not read', () => {
    const { draft, warnings } = draftOf(templateFormat.toDraft({
      ...ROW, tipo_sede: 'mobile', festivi: 'aperto',
      chiusure: '2026-08-10/2026-08-21 Ferie \\| estate | 24/12/2026 | 2026-13-01',
      fermate: '2026-12-12 9.30-12:30 @ 41.12,16.87 (072006) Mercato | domani @ 41,16 Fiera',
    }, ctx))
    expect(draft.sites[0]).toMatchObject({
      public_holidays: 'open',
      closures: [{ from: '2026-08-10', to: '2026-08-21', reason: 'Ferie | estate' }, { from: '2026-12-24', to: '2026-12-24' }],
      stops: [{ date: '2026-12-12', start: '09:30', end: '12:30', place: { label: 'Mercato', comune_istat: '072006', location: { lat: 41.12, lon: 16.87 } } }],
    })
    expect(warnings.map((w) => [w.field, w.message.slice(0, 20)])).toEqual([['chiusure', '"2026-13-01" non è u'], ['fermate', '"domani @ 41,16 Fier']])
  })

  it('takes the PuntoVicino id when the row gives one, and refuses one that cannot be an id', () => {
    expect(draftOf(templateFormat.toDraft({ ...ROW, id_puntovicino: 'demo-16-0001' }, ctx)).draft.id).toBe('demo-16-0001')
    expect(errorsOf(templateFormat.toDraft({ ...ROW, id_puntovicino: 'Non Va' }, ctx)).map((e) => e.field)).toEqual(['id_puntovicino'])
  })

  it('gives back the leading zeros a spreadsheet took from an ISTAT code or a CAP, and says so', () => {
    const { draft, warnings } = draftOf(templateFormat.toDraft({ ...ROW, codice_istat_comune: '72006', cap: '70121' }, ctx))
    expect(draft.sites[0]!.comune).toEqual({ istat: '072006', name: 'Bari' })
    expect(warnings.map((w) => w.field)).toEqual(['codice_istat_comune'])
    const rome = draftOf(templateFormat.toDraft({ ...ROW, codice_istat_comune: '58091', comune: 'Roma', cap: '184', latitudine: '41.89', longitudine: '12.49' }, ctx))
    expect(rome.draft.sites[0]!.address?.postcode).toBe('00184')
    // The point's own CAP too (Lazio's and Sardegna's went "01012" → "1012" on a round trip).
    const seat = draftOf(templateFormat.toDraft({ ...ROW, codice_istat_comune: '58091', comune: 'Roma', cap: '184', latitudine: '41.89', longitudine: '12.49', indirizzo_punto: 'Via del Corso 1', cap_punto: '186' }, ctx))
    expect(seat.draft.address).toEqual({ street: 'Via del Corso 1', postcode: '00186' })
  })

  it("gives a landline back the 0 a spreadsheet took as a number's (0585 000001 came back 585000001), and leaves a mobile or a toll-free number as it is", () => {
    const phone = (telefono: string) => draftOf(templateFormat.toDraft({ ...ROW, telefono }, ctx))
    const landline = phone('585000001')
    expect(landline.draft.contacts.phone).toBe('0585000001')
    expect(landline.warnings.map((w) => w.field)).toEqual(['telefono'])
    expect(phone('612345678').draft.contacts.phone).toBe('0612345678')
    expect(phone('3331234567').draft.contacts.phone).toBe('3331234567')
    expect(phone('800123456').draft.contacts.phone).toBe('800123456')
    expect(phone('075 577 0005').draft.contacts.phone).toBe('075 577 0005')
  })

  it("keeps a stored point's values where the file has no column for them (an office deleted \"descrizione\" it did not need, and every description was emptied)", async () => {
    const { withKeptValues } = await import('../../../../shared/registry/kept-values.ts')
    const { descrizione: _d, note_accessibilita: _n, accessibile: _a, telefono: _t, ...without } = { ...ROW, descrizione: 'x', note_accessibilita: 'y', accessibile: 'si', telefono: '080 000 0000' }
    const result = draftOf(templateFormat.toDraft(without, ctx))
    const stored = { ...result.draft, version: 3, updated_at: '2026-11-01T10:00:00Z', description: 'Sportello al piano terra', accessibility: { step_free: true, notes: 'Rampa laterale' }, contacts: { ...result.draft.contacts, phone: '080 111 2222' } }
    const merged = withKeptValues(result.draft, stored as never, result.kept)
    expect(merged.description).toBe('Sportello al piano terra')
    expect(merged.accessibility).toEqual({ step_free: true, notes: 'Rampa laterale' })
    expect(merged.contacts.phone).toBe('080 111 2222')
    // A column present but empty is the sender's word: emptied.
    const emptied = draftOf(templateFormat.toDraft({ ...ROW, descrizione: '' }, ctx))
    expect(withKeptValues(emptied.draft, stored as never, emptied.kept).description).toBeNull()
  })

  it('reads the yes and no of Italian Excel (VERO, FALSO) in accessibile, and keeps the stored answer for one it cannot read', () => {
    expect(draftOf(templateFormat.toDraft({ ...ROW, accessibile: 'VERO' }, ctx)).draft.accessibility.step_free).toBe(true)
    expect(draftOf(templateFormat.toDraft({ ...ROW, accessibile: 'falso' }, ctx)).draft.accessibility.step_free).toBe(false)
    const unread = draftOf(templateFormat.toDraft({ ...ROW, accessibile: 'forse' }, ctx))
    expect(unread.kept).toContainEqual({ of: 'point', field: 'step_free' })
    expect(unread.warnings.find((w) => w.field === 'accessibile')!.message).toContain('resta quello registrato')
  })

  it('warns when a season is all in the past (a typed 15/06 a spreadsheet saved as 15/06/2026), the site kept', () => {
    const seasonal = { ...ROW, tipo_sede: 'stagionale' }
    const past = draftOf(templateFormat.toDraft({ ...seasonal, valido_dal: '15/06/2026', valido_al: '15/09/2026' }, ctx))
    expect(past.warnings.find((w) => w.field === 'valido_al')!.message).toMatch(/^la stagione è finita il 2026-09-15/)
    expect(draftOf(templateFormat.toDraft({ ...seasonal, valido_dal: '15/06', valido_al: '15/09' }, ctx)).warnings.filter((w) => w.field === 'valido_al')).toEqual([])
  })

  it('rejects an ISTAT code and a name that disagree', () => {
    expect(errorsOf(templateFormat.toDraft({ ...ROW, comune: 'Lecce' }, ctx))).toEqual([
      { field: 'comune', message: '"Lecce" non corrisponde al codice ISTAT 072006, che è Bari / "Lecce" does not match ISTAT code 072006, which is Bari' },
    ])
  })

  it('reads the province as its sigla or its name, and takes the ISTAT code over a province that disagrees, with a warning (provincia is optional: a wrong value never loses the row)', () => {
    const disagreeing = draftOf(templateFormat.toDraft({ ...ROW, provincia: 'LE' }, ctx))
    expect(disagreeing.draft.comune.istat).toBe('072006')
    expect(disagreeing.warnings).toEqual([
      {
        field: 'provincia',
        message: '"LE" non corrisponde al codice ISTAT 072006, che è Bari (BA): vale il codice / "LE" does not match ISTAT code 072006, which is Bari (BA): the code wins',
      },
    ])
    // Written out, as offices do: the same as its sigla.
    expect(draftOf(templateFormat.toDraft({ ...ROW, provincia: 'Bari' }, ctx)).warnings).toEqual([])
    const byName = { ...ROW, tipo_sede: 'online', codice_istat_comune: '', latitudine: '', longitudine: '' }
    expect(draftOf(templateFormat.toDraft({ ...byName, comune: 'Castro', provincia: 'Lecce' }, ctx)).draft.comune.istat).toBe('075096')
    expect(draftOf(templateFormat.toDraft({ ...byName, comune: 'Merano', provincia: 'Bolzano/Bozen' }, ctx)).draft.comune.name).toBe('Merano')
    // A province the named comune is not in: the name says which comune, the province is set aside, said.
    const elsewhere = draftOf(templateFormat.toDraft({ ...byName, comune: 'Todi', provincia: 'TR' }, ctx))
    expect([elsewhere.draft.comune.name, elsewhere.warnings.map((w) => w.field)]).toEqual(['Todi', ['provincia']])
    // No province at all: ignored, said, and the comune found by its name.
    const unknown = draftOf(templateFormat.toDraft({ ...byName, comune: 'Bari', provincia: 'Puglia' }, ctx))
    expect([unknown.draft.comune.istat, unknown.warnings.map((w) => w.message)]).toEqual(['072006', ['"Puglia" non è una provincia (sigla o nome): ignorata / "Puglia" is not a province (sigla or name): ignored']])
  })

  it('rejects an unknown comune or ISTAT code', () => {
    expect(errorsOf(templateFormat.toDraft({ ...ROW, codice_istat_comune: '', comune: 'Atlantide' }, ctx))).toEqual([
      { field: 'comune', message: 'comune sconosciuto "Atlantide" / unknown comune "Atlantide"' },
    ])
    expect(errorsOf(templateFormat.toDraft({ ...ROW, codice_istat_comune: '999999' }, ctx)).map((e) => e.field)).toEqual(['codice_istat_comune'])
  })

  it('asks for the province or the code when a name is shared and there are no coordinates', () => {
    const online = { ...ROW, tipo_sede: 'online', codice_istat_comune: '', comune: 'Castro', latitudine: '', longitudine: '' }
    expect(errorsOf(templateFormat.toDraft(online, ctx))[0]!.message).toMatch(/^"Castro" è ambiguo: .*; indicare la provincia o il codice ISTAT \/ "Castro" is ambiguous: /)
    expect(draftOf(templateFormat.toDraft({ ...online, provincia: 'LE' }, ctx)).draft.comune.istat).toBe('075096')
  })

  it('rejects missing required columns and bad coordinates, naming each column', () => {
    const errors = errorsOf(templateFormat.toDraft({ ...ROW, fonte: '', nome_punto: '', tipo_ente: 'parrocchia', latitudine: 'x' }, ctx))
    expect(errors.map((e) => e.field)).toEqual(['fonte', 'nome_punto', 'tipo_ente', 'latitudine'])
    expect(errors[0]!.message).toBe('manca la fonte (chi invia il file) / the source (who sends the file) is missing')
    expect(errors[2]!.message).toMatch(/^"parrocchia" non è tra comune, .*, altro \/ "parrocchia" is not one of comune, .*, altro$/)
  })

  it('reads booking and holidays as offices write them, and leaves a value it cannot read to its default with a warning, the row kept', () => {
    expect(draftOf(templateFormat.toDraft({ ...ROW, prenotazione: 'su appuntamento', festivi: 'chiusi' }, ctx)).draft).toMatchObject({ booking: 'appointment', sites: [{ public_holidays: 'closed' }] })
    expect(draftOf(templateFormat.toDraft({ ...ROW, prenotazione: 'accesso libero', festivi: 'aperti' }, ctx)).draft).toMatchObject({ booking: 'walk_in', sites: [{ public_holidays: 'open' }] })
    const unread = draftOf(templateFormat.toDraft({ ...ROW, prenotazione: 'telefonare prima', festivi: 'dipende', valido_dal: "tutto l'anno" }, ctx))
    expect(unread.draft.booking).toBe('both')
    expect(unread.draft.sites[0]!.public_holidays).toBeUndefined()
    expect(unread.warnings.map((w) => w.field)).toEqual(['prenotazione', 'festivi', 'valido_dal'])
    expect(unread.warnings[0]!.message).toBe('"telefonare prima" non è tra libero_accesso, appuntamento, entrambi: vale entrambi / "telefonare prima" is not one of libero_accesso, appuntamento, entrambi: entrambi is taken')
  })

  it('rejects a seasonal site without its dates and a date that is not one', () => {
    expect(errorsOf(templateFormat.toDraft({ ...ROW, tipo_sede: 'stagionale' }, ctx)).map((e) => e.field)).toEqual(['valido_dal'])
    expect(errorsOf(templateFormat.toDraft({ ...ROW, tipo_sede: 'stagionale', valido_dal: '31/02/2026', valido_al: '2026-09-15' }, ctx)).map((e) => e.field)).toEqual(['valido_dal'])
  })

  it("reads Italian day names as Italian, not as the OSM library's guesses, and takes no time without days for every day", () => {
    const hoursOf = (orari: string) => draftOf(templateFormat.toDraft({ ...ROW, orari }, ctx))
    // "mar" is Tuesday, not March: the library's lenient reading gave an empty week, shown closed every day.
    expect(hoursOf('mar 9-13').draft.sites[0]!.opening_hours).toEqual({ tu: [{ start: '09:00', end: '13:00' }] })
    // The Tuesday afternoons were lost.
    expect(hoursOf('lun-ven 9-13; mar e gio 15-18').draft.sites[0]!.opening_hours).toMatchObject({ tu: [{ start: '09:00', end: '13:00' }, { start: '15:00', end: '18:00' }], th: [{ start: '09:00', end: '13:00' }, { start: '15:00', end: '18:00' }], we: [{ start: '09:00', end: '13:00' }] })
    // A time alone was every day, Sunday included: kept as text, with a warning, for the region to say the days.
    for (const orari of ['9-13', '09:00 – 13:00', '9.00-13.00', '09:00-13:00']) {
      const { draft, warnings } = hoursOf(orari)
      expect(draft.sites[0], orari).toMatchObject({ opening_hours_source: orari, opening_hours_unparsed: true })
      expect(warnings.map((w) => w.field), orari).toEqual(['opening_hours'])
    }
    // OSM as people write it still reads: hours without minutes, an en dash, a round-the-clock week.
    expect(hoursOf('Mo-Fr 9-13').draft.sites[0]!.opening_hours).toMatchObject({ mo: [{ start: '09:00', end: '13:00' }], fr: [{ start: '09:00', end: '13:00' }] })
    expect(hoursOf('Mo-Fr 09:00–13:00; PH off').draft.sites[0]!.opening_hours).toMatchObject({ mo: [{ start: '09:00', end: '13:00' }] })
    expect(hoursOf('24/7').draft.sites[0]!.opening_hours).toMatchObject({ su: [{ start: '00:00', end: '24:00' }] })
    // Punctuation the library frowns on reads the same: a trailing ;, Mo-Fr:, 13:00h.
    for (const orari of ['Mo-Fr 09:00-13:00;', 'Mo-Fr: 09:00-13:00', 'Mo-Fr 09:00-13:00h']) expect(hoursOf(orari).draft.sites[0]!.opening_hours, orari).toMatchObject({ mo: [{ start: '09:00', end: '13:00' }] })
    // A value the library cannot evaluate (school holidays, not in its data for Italy) is kept as text, not thrown: it stopped the whole file.
    // And `PH off` alone says nothing of the week: kept as text, not stored as a week without hours.
    for (const orari of ['Mo-Fr 09:00-13:00; SH off', 'PH off']) {
      const { draft, warnings } = hoursOf(orari)
      expect(draft.sites[0], orari).toMatchObject({ opening_hours_source: orari, opening_hours_unparsed: true })
      expect(warnings.map((w) => w.field), orari).toEqual(['opening_hours'])
    }
  })

  it('cuts a description or an accessibility note longer than the registry holds, with a warning, instead of refusing the row', () => {
    const { draft, warnings } = draftOf(templateFormat.toDraft({ ...ROW, descrizione: 'x'.repeat(2001), note_accessibilita: 'y'.repeat(501) }, ctx))
    expect([draft.description?.length, draft.description?.endsWith('…'), draft.accessibility.notes?.length]).toEqual([2000, true, 500])
    expect(warnings.map((w) => w.field)).toEqual(['note_accessibilita', 'descrizione'])
    expect(warnings[1]!.message).toBe('2001 caratteri, il massimo è 2000: tagliato a 2000 / 2001 characters, at most 2000: cut to 2000')
    // Never inside a character written with two units: no lone half of an emoji.
    const emoji = draftOf(templateFormat.toDraft({ ...ROW, descrizione: `${'x'.repeat(1998)}😀😀` }, ctx)).draft.description!
    expect([emoji.length <= 2000, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji)]).toEqual([true, false])
  })

  it('keeps unreadable hours as text with a warning', () => {
    const { draft, warnings } = draftOf(templateFormat.toDraft({ ...ROW, orari: 'quando capita' }, ctx))
    expect(draft.sites[0]).toMatchObject({ opening_hours_source: 'quando capita', opening_hours_unparsed: true })
    expect(warnings.map((w) => w.field)).toEqual(['opening_hours'])
  })

  it('warns about and drops invalid optional values instead of rejecting the row', () => {
    const { draft, warnings } = draftOf(templateFormat.toDraft({ ...ROW, email: 'nessuna', cap: '7012', temi: 'spid|oroscopo', accessibile: 'forse', lingue: 'it|italiano' }, ctx))
    expect(draft.contacts.email).toBeNull()
    expect(draft.address.postcode).toBeNull()
    expect(draft.topics).toEqual(['spid'])
    expect(draft.accessibility.step_free).toBeNull()
    expect(new Set(warnings.map((w) => w.field))).toEqual(new Set(['temi', 'lingue', 'cap', 'accessibile', 'email']))
  })

  it('derives a stable site id from the content when id_sede is empty', () => {
    const a = draftOf(templateFormat.toDraft(ROW, ctx)).draft.sites[0]!.id
    expect(a).toMatch(/^sede-[0-9a-f]{8}$/)
    expect(draftOf(templateFormat.toDraft({ ...ROW }, ctx)).draft.sites[0]!.id).toBe(a)
    expect(draftOf(templateFormat.toDraft({ ...ROW, indirizzo: 'Via Altra 2' }, ctx)).draft.sites[0]!.id).not.toBe(a)
  })
})
