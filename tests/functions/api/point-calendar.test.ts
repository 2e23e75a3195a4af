import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { pointCalendar } from '../../../functions/api/calendar/point-calendar.ts'
import { siteIntervalsOn } from '../../../shared/hours/open-at.ts'
import { addDays, toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { createApiFixture, FIXED_NOW, FIXED_TODAY } from './support/app-fixture.ts'
import { rfc5545Problems } from './support/rfc5545-validator.ts'

/**
 * Issue 13's calendars, checked by a kept iCalendar parser (ical.js): every point's file parses,
 * and over the next 60 days the minutes its events cover are exactly the minutes the registry
 * says each site is open (weekly hours in and out of season, closures, public holidays, a van's
 * stops), in Europe/Rome across the DST change.
 */
const fixture = createApiFixture()
const DAYS = 60

function coveredMinutes(ics: string, siteId: string, pointId: string, now = FIXED_NOW, today = FIXED_TODAY): Set<string> {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const until = ICAL.Time.fromJSDate(new Date(now.getTime() + DAYS * 86_400_000), true)
  const minutes = new Set<string>()
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component)
    if (!event.uid.startsWith(`${pointId}-${siteId}-`)) continue
    const iterator = event.iterator()
    for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next)
      for (let t = details.startDate.toJSDate().getTime(); t < details.endDate.toJSDate().getTime(); t += 60_000) {
        const wall = toRomeWallClock(new Date(t))
        if (wall.date >= today && wall.date < addDays(today, DAYS)) minutes.add(`${wall.date} ${wall.minutes}`)
      }
    }
  }
  return minutes
}

function registryMinutes(point: PointRecord, siteId: string, today = FIXED_TODAY): Set<string> {
  const minutes = new Set<string>()
  if (point.status !== 'active') return minutes
  const site = point.sites.find((s) => s.id === siteId)!
  for (let day = 0; day < DAYS; day++) {
    const date = addDays(today, day)
    for (const interval of siteIntervalsOn(site, date)) for (let m = interval.start; m < Math.min(interval.end, 1440); m++) minutes.add(`${date} ${m}`)
  }
  return minutes
}

