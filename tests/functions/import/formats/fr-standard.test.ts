import { describe, expect, it } from 'vitest'
import { frStandardFormat } from '../../../../functions/import/formats/fr-standard.ts'
import { ctx, draftOf, errorsOf, fixturePath, rowsOf } from './fixture-rows.ts'

const PLACE = {
  id: 'lieu-42', nom: 'Espace numérique', commune: 'Lyon', code_postal: '69001', code_insee: '69381',
  adresse: '1 rue de la République', latitude: 45.7640, longitude: 4.8357, source: 'Exemple',
  horaires: 'Mo-Fr 09:00-12:00', modalites_accompagnement: 'Accompagnement individuel', date_maj: '2024-03-01',
}

describe('frStandardFormat on the real files', () => {
  it('converts at least 95% of the Hinaura rows that have coordinates', async () => {
    const { rows } = await rowsOf(fixturePath('fr_lieux_mediation_numerique_hinaura_ara.json'))
    const withCoordinates = rows.filter((r) => r.row['latitude'] != null && r.row['longitude'] != null)
    const converted = withCoordinates.filter((r) => frStandardFormat.toDraft(r.row, ctx).ok)
    expect(converted.length / withCoordinates.length).toBeGreaterThanOrEqual(0.95)
  })

  it('converts every Charente row (the newer taxonomy) with unique ids', async () => {
    const { rows } = await rowsOf(fixturePath('fr_lieux_mediation_numerique_charente.json'))
    const drafts = rows.map((r) => draftOf(frStandardFormat.toDraft(r.row, ctx)).draft)
    expect(new Set(drafts.map((d) => d.id)).size).toBe(new Set(rows.map((r) => `${r.row['source']}|${r.row['id']}`)).size)
    expect(drafts[0]!.id).toBe('fr-mediation-numerique-conseiller-numerique-63d29db4e6d6a806f256459a-mediation-numerique')
  })

  it('maps the first Hinaura row: French place, OSM hours parsed, old taxonomy mapped', async () => {
    const { rows } = await rowsOf(fixturePath('fr_lieux_mediation_numerique_hinaura_ara.json'))
    const { draft } = draftOf(frStandardFormat.toDraft(rows[0]!.row, ctx))
    expect(draft).toMatchObject({
      id: 'fr-hinaura-0',
      region: null,
      province: null,
      country: 'FR',
      comune: { istat: null, name: 'ABONDANCE' },
      address: { street: 'PLACE DU CHAMP DE FOIRE', postcode: '74360' },
      languages: ['fr'],
      last_verified_at: '2021-05-05T00:00:00Z',
    })
    expect(draft.services).toEqual(['assistenza_individuale'])
    expect(draft.topics).toEqual([]) // internet access, equipment, health and admin procedures: no topic of ours
    expect(draft.sites[0]).toMatchObject({
      kind: 'fixed',
      opening_hours_source: 'Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00',
      opening_hours: { tu: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }], sa: [{ start: '09:00', end: '12:00' }] },
    })
  })

  it('maps the example row of the v1 standard (every optional column filled)', async () => {
    const { rows } = await rowsOf(fixturePath('fr_schema_lieux_mediation_numerique_exemple.csv'))
    const { draft } = draftOf(frStandardFormat.toDraft(rows[0]!.row, ctx))
    expect(draft).toMatchObject({
      id: 'fr-hubik-structure-1',
      comune: { istat: null, name: 'Reims', code: '51454' },
      address: { street: "12 BIS RUE DE LECLERCQ, Le patio du bois de l'Aulne", postcode: '51100' },
      operator: { type: 'terzo_settore' },
      booking: 'both',
      booking_url: 'https://www.rdv-solidarites.fr/',
      contacts: { phone: '+33180059880', email: 'contact@laquincaillerie.tl', website: 'https://www.laquincaillerie.tl/' },
      languages: ['fr', 'en'],
      description: 'Notre association propose des formations aux outils numériques à destination des personnes âgées.',
    })
    expect([...draft.services].sort()).toEqual(['assistenza_individuale', 'formazione_gruppo', 'formazione_online'])
    expect([...draft.topics].sort()).toEqual(['competenze_base', 'lavoro'])
    expect(draft.sites[0]!.kind).toBe('mobile')
  })

  it('gives the same ids when a file is read twice', async () => {
    const ids = async () =>
      (await rowsOf(fixturePath('fr_lieux_mediation_numerique_hinaura_ara.json'))).rows
        .map((r) => frStandardFormat.toDraft(r.row, ctx))
        .map((res) => (res.ok ? res.draft.id : null))
    expect(await ids()).toEqual(await ids())
  })
})

