import { describe, expect, it } from 'vitest'
import type { Stop } from '../../../shared/schemas/hours.ts'
import type { Site } from '../../../shared/schemas/point.ts'
import type { PointView } from '../../../shared/schemas/point-view.ts'
import { translator, loadMessages } from '../../../shared/i18n/messages.ts'
import { addressLine, announcedStop, cardStatus, currentOrNextStop, kindNote, nearestNextText, otherSiteNote, primarySite, roundStop, shownPlaceLine, shownSiteLabel } from '../../../web/list/point-summary.ts'
import type { ViewContext } from '../../../web/locator/view-context.ts'

await loadMessages('en')

// Tuesday 1 December 2026 in Rome; the process runs in New York (vitest config).
const at = (time: string) => new Date(`2026-12-01T${time}:00+01:00`)
const context = (now: Date, lang: 'it' | 'en' = 'it'): ViewContext => ({ lang, t: translator(lang), now: () => now })
const place = (label: string) => ({ label, location: { lat: 45, lon: 7.8 } })
const stop = (date: string, start: string, end: string, label: string): Stop => ({ date, start, end, place: place(label) })
const van: Site = { id: 'v1', kind: 'mobile', label: 'Sosta a Pavarolo', address: null, location: { lat: 45, lon: 7.8 } }
/** The demo unit demo-01-0034 as the API gives it at 10:00 on Tuesday 1 December: in Cisterna until 13:00. */
const stops = [
  stop('2026-12-01', '09:00', '13:00', "Sosta a Cisterna d'Asti"),
  stop('2026-12-01', '15:00', '18:30', 'Sosta a Pavarolo'),
  stop('2026-12-02', '15:00', '18:30', 'Sosta a Gassino Torinese'),
  stop('2026-12-03', '09:00', '13:00', 'Sosta a Pavarolo'),
]
const unit = (fields: Partial<PointView>) => ({ name: 'Punto mobile di Chieri', status: 'active', open_now: false, closes_at: null, next_opening: null, next_stops: stops, sites: [van], ...fields }) as PointView

describe('currentOrNextStop', () => {
  it('is the session in progress while the unit is open', () => {
    expect(currentOrNextStop(unit({ open_now: true }), at('10:00'))?.place.label).toBe("Sosta a Cisterna d'Asti")
  })

  it('is the session that starts at next_opening, the one the status line announces', () => {
    const point = unit({ next_opening: '2026-12-01T15:00:00+01:00', next_stops: stops.slice(1) })
    expect(currentOrNextStop(point, at('13:30'))?.place.label).toBe('Sosta a Pavarolo')
  })

  it('skips sessions already over when next_opening names none of them', () => {
    expect(currentOrNextStop(unit({}), at('14:00'))?.start).toBe('15:00')
    expect(currentOrNextStop(unit({ next_stops: [stops[0]!] }), at('14:00'))).toBeUndefined()
  })
})

describe('kindNote', () => {
  it('says where the unit is now and until when, not a stop on another day', () => {
    expect(kindNote(unit({ open_now: true, closes_at: '2026-12-01T13:00:00+01:00' }), van, context(at('10:00')))).toBe("Adesso: Sosta a Cisterna d'Asti, fino alle 13:00")
  })

  it('words the next stop with the same day as the status line: today, tomorrow, a weekday', () => {
    expect(kindNote(unit({ next_opening: '2026-12-01T15:00:00+01:00', next_stops: stops.slice(1) }), van, context(at('13:30')))).toBe('Prossima sosta: oggi, 15:00–18:30, Sosta a Pavarolo')
    expect(kindNote(unit({ next_opening: '2026-12-02T15:00:00+01:00', next_stops: stops.slice(2) }), van, context(at('19:00')))).toBe('Prossima sosta: domani, 15:00–18:30, Sosta a Gassino Torinese')
    expect(kindNote(unit({ next_opening: '2026-12-03T09:00:00+01:00', next_stops: stops.slice(3) }), van, context(at('19:00'), 'en'))).toBe('Next stop: Thursday, 9:00–13:00, Sosta a Pavarolo')
  })

  it('says nothing for a unit with no session ahead', () => {
    expect(kindNote(unit({ next_stops: [] }), van, context(at('10:00')))).toBeNull()
  })
})