describe('GET /v1/points/{id}.ics', () => {
  it('covers exactly the minutes each site is open over the next 60 days, for points of every kind', () => {
    const points = fixture.records.filter((p) => p.sites.some((s) => s.kind === 'mobile' && (s.stops?.length ?? 0) > 0)).slice(0, 5)
    points.push(...fixture.records.filter((p) => p.sites.some((s) => s.valid_from !== undefined)).slice(0, 5))
    points.push(...fixture.records.filter((p) => p.sites.some((s) => (s.closures?.length ?? 0) > 0)).slice(0, 5))
    points.push(...fixture.records.filter((p) => p.status !== 'active').slice(0, 2), ...fixture.records.slice(0, 10))
    let checked = 0
    for (const point of points) {
      const ics = pointCalendar(point, FIXED_NOW, `https://puntovicino.example/?point=${point.id}`)
      for (const site of point.sites.filter((s) => s.kind !== 'online')) {
        const expected = registryMinutes(point, site.id)
        const got = coveredMinutes(ics, site.id, point.id)
        expect([...got].filter((m) => !expected.has(m)).slice(0, 3), `${point.id}/${site.id}: event minutes the site is closed`).toEqual([])
        expect([...expected].filter((m) => !got.has(m)).slice(0, 3), `${point.id}/${site.id}: open minutes no event covers`).toEqual([])
        checked += expected.size
      }
    }
    console.log(`calendars: ${points.length} points, ${checked.toLocaleString('en')} open minutes matched`)
    expect(checked).toBeGreaterThan(10_000)
  })

  it('keeps the wall-clock hours across the change to summer time (Rome, 28 March 2027)', () => {
    const now = new Date('2027-03-15T09:00:00+01:00')
    const today = '2027-03-15'
    let checked = 0
    for (const point of fixture.records.filter((p) => p.status === 'active').slice(0, 15)) {
      const ics = pointCalendar(point, now, 'https://puntovicino.example/')
      for (const site of point.sites.filter((s) => s.kind !== 'online')) {
        const expected = registryMinutes(point, site.id, today)
        const got = coveredMinutes(ics, site.id, point.id, now, today)
        expect([...got].filter((m) => !expected.has(m)).slice(0, 3), `${point.id}/${site.id}`).toEqual([])
        expect([...expected].filter((m) => !got.has(m)).slice(0, 3), `${point.id}/${site.id}`).toEqual([])
        checked += expected.size
      }
    }
    expect(checked).toBeGreaterThan(5_000)
  })

  it('ends each weekly rule at its last checked occurrence: no 00:00 slot the day after the horizon, unchecked for holidays (Immacolata 2027)', () => {
    const template = fixture.records.find((p) => p.status === 'active' && p.sites[0]!.kind === 'fixed')!
    const allDay = Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]))
    const point = { ...template, sites: [{ ...template.sites[0]!, opening_hours: allDay, public_holidays: 'closed' as const, closures: [] }] }
    const now = new Date('2026-12-07T11:00:00+01:00')
    const calendar = new ICAL.Component(ICAL.parse(pointCalendar(point, now, 'https://puntovicino.example/')))
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
    const dates = new Set<string>()
    for (const component of calendar.getAllSubcomponents('vevent')) {
      const iterator = new ICAL.Event(component).iterator()
      for (let next = iterator.next(), n = 0; next && n < 1000; next = iterator.next(), n++) dates.add(toRomeWallClock(next.toJSDate()).date)
    }
    expect([...dates].sort().at(-1)).toBe(addDays('2026-12-07', 365))
    expect(dates.has('2027-12-08')).toBe(false)
    expect(dates.has('2026-12-08')).toBe(false)
    expect(dates.has('2026-12-09')).toBe(true)
  })

  it('keeps text an operator typed inside its property: a line break in a site id or a lone CR in a name adds no event or property', () => {
    const template = fixture.records.find((p) => p.status === 'active' && p.sites[0]!.kind === 'fixed' && Object.keys(p.sites[0]!.opening_hours ?? {}).length > 0)!
    const forgedSite = 's1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Rinnovo SPID: chiama 899\r\nX:'
    const point = { ...template, name: 'Punto\rX-LONE-CR:1', sites: [{ ...template.sites[0]!, id: forgedSite, label: 'Sede\u0007\nseconda riga', closures: [] }] }
    const ics = pointCalendar(point, new Date('2026-12-07T11:00:00+01:00'), 'https://puntovicino.example/')
    const expectedEvents = Object.values(point.sites[0]!.opening_hours!).flat().length
    expect(ics.match(/^BEGIN:VEVENT$/gm)?.length).toBe(expectedEvents)
    // Unfolded, every content line is one property: no CR but the CRLF that ends it, no control character.
    const lines = ics.replace(/\r\n /g, '').split('\r\n')
    expect(lines.filter((line) => /[\u0000-\u0008\u000a-\u001f\u007f]/.test(line))).toEqual([])
    expect(lines.filter((line) => /^(SUMMARY:Rinnovo|X-LONE-CR|X:)/.test(line))).toEqual([])
    const calendar = new ICAL.Component(ICAL.parse(ics))
    expect(lines).toContain('X-WR-CALNAME:Punto\\nX-LONE-CR:1')
    expect(calendar.getAllSubcomponents('vevent').every((event) => String(event.getFirstPropertyValue('uid')).startsWith(`${point.id}-s1`))).toBe(true)
  })

  it('is served as text/calendar with a VTIMEZONE for Europe/Rome, lines of at most 75 octets and CRLF endings', async () => {
    const point = fixture.records.find((p) => p.status === 'active')!
    const response = await fixture.get(`/v1/points/${point.id}.ics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const text = await response.text()
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Rome')
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(text.replace(/\r\n/g, '')).not.toContain('\n')
    expect((await fixture.get('/v1/points/no-such-point.ics')).status).toBe(404)
  })
})

describe('the calendars against RFC 5545', () => {
  it('are valid for every point of the registry (fixed, seasonal, vans, closed)', async () => {
    const problems: string[] = []
    for (const point of fixture.records) {
      const text = await (await fixture.get(`/v1/points/${point.id}.ics`)).text()
      problems.push(...rfc5545Problems(text).map((problem) => `${point.id}: ${problem}`))
    }
    expect(problems).toEqual([])
  })

  it('catches the mistakes a calendar writer makes (the validator can fail)', async () => {
    const point = fixture.records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'mobile'))!
    const good = await (await fixture.get(`/v1/points/${point.id}.ics`)).text()
    const broken: Array<[string, string, RegExp]> = [
      ['LF endings', good.replaceAll('\r\n', '\n'), /bare LF|CRLF/],
      ['no UID', good.replace(/UID:[^\r]*\r\n/, ''), /no UID/],
      ['local UNTIL', good.replace(/UNTIL=(\d{8}T\d{6})Z/, 'UNTIL=$1'), /UNTIL must be UTC/],
      ['unescaped comma', good.replace(/LOCATION:([^\r]*)\\,/, 'LOCATION:$1,'), /unescaped/],
      ['unknown zone', good.replace('TZID:Europe/Rome', 'TZID:Europe/Roma'), /no VTIMEZONE/],
      ['unclosed event', good.replace(/END:VEVENT\r\n(?![\s\S]*END:VEVENT)/, ''), /closes|never closed/],
      ['long line', good.replace('PRODID:', `PRODID:${'x'.repeat(80)}`), /75 octets/],
    ]
    for (const [what, text, expected] of broken) expect(rfc5545Problems(text).join('\n'), what).toMatch(expected)
    expect(rfc5545Problems(good)).toEqual([])
  })
})