describe('frStandardFormat on corrupted rows', () => {
  it('rejects a row without coordinates or without a name, naming the column', () => {
    expect(errorsOf(frStandardFormat.toDraft({ ...PLACE, latitude: null, longitude: null }, ctx))).toEqual([
      { field: 'latitude', message: 'mancano latitude e longitude / latitude and longitude are missing' },
    ])
    expect(errorsOf(frStandardFormat.toDraft({ ...PLACE, nom: '' }, ctx)).map((e) => e.field)).toEqual(['nom'])
    expect(errorsOf(frStandardFormat.toDraft({ ...PLACE, longitude: 'abc' }, ctx)).map((e) => e.field)).toEqual(['longitude'])
    expect(errorsOf(frStandardFormat.toDraft({ ...PLACE, latitude: 95 }, ctx)).map((e) => e.field)).toEqual(['latitude'])
  })

  it('keeps broken OSM hours as text with a warning, and imports the place', () => {
    const { draft, warnings } = draftOf(frStandardFormat.toDraft({ ...PLACE, horaires: 'lundi matin' }, ctx))
    expect(draft.sites[0]).toMatchObject({ opening_hours_source: 'lundi matin', opening_hours_unparsed: true })
    expect(warnings.map((w) => w.field)).toEqual(['opening_hours'])
  })

  it('keeps the first valid contact and warns about a cell with none', () => {
    const result = frStandardFormat.toDraft({ ...PLACE, courriels: 'pas-un-mail|ok@example.org', telephone: 'inconnu', site_web: 'www.example.org' }, ctx)
    const { draft, warnings } = draftOf(result)
    // The phone not read: a place already stored keeps its own.
    expect(result.ok && result.kept).toEqual([{ of: 'point', field: 'phone' }])
    expect(draft.contacts).toEqual({ email: 'ok@example.org', phone: null, website: 'https://www.example.org' })
    expect(warnings).toEqual([{ field: 'telephone', message: 'nessun valore valido, atteso un numero di telefono: "inconnu"; ignorato: resta il valore già registrato, se c\'è / no valid value, expected a phone number: "inconnu"; ignored: the value already stored is kept, if any' }])
  })

  it('maps the modalities and the booking modes', () => {
    const { draft } = draftOf(
      frStandardFormat.toDraft({ ...PLACE, modalites_accompagnement: 'Accompagnement individuel|À distance', modalites_acces: 'Téléphoner|Prendre un RDV en ligne' }, ctx),
    )
    expect(draft.services).toEqual(['assistenza_individuale', 'formazione_online'])
    expect(draft.booking).toBe('appointment')
    expect(draftOf(frStandardFormat.toDraft({ ...PLACE, modalites_acces: 'Se présenter' }, ctx)).draft.booking).toBe('walk_in')
  })

  it('adds individual assistance when the source does not state it, and says so', () => {
    const { draft, warnings } = draftOf(frStandardFormat.toDraft({ ...PLACE, modalites_accompagnement: 'En autonomie' }, ctx))
    expect(draft.services).toEqual(['assistenza_individuale', 'formazione_online'])
    expect(warnings.map((w) => w.field)).toEqual(['modalites_accompagnement'])
  })

  it('ignores a placeholder or future update date with a warning', () => {
    const old = draftOf(frStandardFormat.toDraft({ ...PLACE, date_maj: '1970-01-01' }, ctx))
    expect(old.draft.last_verified_at).toBeNull()
    expect(old.warnings.map((w) => w.field)).toEqual(['date_maj'])
    expect(draftOf(frStandardFormat.toDraft({ ...PLACE, date_maj: '2030-01-01' }, ctx)).draft.last_verified_at).toBeNull()
  })

  it('keeps the producer in the id of a bare local id, so two producers cannot collide', () => {
    const a = draftOf(frStandardFormat.toDraft({ ...PLACE, id: '7', source: 'Hinaura' }, ctx)).draft.id
    const b = draftOf(frStandardFormat.toDraft({ ...PLACE, id: '7', source: 'Hub du Sud' }, ctx)).draft.id
    expect([a, b]).toEqual(['fr-hinaura-7', 'fr-hub-du-sud-7'])
  })

  it('ignores a malformed INSEE code with a warning', () => {
    const { draft, warnings } = draftOf(frStandardFormat.toDraft({ ...PLACE, code_insee: '6938' }, ctx))
    expect(draft.comune).toEqual({ istat: null, name: 'Lyon' })
    expect(warnings.map((w) => w.field)).toEqual(['code_insee'])
  })
})