describe('announcedStop', () => {
  it('is the session starting at next_opening, or none when the opening is not one of the unit\'s sessions', () => {
    expect(announcedStop(unit({ next_opening: '2026-12-02T15:00:00+01:00', next_stops: stops.slice(2) }), at('19:00'))?.place.label).toBe('Sosta a Gassino Torinese')
    expect(announcedStop(unit({ next_opening: '2026-12-02T09:00:00+01:00', next_stops: stops.slice(2) }), at('19:00'))).toBeUndefined()
  })
})

describe('cardStatus of a van found at one of its weekly sites', () => {
  it("names the place of the shown site's own next opening, not the point's sooner one at another stop", () => {
    // The point opens next on Wednesday at Gassino; the card shows its Pavarolo site, found near, which opens on Thursday.
    const shown = { ...van, open_now: false, closes_at: null, next_opening: '2026-12-03T09:00:00+01:00' } as unknown as PointView['site']
    const point = unit({ next_opening: '2026-12-02T15:00:00+01:00', next_stops: stops.slice(2), site: shown, matched_place: { site_id: 'v1', kind: 'base', label: 'Sosta a Pavarolo', location: { lat: 45, lon: 7.8 }, next_session: null } })
    expect(cardStatus(point, point.site, context(at('19:00'))).text).toBe('Chiuso ora · apre giovedì alle 9:00 · Sosta a Pavarolo')
  })
})

describe('cardStatus', () => {
  /** The nearest stop is Pavarolo (the card's address), but tomorrow's session is in Gassino. */
  const tomorrowElsewhere = unit({ next_opening: '2026-12-02T15:00:00+01:00', next_stops: stops.slice(2), opening_hours_text: '', opening_hours_text_en: '' })

  it('names the place of the session it announces, not the nearest stop', () => {
    expect(cardStatus(tomorrowElsewhere, van, context(at('19:00'))).text).toBe('Chiuso ora · apre domani alle 15:00 · Sosta a Gassino Torinese')
    expect(cardStatus(unit({ open_now: true, closes_at: '2026-12-01T13:00:00+01:00' }), van, context(at('10:00'), 'en')).text).toBe("Open now · closes at 13:00 · Sosta a Cisterna d'Asti")
  })

  it('adds no place for a fixed site or a suspended unit', () => {
    expect(cardStatus(tomorrowElsewhere, { ...van, kind: 'fixed' }, context(at('19:00'))).text).toBe('Chiuso ora · apre domani alle 15:00')
    expect(cardStatus({ ...tomorrowElsewhere, status: 'suspended' }, van, context(at('19:00')))).toEqual({ tone: 'inactive', text: 'Sospeso: temporaneamente non attivo' })
  })
})

describe('kindNote of a point not active', () => {
  it('announces no next stop for a suspended unit', () => {
    expect(kindNote(unit({ status: 'suspended', next_opening: '2026-12-02T15:00:00+01:00', next_stops: stops.slice(2) }), van, context(at('19:00')))).toBeNull()
  })
})

