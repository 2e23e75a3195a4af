import { describe, expect, it } from 'vitest'
import { pugliaFormat } from '../../../../functions/import/formats/puglia.ts'
import { ctx, draftOf, errorsOf, fixturePath, rowsOf } from './fixture-rows.ts'

const fixture = async () => (await rowsOf(fixturePath('it_puglia_punti_facilitazione_sample3.csv'))).rows
const BARI = {
  id: '5447245', avvio: 'attivo', comune: 'Bari', enteGestore: 'Comune',
  giorniEOrariDiApertura: 'Lun-Ven dalle 9:00 alle 13:00', indirizzo: 'Largo Ignazio Chiurlia, 27',
  latitudine: '41.1267', longitudine: '16.8687', nomeDelloSpazio: 'URP', tipo: 'fisso',
}

describe('pugliaFormat on the three real rows', () => {
  it('imports Bari as a fixed site in comune 072006 with the region and province', async () => {
    const rows = await fixture()
    const { draft } = draftOf(pugliaFormat.toDraft(rows[1]!.row, ctx))
    expect(draft).toMatchObject({
      id: 'puglia-5447245',
      name: 'URP Ripartizione Servizi alla Persona',
      status: 'active',
      operator: { name: 'Comune di Bari', type: 'comune' },
      region: { istat: '16', name: 'Puglia' },
      province: 'BA',
      comune: { istat: '072006', name: 'Bari' },
      country: 'IT',
      address: { street: 'Largo Ignazio Chiurlia, 27', postcode: null },
      services: ['assistenza_individuale'],
      topics: [],
      booking: 'both',
      booking_url: null,
      contacts: { phone: null, email: null, website: null },
      source: { dataset: 'it-puglia-punti-facilitazione', original_id: '5447245' },
      last_verified_at: null,
    })
    expect(draft.sites).toHaveLength(1)
    expect(draft.sites[0]).toMatchObject({ kind: 'fixed', location: { lat: 41.1267, lon: 16.8687 }, comune: { istat: '072006' } })
  })

  it('imports the itinerant Fasano point as a mobile site', async () => {
    const rows = await fixture()
    const { draft } = draftOf(pugliaFormat.toDraft(rows[0]!.row, ctx))
    expect(draft.id).toBe('puglia-5447347')
    expect(draft.comune).toEqual({ istat: '074007', name: 'Fasano' })
    expect(draft.sites[0]!.kind).toBe('mobile')
  })

  it('keeps hours cut off mid-sentence as unparsed text, with a warning, and still imports the point', async () => {
    const rows = await fixture()
    for (const row of rows) {
      const { draft, warnings } = draftOf(pugliaFormat.toDraft(row.row, ctx))
      const site = draft.sites[0]!
      expect(site.opening_hours_source).toBe(String(row.row['giorniEOrariDiApertura']).trim())
      expect(site.opening_hours_unparsed).toBe(true)
      expect(site.opening_hours).toBeUndefined()
      expect(warnings.map((w) => w.field)).toContain('opening_hours')
    }
  })

  it('gives the same ids when the file is read twice', async () => {
    const ids = async () => (await fixture()).map((r) => draftOf(pugliaFormat.toDraft(r.row, ctx)).draft.id)
    const first = await ids()
    expect(await ids()).toEqual(first)
    expect(first).toEqual(['puglia-5447347', 'puglia-5447245', 'puglia-5447269'])
  })
})

