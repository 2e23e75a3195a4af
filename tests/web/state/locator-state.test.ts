import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SERVICES, SITE_KINDS, TOPICS } from '../../../shared/schemas/point.ts'
import { PointsQuerySchema } from '../../../shared/schemas/points-query.ts'
import { areaContradictions } from '../../../shared/gazetteer/admin-units.ts'
import { EMPTY_STATE, hasSearch, parseLocatorState, serializeLocatorState, toPointsQuery, withoutPastOpenAt, type LocatorState } from '../../../web/state/locator-state.ts'

const parse = (query: string, defaults: Partial<LocatorState> = {}) => parseLocatorState(new URLSearchParams(query), defaults)

const anyRecord = fc.record({
  near: fc.option(fc.record({ lat: fc.integer({ min: -90_000, max: 90_000 }).map((n) => n / 1000), lon: fc.integer({ min: -180_000, max: 180_000 }).map((n) => n / 1000) }), { nil: null }),
  place: fc.option(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0), { nil: null }),
  region: fc.option(fc.constantFrom('01', '09', '12', '20'), { nil: null }),
  province: fc.option(fc.constantFrom('FI', 'BZ', 'RM'), { nil: null }),
  comune: fc.option(fc.constantFrom('048017', '021008'), { nil: null }),
  q: fc.option(fc.constantFrom('biblioteca', 'caf patronato'), { nil: null }),
  service: fc.uniqueArray(fc.constantFrom(...SERVICES)),
  topic: fc.uniqueArray(fc.constantFrom(...TOPICS)),
  kind: fc.uniqueArray(fc.constantFrom(...SITE_KINDS)),
  open_now: fc.boolean(),
  open_at: fc.option(fc.constantFrom('2026-12-09T15:00', '2026-03-29T02:30', '2026-10-25T02:30', '2027-01-01T10:00'), { nil: null }),
  accessible: fc.boolean(),
  point: fc.option(fc.constantFrom('demo-09-0001', 'abc'), { nil: null }),
  lang: fc.constantFrom('it' as const, 'en' as const),
})
// "Open now" and "open at" are one choice: a state holds at most one of them. Its area holds
// together: reading drops a province of another region or a comune of another province (tested below).
const anyState: fc.Arbitrary<LocatorState> = anyRecord.map((state) => (state.open_now ? { ...state, open_at: null } : state)).filter((state) => areaContradictions(state).length === 0)

describe('the locator state in the URL', () => {
  it('reads back every state it writes, so a link reproduces the view', () => {
    fc.assert(fc.property(anyState, (state) => {
      expect(parse(serializeLocatorState(state).toString())).toEqual(state)
    }))
  })

  it('only ever sends the API a query that the API schema accepts', () => {
    fc.assert(
      fc.property(anyState, (state) => {
        const result = PointsQuerySchema.safeParse(Object.fromEntries(toPointsQuery(state)))
        expect(result.success).toBe(true)
      }),
    )
  })

  it('drops values the API would reject instead of forwarding them', () => {
    const state = parse('near=abc&region=99&province=XX&comune=12&service=spid,formazione_gruppo&topic=nope&kind=mobile,van&open_now=yes&point=../etc&lang=es')
    expect(state).toEqual({ ...EMPTY_STATE, service: ['formazione_gruppo'], kind: ['mobile'] })
  })

  it('keeps "open at" as a Rome wall-clock time in the page address, and sends the API its instant with the offset of that day', () => {
    expect(parse('open_at=2026-12-09T15:00').open_at).toBe('2026-12-09T15:00')
    expect(serializeLocatorState({ ...EMPTY_STATE, open_at: '2026-12-09T15:00' }).toString()).toBe('open_at=2026-12-09T15%3A00')
    expect(toPointsQuery({ ...EMPTY_STATE, open_at: '2026-12-09T15:00' }).get('open_at')).toBe('2026-12-09T15:00:00+01:00')
    // Summer time: the offset is the day's, not today's.
    expect(toPointsQuery({ ...EMPTY_STATE, open_at: '2026-07-01T09:30' }).get('open_at')).toBe('2026-07-01T09:30:00+02:00')
    // A link written with the API's own form (an instant with its offset) reads as Rome's clock.
    expect(parse('open_at=2026-12-09T14:00:00Z').open_at).toBe('2026-12-09T15:00')
  })

  it('drops an "open at" that names no real time, and one sent beside open_now (the API takes one of the two)', () => {
    for (const bad of ['2026-02-30T10:00', '2026-12-09T25:00', '2026-12-09', 'tomorrow', '2026-12-09T10:00+99:00']) expect(parse(`open_at=${bad}`).open_at).toBeNull()
    expect(parse('open_now=true&open_at=2026-12-09T15:00')).toEqual({ ...EMPTY_STATE, open_now: true })
  })

  it('drops an "open at" already past when the page opens (a link shared last week), and keeps one up to an hour late', () => {
    const now = new Date('2026-12-07T15:30:00+01:00')
    expect(withoutPastOpenAt({ ...EMPTY_STATE, open_at: '2026-12-01T10:00' }, now).open_at).toBeNull()
    expect(withoutPastOpenAt({ ...EMPTY_STATE, open_at: '2026-12-07T14:00' }, now).open_at).toBeNull()
    expect(withoutPastOpenAt({ ...EMPTY_STATE, open_at: '2026-12-07T15:00' }, now).open_at).toBe('2026-12-07T15:00')
    expect(withoutPastOpenAt({ ...EMPTY_STATE, open_at: '2026-12-09T10:00' }, now).open_at).toBe('2026-12-09T10:00')
  })

  it('rounds a shared position to 3 decimals, as the device does before sending', () => {
    expect(parse('near=43.771234,11.254987').near).toEqual({ lat: 43.771, lon: 11.255 })
  })

  it('lets the URL override the prefilters of a widget, and keeps them when the URL is silent', () => {
    expect(parse('', { region: '09' }).region).toBe('09')
    expect(parse('region=12', { region: '09' }).region).toBe('12')
  })

  it('writes nothing for the default view and Italian', () => {
    expect(serializeLocatorState(EMPTY_STATE).toString()).toBe('')
    expect(serializeLocatorState({ ...EMPTY_STATE, lang: 'en', open_now: true }).toString()).toBe('open_now=true&lang=en')
  })

  it('asks the API only when there is a place, a prefilter or a search', () => {
    expect(hasSearch(EMPTY_STATE)).toBe(false)
    expect(hasSearch({ ...EMPTY_STATE, open_now: true })).toBe(false)
    expect(hasSearch({ ...EMPTY_STATE, province: 'FI' })).toBe(true)
  })
})