describe('the card of a site the API named (issue 9: the status belongs to the site shown)', () => {
  const library: Site = { id: 'lib', kind: 'fixed', label: 'Biblioteca San Matteo', address: { street: 'Via Roma 1', postcode: '06121' }, location: { lat: 43.11, lon: 12.39 }, opening_hours: { sa: [{ start: '09:00', end: '12:00' }] } }
  const office: Site = { id: 'urp', kind: 'fixed', label: 'URP di Via Don Sturzo', address: { street: 'Via Don Sturzo 2', postcode: '06121' }, location: { lat: 43.12, lon: 12.4 }, opening_hours: { we: [{ start: '15:00', end: '18:00' }] } }
  /** Perugia: the nearest site opens only on Saturday; the point as a whole opens on Wednesday, at the other site. */
  const perugia = {
    status: 'active',
    open_now: false,
    closes_at: null,
    next_opening: '2026-12-02T15:00:00+01:00',
    next_stops: [],
    sites: [library, office],
    site: { ...library, open_now: false, closes_at: null, next_opening: '2026-12-05T09:00:00+01:00' },
  } as unknown as PointView

  it("words the shown site's own opening, not the point's", () => {
    expect(cardStatus(perugia, perugia.site, context(at('10:00'))).text).toBe('Chiuso ora · apre sabato alle 9:00')
  })

  it('names the other site that opens sooner, and when', () => {
    expect(otherSiteNote(perugia, perugia.site, context(at('10:00')))).toBe("Un'altra sede apre prima: URP di Via Don Sturzo, domani alle 15:00")
    expect(otherSiteNote(perugia, perugia.site, context(at('10:00'), 'en'))).toBe('Another site opens sooner: URP di Via Don Sturzo, tomorrow at 15:00')
  })

  it('says nothing more when the shown site is open, or opens first', () => {
    expect(otherSiteNote({ ...perugia, site: { ...perugia.site!, open_now: true, closes_at: '2026-12-01T12:00:00+01:00' } } as PointView, library, context(at('10:00')))).toBeNull()
    expect(otherSiteNote({ ...perugia, site: { ...perugia.site!, next_opening: '2026-12-01T15:00:00+01:00' } } as PointView, library, context(at('10:00')))).toBeNull()
  })

  it('names the shown site of a point with several, in the card and in the "nearest opens next" message', () => {
    const found = { ...perugia, name: 'Digipass Perugia', distance_m: 410, comune: { istat: '054039', name: 'Perugia' } } as PointView
    expect(shownSiteLabel(found, found.site)).toBe('Biblioteca San Matteo')
    expect(shownSiteLabel({ ...found, sites: [library] }, library)).toBeNull()
    // The opening said beside the distance is the shown site's (Saturday), not the point's (Wednesday, at the URP).
    expect(nearestNextText(found, context(at('10:00')))).toBe('Il più vicino, Digipass Perugia, sede Biblioteca San Matteo (410 m), apre sabato alle 9:00.')
    expect(nearestNextText(found, context(at('10:00'), 'en'))).toBe('The nearest, Digipass Perugia, site Biblioteca San Matteo (410 m), opens Saturday at 9:00.')
  })

  it('speaks for the shown site of a point with several even when the API named none (a list without near, a shared link)', () => {
    const listed = { ...perugia, site: undefined } as unknown as PointView
    // The card shows the library's address: its status is the library's, computed from its week.
    expect(cardStatus(listed, library, context(at('10:00'))).text).toBe('Chiuso ora · apre sabato alle 9:00')
    expect(otherSiteNote(listed, library, context(at('10:00')))).toBe("Un'altra sede apre prima: URP di Via Don Sturzo, domani alle 15:00")
    // A point with one site: its own fields speak for it.
    expect(cardStatus({ ...listed, sites: [library] }, library, context(at('10:00'))).text).toBe('Chiuso ora · apre domani alle 15:00')
  })

  it("keeps a mobile unit's own status when the API named none of its sites: its stops are one round, which the next-stop line words", () => {
    const pavarolo: Site = { ...van, id: 'v2', label: 'Sosta a Pavarolo' }
    const round = unit({ next_opening: '2026-12-01T15:00:00+01:00', next_stops: stops.slice(1), sites: [van, pavarolo] })
    expect(cardStatus(round, van, context(at('13:30'))).text).toBe('Chiuso ora · apre oggi alle 15:00 · Sosta a Pavarolo')
    expect(otherSiteNote(round, van, context(at('13:30')))).toBeNull()
    expect(shownSiteLabel(round, van)).toBeNull()
  })

  it("keeps a van's own status when a filter (kind, open at) named one of its sites without finding it at a place", () => {
    const pavarolo: Site = { ...van, id: 'v2', label: 'Sosta a Pavarolo' }
    const filtered = unit({ next_opening: '2026-12-01T15:00:00+01:00', next_stops: stops.slice(1), sites: [van, pavarolo], site: { ...van, open_now: false, closes_at: null, next_opening: '2026-12-05T09:00:00+01:00' } as PointView['site'] })
    expect(cardStatus(filtered, filtered.site, context(at('13:30'))).text).toBe('Chiuso ora · apre oggi alle 15:00 · Sosta a Pavarolo')
    expect(shownSiteLabel(filtered, filtered.site)).toBeNull()
  })

  it('does not repeat a site the point\'s name already says, and tells apart two sites of one label by their street', () => {
    expect(shownSiteLabel({ ...perugia, name: 'Punto Digitale Facile – Biblioteca San Matteo' } as PointView, library)).toBeNull()
    const twin: Site = { ...office, id: 'urp2', label: library.label, address: { street: 'Piazza Grande 1', postcode: '06121' } }
    const twins = { ...perugia, sites: [library, twin] } as PointView
    expect(otherSiteNote(twins, library, context(at('10:00')))).toBe("Un'altra sede apre prima: Biblioteca San Matteo, Piazza Grande 1, domani alle 15:00")
  })

  it("places a van not found at one of its places where it is now, or stops next, not at its base", () => {
    expect(roundStop(unit({ open_now: true }), van, context(at('10:00')))?.place.label).toBe("Sosta a Cisterna d'Asti")
    expect(roundStop(unit({ next_opening: '2026-12-02T15:00:00+01:00', next_stops: stops.slice(2) }), van, context(at('19:00')))?.place.label).toBe('Sosta a Gassino Torinese')
    // Found at a place, or a fixed site: the place found, or the site's own address, as before.
    expect(roundStop(unit({ matched_place: { site_id: 'v1', kind: 'stop', label: 'Sosta a Pavarolo', location: { lat: 45, lon: 7.8 }, next_session: null } }), van, context(at('10:00')))).toBeUndefined()
    expect(roundStop(unit({}), { ...van, kind: 'fixed' }, context(at('10:00')))).toBeUndefined()
  })

  it('calls help online what it is, not "another site" one goes to', () => {
    const phone: Site = { id: 'tel', kind: 'online', label: 'Assistenza telefonica', address: null, opening_hours: { tu: [{ start: '09:00', end: '12:00' }], we: [{ start: '15:00', end: '18:00' }] } }
    const withPhone = { ...perugia, sites: [library, phone] } as PointView
    expect(otherSiteNote(withPhone, perugia.site, context(at('10:00')))).toBe('Aiuto a distanza disponibile ora: Assistenza telefonica')
    expect(otherSiteNote(withPhone, perugia.site, context(at('13:00'), 'en'))).toBe('Remote help available sooner: Assistenza telefonica, tomorrow at 15:00')
  })

  it('shows the first site one can go to, not an online service listed first', () => {
    const online: Site = { id: 'tel', kind: 'online', label: 'Assistenza telefonica', address: null }
    expect(primarySite({ ...perugia, site: undefined, sites: [online, library] } as unknown as PointView)).toBe(library)
  })

  it("says a van's next session at the stop it was found at, and names that stop as its place", () => {
    const found = unit({
      next_opening: '2026-12-01T15:00:00+01:00',
      site: { ...van, open_now: false, closes_at: null, next_opening: '2026-12-03T09:00:00+01:00' } as PointView['site'],
      matched_place: { site_id: 'v1', kind: 'stop', label: 'Sosta a Pavarolo', location: { lat: 45, lon: 7.8 }, next_session: stops[3]! },
    })
    // Not "today 15:00 in Pavarolo" from the unit's round: its next session *here*.
    expect(kindNote(found, van, context(at('10:00')))).toBe('Prossima sosta qui: giovedì, 9:00–13:00, Sosta a Pavarolo')
    expect(cardStatus(found, found.site, context(at('10:00'))).text).toBe('Chiuso ora · apre giovedì alle 9:00')
    expect(addressLine(found, found.site)).toBe('Sosta a Pavarolo')
  })
})