describe('pugliaFormat on corrupted rows', () => {
  it('parses hours it can read and still keeps the source text', () => {
    const { draft, warnings } = draftOf(pugliaFormat.toDraft(BARI, ctx))
    expect(draft.sites[0]!.opening_hours).toBeDefined()
    expect(draft.sites[0]!.opening_hours_source).toBe('Lun-Ven dalle 9:00 alle 13:00')
    expect(draft.sites[0]!.opening_hours_unparsed).toBeUndefined()
    expect(warnings).toEqual([])
  })

  it('rejects coordinates that are not numbers, naming the column', () => {
    expect(errorsOf(pugliaFormat.toDraft({ ...BARI, latitudine: 'n.d.' }, ctx))).toEqual([
      { field: 'latitudine', message: 'latitudine non è un numero decimale: "n.d." / latitudine is not a decimal number: "n.d."' },
    ])
  })

  it('rejects coordinates outside Italy and says when they look swapped', () => {
    const [error] = errorsOf(pugliaFormat.toDraft({ ...BARI, latitudine: '16.8687', longitudine: '41.1267' }, ctx))
    expect(error!.field).toBe('latitudine')
    expect(error!.message).toBe(
      "fuori dall'Italia (16.8687, 41.1267): latitudine e longitudine sembrano scambiate / outside Italy (16.8687, 41.1267): latitude and longitude look swapped",
    )
  })

  it('accepts a decimal comma', () => {
    const { draft } = draftOf(pugliaFormat.toDraft({ ...BARI, latitudine: '41,1267', longitudine: '16,8687' }, ctx))
    expect(draft.sites[0]!.location).toEqual({ lat: 41.1267, lon: 16.8687 })
  })

  it('rejects a row without a name', () => {
    expect(errorsOf(pugliaFormat.toDraft({ ...BARI, nomeDelloSpazio: '  ' }, ctx)).map((e) => e.field)).toEqual(['nomeDelloSpazio'])
  })

  it('rejects an unknown state or site type with the column and the accepted values', () => {
    const errors = errorsOf(pugliaFormat.toDraft({ ...BARI, avvio: 'in attesa', tipo: 'volante' }, ctx))
    expect(errors.map((e) => e.field)).toEqual(['avvio', 'tipo'])
    expect(errors[0]!.message).toBe('"in attesa" non è uno stato noto (attivo, sospeso, chiuso, cessato) / "in attesa" is not a known state (attivo, sospeso, chiuso, cessato)')
  })

  it('maps the other states', () => {
    expect(draftOf(pugliaFormat.toDraft({ ...BARI, avvio: 'Sospeso' }, ctx)).draft.status).toBe('suspended')
    expect(draftOf(pugliaFormat.toDraft({ ...BARI, avvio: 'cessato' }, ctx)).draft.status).toBe('closed')
  })

  it('falls back to the comune nearest the coordinates when the name is unknown, with a warning', () => {
    const { draft, warnings } = draftOf(pugliaFormat.toDraft({ ...BARI, comune: 'Barri' }, ctx))
    expect(draft.comune.istat).toBe('072006')
    expect(warnings).toEqual([{
      field: 'comune',
      message: 'comune sconosciuto "Barri"; usato il comune più vicino alle coordinate, Bari (072006) / unknown comune "Barri"; used the comune nearest to the coordinates, Bari (072006)',
    }])
  })

  it('warns when the coordinates are far from the named comune', () => {
    const { warnings } = draftOf(pugliaFormat.toDraft({ ...BARI, comune: 'Lecce' }, ctx))
    expect(warnings).toEqual([{
      field: 'comune',
      message: expect.stringMatching(/^le coordinate sono a \d+ km da Lecce \(LE\); controllarle \/ the coordinates are \d+ km from Lecce \(LE\); check them$/),
    }])
  })

  it('resolves a name shared by two comuni with the coordinates', () => {
    const castroInPuglia = { ...BARI, comune: 'Castro', latitudine: '40.0070', longitudine: '18.4257' }
    expect(draftOf(pugliaFormat.toDraft(castroInPuglia, ctx)).draft.comune.istat).toBe('075096')
  })

  it('maps the operator kind and warns about one it does not know', () => {
    expect(draftOf(pugliaFormat.toDraft({ ...BARI, enteGestore: 'Associazione di promozione sociale' }, ctx)).draft.operator)
      .toEqual({ name: 'Associazione di promozione sociale', type: 'terzo_settore' })
    const unknown = draftOf(pugliaFormat.toDraft({ ...BARI, enteGestore: 'Parrocchia' }, ctx))
    expect(unknown.draft.operator.type).toBe('altro')
    expect(unknown.warnings.map((w) => w.field)).toEqual(['enteGestore'])
  })

  it('uses a content key for a row without an id, stable across spellings', () => {
    const a = draftOf(pugliaFormat.toDraft({ ...BARI, id: '' }, ctx)).draft.id
    const b = draftOf(pugliaFormat.toDraft({ ...BARI, id: '', nomeDelloSpazio: ' urp ' }, ctx)).draft.id
    expect(a).toMatch(/^puglia-[0-9a-f]{12}$/)
    expect(b).toBe(a)
  })
})
