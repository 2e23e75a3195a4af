import { isItalianPublicHoliday } from '../../../shared/hours/holidays.ts'
import { isClosedOn, seasonCovers } from '../../../shared/hours/open-at.ts'
import { addDays, romeInstant, toRomeWallClock, weekdayOf } from '../../../shared/hours/rome-time.ts'
import type { PointRecord, Site } from '../../../shared/schemas/point.ts'
import { WEEKDAYS, minutesOfDay, type Weekday } from '../../../shared/vocabulary.ts'
import { EUROPE_ROME_VTIMEZONE } from './europe-rome-vtimezone.ts'
import { escapeText, icsDocument, romeDateTime, uidPart, utcDateTime } from './ical-text.ts'

/**
 * A point as an iCalendar file (RFC 5545), for "Aggiungi al calendario": each weekly opening of
 * each site as a recurring event in Europe/Rome (VTIMEZONE included), from today (or the season's
 * start) to the season's end or a year ahead, its closure days and the national public holidays
 * the site keeps closed left out (EXDATE); a mobile unit's dated stops as single events with
 * their place. A point that is not active has no events: nobody should go.
 */
const HORIZON_DAYS = 365
const TZID = 'TZID=Europe/Rome'
const BYDAY: Record<Weekday, string> = { mo: 'MO', tu: 'TU', we: 'WE', th: 'TH', fr: 'FR', sa: 'SA', su: 'SU' }

export function pointCalendar(point: PointRecord, now: Date, pageUrl: string): string {
  const stamp = utcDateTime(now)
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//PuntoVicino//punti di facilitazione digitale//IT', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(point.name)}`, 'X-WR-TIMEZONE:Europe/Rome', ...EUROPE_ROME_VTIMEZONE]
  const today = toRomeWallClock(now).date
  const horizon = addDays(today, HORIZON_DAYS)
  const event = (uid: string, summary: string, place: { label: string; address: string; location?: { lat: number; lon: number } }, description: string, body: string[]) => {
    lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`, ...body, `SUMMARY:${escapeText(summary)}`, `LOCATION:${escapeText([place.label, place.address].filter(Boolean).join(', '))}`)
    if (place.location) lines.push(`GEO:${place.location.lat};${place.location.lon}`)
    lines.push(`DESCRIPTION:${escapeText(description)}`, `URL:${pageUrl}`, 'END:VEVENT')
  }
  for (const site of point.status === 'active' ? point.sites : []) {
    if (site.kind === 'online') continue
    const address = [site.address?.street, site.comune?.name ?? point.comune.name].filter(Boolean).join(', ')
    const range = weeklyRange(site, today, horizon)
    for (const day of range && site.opening_hours ? WEEKDAYS : []) {
      ;(site.opening_hours![day] ?? []).forEach((interval, k) => {
        const first = firstOn(day, range!.from)
        if (first > range!.to) return
        const start = minutesOfDay(interval.start)
        const dates = datesEvery7(first, range!.to)
        const excluded = dates.filter((date) => isClosedOn(site, date) || (isItalianPublicHoliday(date) && site.public_holidays !== 'open'))
        // UNTIL is UTC when DTSTART names a zone (§3.3.10): the last occurrence's own start, so no
        // occurrence lies past the dates the EXDATEs were checked over (midnight UTC after the last
        // day let a 00:00 slot of the next day through, on a holiday the site keeps closed).
        const until = utcDateTime(romeInstant(dates.at(-1)!, start))
        event(`${point.id}-${uidPart(site.id)}-${day}-${k}@puntovicino`, `${point.name} — ${site.label}`, { label: site.label, address, ...(site.location ? { location: site.location } : {}) }, 'Orario settimanale del punto di facilitazione digitale · Weekly opening hours', [
          `DTSTART;${TZID}:${romeDateTime(first, start)}`,
          `DTEND;${TZID}:${endDateTime(first, minutesOfDay(interval.end))}`,
          `RRULE:FREQ=WEEKLY;BYDAY=${BYDAY[day]};UNTIL=${until}`,
          ...(excluded.length > 0 ? [`EXDATE;${TZID}:${excluded.map((date) => romeDateTime(date, start)).join(',')}`] : []),
        ])
      })
    }
    for (const stop of site.stops ?? []) {
      if (stop.date < today || stop.date > horizon || isClosedOn(site, stop.date)) continue
      event(`${point.id}-${uidPart(site.id)}-${stop.date}-${stop.start.replace(':', '')}@puntovicino`, `${point.name} — ${stop.place.label}`, { label: stop.place.label, address: '', location: stop.place.location }, "Sosta dell'unità mobile · Mobile unit stop", [
        `DTSTART;${TZID}:${romeDateTime(stop.date, minutesOfDay(stop.start))}`,
        `DTEND;${TZID}:${endDateTime(stop.date, minutesOfDay(stop.end))}`,
      ])
    }
  }
  lines.push('END:VCALENDAR')
  return icsDocument(lines)
}

/** An end time: "24:00" is the next day's 00:00 (iCalendar has no hour 24). */
const endDateTime = (date: string, minutes: number): string => (minutes >= 1440 ? romeDateTime(addDays(date, 1), minutes - 1440) : romeDateTime(date, minutes))

/**
 * The dates the weekly hours run between today and the horizon: all of them, or the season's
 * current (or next) stretch (a recurring season wrapping the new year is followed to its end).
 */
function weeklyRange(site: Site, today: string, horizon: string): { from: string; to: string } | null {
  if (site.valid_from === undefined || site.valid_to === undefined) return { from: today, to: horizon }
  let from = today
  while (from <= horizon && !seasonCovers(site, from)) from = addDays(from, 1)
  if (from > horizon) return null
  let to = from
  while (to < horizon && seasonCovers(site, addDays(to, 1))) to = addDays(to, 1)
  return { from, to }
}

function firstOn(day: Weekday, from: string): string {
  let date = from
  while (weekdayOf(date) !== day) date = addDays(date, 1)
  return date
}

function datesEvery7(first: string, last: string): string[] {
  const dates: string[] = []
  for (let date = first; date <= last; date = addDays(date, 7)) dates.push(date)
  return dates
}