describe('a card when the citizen chose when to go ("Quando puoi andarci")', () => {
  const library: Site = { id: 'lib', kind: 'fixed', label: 'Biblioteca San Matteo', address: { street: 'Via Roma 1', postcode: '06121' }, location: { lat: 43.11, lon: 12.39 }, opening_hours: { sa: [{ start: '09:00', end: '12:00' }] } }
  const office: Site = { id: 'urp', kind: 'fixed', label: 'URP di Via Don Sturzo', address: { street: 'Via Don Sturzo 2', postcode: '06121' }, location: { lat: 43.12, lon: 12.4 }, opening_hours: { we: [{ start: '15:00', end: '18:00' }] } }
  /** Asked on Tuesday at 10:00 for Wednesday at 16:00: the API named the office, open then, with its fields at response time. */
  const perugia = {
    name: 'Digipass Perugia',
    status: 'active',
    open_now: false,
    closes_at: null,
    next_opening: '2026-12-02T15:00:00+01:00',
    next_stops: [],
    opening_hours_text: '',
    opening_hours_text_en: '',
    sites: [library, office],
    site: { ...office, open_now: false, closes_at: null, next_opening: '2026-12-02T15:00:00+01:00' },
  } as unknown as PointView
  const chosen = (now: Date, visitAt: Date, lang: 'it' | 'en' = 'it'): ViewContext => ({ ...context(now, lang), visitAt })
  const wednesday = new Date('2026-12-02T16:00:00+01:00')

  it('says the shown site is open at the chosen time and until when, not its status now', () => {
    expect(cardStatus(perugia, perugia.site, chosen(at('10:00'), wednesday))).toEqual({ tone: 'open', text: 'Aperto domani alle 16:00 · chiude alle 18:00' })
    expect(cardStatus(perugia, perugia.site, chosen(at('10:00'), wednesday, 'en')).text).toBe('Open tomorrow at 16:00 · closes at 18:00')
    // Open at the chosen time until another day: that day is named.
    const lateWednesday = { ...perugia, sites: [{ ...office, opening_hours: { we: [{ start: '15:00', end: '24:00' }], th: [{ start: '00:00', end: '02:00' }] } }] } as unknown as PointView
    expect(cardStatus(lateWednesday, lateWednesday.sites[0], chosen(at('10:00'), wednesday)).text).toBe('Aperto domani alle 16:00 · chiude giovedì alle 2:00')
    // Without a chosen time, the same card speaks of now, as before.
    expect(cardStatus(perugia, perugia.site, context(at('10:00'))).text).toBe('Chiuso ora · apre domani alle 15:00')
  })

  it('says a site closed at the chosen time (a shared link), when it opens next, and the other site open then', () => {
    expect(cardStatus(perugia, library, chosen(at('10:00'), wednesday))).toEqual({ tone: 'closed', text: 'Chiuso domani alle 16:00 · apre sabato alle 9:00' })
    expect(otherSiteNote(perugia, library, chosen(at('10:00'), wednesday))).toBe("Un'altra sede è aperta domani alle 16:00: URP di Via Don Sturzo")
    // Open at the chosen time: nothing more to say about the other sites.
    expect(otherSiteNote(perugia, perugia.site, chosen(at('10:00'), wednesday))).toBeNull()
  })

  it('says where a van is at the chosen time, in its status, its place line and its note', () => {
    const roundVan: Site = { ...van, stops }
    const point = unit({ open_now: true, closes_at: '2026-12-01T13:00:00+01:00', next_opening: '2026-12-01T15:00:00+01:00', sites: [roundVan], opening_hours_text: '', opening_hours_text_en: '' })
    const tomorrow = chosen(at('10:00'), new Date('2026-12-02T16:00:00+01:00'))
    expect(cardStatus(point, roundVan, tomorrow).text).toBe('Aperto domani alle 16:00 · chiude alle 18:30 · Sosta a Gassino Torinese')
    expect(shownPlaceLine(point, roundVan, tomorrow)).toBe('Sosta a Gassino Torinese')
    expect(kindNote(point, roundVan, tomorrow)).toBe("A quell'ora: domani, 15:00–18:30, Sosta a Gassino Torinese")
    // Now, the same van is in Cisterna.
    expect(shownPlaceLine(point, roundVan, context(at('10:00')))).toBe("Sosta a Cisterna d'Asti")
    // From the van's own stops, not the answer's next five sessions (a chosen day may lie beyond them).
    const fewNext = { ...point, next_stops: [] } as PointView
    expect(shownPlaceLine(fewNext, roundVan, chosen(at('10:00'), new Date('2026-12-03T10:00:00+01:00')))).toBe('Sosta a Pavarolo')
  })

  it("speaks for the van's round, not a fixed desk of the same point open then", () => {
    const roundVan: Site = { ...van, stops }
    const desk: Site = { ...office, opening_hours: { tu: [{ start: '09:00', end: '19:00' }], we: [{ start: '09:00', end: '19:00' }] } }
    const point = unit({ sites: [roundVan, desk], opening_hours_text: '', opening_hours_text_en: '' })
    // Wednesday at 10:00 the van stops nowhere, while the desk is open.
    expect(cardStatus(point, roundVan, chosen(at('10:00'), new Date('2026-12-02T10:00:00+01:00'))).text).toBe('Chiuso domani alle 10:00 · apre domani alle 15:00')
  })

  it('leaves hours it cannot compute, and suspended points, as they are', () => {
    expect(cardStatus({ ...perugia, status: 'suspended' } as PointView, perugia.site, chosen(at('10:00'), wednesday)).text).toBe('Sospeso: temporaneamente non attivo')
    const unread: Site = { ...office, opening_hours: undefined, opening_hours_unparsed: true }
    const published = { ...perugia, sites: [unread], site: undefined, next_opening: null, opening_hours_text: 'su appuntamento' } as unknown as PointView
    expect(cardStatus(published, unread, chosen(at('10:00'), wednesday)).text).toBe('Orari come pubblicati: su appuntamento')
  })
})
