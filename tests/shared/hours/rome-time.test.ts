import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, EU_SUMMER_TIME_YEARS, romeInstant, romeOccurrences, romeOffsetByEuRule, romeOffsetFromTzDatabase, romeOffsetMinutes, toRomeWallClock, weekdayOf } from '../../../shared/hours/rome-time.ts'

// An independent reading of Rome's clock: a Swedish-locale formatter prints "YYYY-MM-DD HH:MM".
const oracle = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})
const iso = (d: Date): string => d.toISOString()

describe('Rome\'s offset by the EU summer-time rule', () => {
  it('equals the tz database at every UTC hour of the years it is used for, so a change of rule in the database turns this red', () => {
    const mismatches: string[] = []
    const from = Date.UTC(EU_SUMMER_TIME_YEARS.from, 0, 1)
    const until = Date.UTC(EU_SUMMER_TIME_YEARS.until + 1, 0, 1)
    for (let ms = from; ms < until; ms += 3_600_000) {
      // Every change of Rome's offset happens on a whole UTC hour, so comparing each hour is exhaustive.
      if (romeOffsetByEuRule(ms) !== romeOffsetFromTzDatabase(ms)) mismatches.push(new Date(ms).toISOString())
      if (mismatches.length > 5) break
    }
    expect(mismatches).toEqual([])
  })

  it('leaves the years outside its range to the tz database (Italy ended summer time in September until 1995)', () => {
    expect(romeOffsetByEuRule(Date.UTC(1995, 9, 1, 12))).toBeUndefined()
    expect(romeOffsetMinutes(new Date(Date.UTC(1995, 9, 1, 12)))).toBe(60)
    expect(romeOffsetMinutes(new Date(Date.UTC(1996, 9, 1, 12)))).toBe(120)
    expect(romeOffsetByEuRule(Date.UTC(2100, 6, 1))).toBeUndefined()
    expect(romeOffsetMinutes(new Date(Date.UTC(2100, 6, 1)))).toBe(romeOffsetFromTzDatabase(Date.UTC(2100, 6, 1)))
  })
})

describe('toRomeWallClock', () => {
  it('runs in a process whose zone is not Rome, so every other test proves zone independence', () => {
    expect(process.env.TZ).toBe('America/New_York')
    expect(new Date('2026-06-01T10:00:00+02:00').getHours()).toBe(4)
  })

  it('reads the date, weekday and minute of an instant in Rome', () => {
    expect(toRomeWallClock(new Date('2026-06-01T09:30:00+02:00'))).toEqual({ date: '2026-06-01', weekday: 'mo', minutes: 570 })
    expect(toRomeWallClock(new Date('2026-01-15T23:59:00+01:00'))).toEqual({ date: '2026-01-15', weekday: 'th', minutes: 1439 })
  })

  it('starts a new Rome day at Rome midnight, not at UTC or New York midnight', () => {
    expect(toRomeWallClock(new Date('2026-06-30T22:00:00Z'))).toEqual({ date: '2026-07-01', weekday: 'we', minutes: 0 })
    expect(toRomeWallClock(new Date('2026-12-31T23:00:00Z'))).toEqual({ date: '2027-01-01', weekday: 'fr', minutes: 0 })
  })

  it('jumps from 01:59 to 03:00 on the last Sunday of March', () => {
    expect(toRomeWallClock(new Date('2026-03-29T00:59:00Z')).minutes).toBe(119)
    expect(toRomeWallClock(new Date('2026-03-29T01:00:00Z')).minutes).toBe(180)
  })

  it('shows 02:30 twice on the last Sunday of October', () => {
    expect(toRomeWallClock(new Date('2026-10-25T02:30:00+02:00')).minutes).toBe(150)
    expect(toRomeWallClock(new Date('2026-10-25T02:30:00+01:00')).minutes).toBe(150)
  })

  it('agrees with an independent formatter on any instant between 1980 and 2080', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1) / 60_000, max: Date.UTC(2080, 0, 1) / 60_000 }), (minute) => {
        const at = new Date(minute * 60_000)
        const wall = toRomeWallClock(at)
        const hhmm = `${String(Math.floor(wall.minutes / 60)).padStart(2, '0')}:${String(wall.minutes % 60).padStart(2, '0')}`
        expect(`${wall.date} ${hhmm}`).toBe(oracle.format(at))
        expect(wall.weekday).toBe(weekdayOf(wall.date))
      }),
      { numRuns: 500 },
    )
  })
})

describe('romeOffsetMinutes', () => {
  it('is one hour in winter and two in summer', () => {
    expect(romeOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60)
    expect(romeOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120)
  })
})

describe('romeInstant', () => {
  it('gives the instant of a Rome wall-clock time in winter and in summer', () => {
    expect(iso(romeInstant('2026-01-15', 9 * 60))).toBe(iso(new Date('2026-01-15T09:00:00+01:00')))
    expect(iso(romeInstant('2026-07-15', 9 * 60 + 30))).toBe(iso(new Date('2026-07-15T09:30:00+02:00')))
  })

  it('reads 24:00 as the next midnight', () => {
    expect(iso(romeInstant('2026-01-15', 1440))).toBe(iso(new Date('2026-01-16T00:00:00+01:00')))
  })

  it('takes the instant just after the spring-forward gap for a time inside it', () => {
    expect(iso(romeInstant('2026-03-29', 119))).toBe(iso(new Date('2026-03-29T01:59:00+01:00')))
    expect(iso(romeInstant('2026-03-29', 120))).toBe(iso(new Date('2026-03-29T03:00:00+02:00')))
    expect(iso(romeInstant('2026-03-29', 150))).toBe(iso(new Date('2026-03-29T03:00:00+02:00')))
    expect(iso(romeInstant('2026-03-29', 180))).toBe(iso(new Date('2026-03-29T03:00:00+02:00')))
    expect(iso(romeInstant('2026-03-29', 181))).toBe(iso(new Date('2026-03-29T03:01:00+02:00')))
  })

  it('takes the first occurrence in the autumn overlap, and knows the second', () => {
    expect(iso(romeInstant('2026-10-25', 150))).toBe(iso(new Date('2026-10-25T02:30:00+02:00')))
    expect(romeOccurrences('2026-10-25', 150).map((ms) => iso(new Date(ms)))).toEqual([
      iso(new Date('2026-10-25T02:30:00+02:00')),
      iso(new Date('2026-10-25T02:30:00+01:00')),
    ])
    expect(iso(romeInstant('2026-10-25', 180))).toBe(iso(new Date('2026-10-25T03:00:00+01:00')))
  })

  it('inverts toRomeWallClock: every instant is one of the occurrences of its wall-clock time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1) / 60_000, max: Date.UTC(2080, 0, 1) / 60_000 }), (minute) => {
        const wall = toRomeWallClock(new Date(minute * 60_000))
        expect(romeOccurrences(wall.date, wall.minutes)).toContain(minute * 60_000)
      }),
      { numRuns: 500 },
    )
  })

  it('rejects a date that is not YYYY-MM-DD, naming what it got', () => {
    expect(() => romeInstant('29/03/2026', 0)).toThrow('date must be YYYY-MM-DD, got "29/03/2026"')
  })
})

describe('addDays and weekdayOf', () => {
  it('count calendar days across month ends, leap days and DST changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(addDays('2026-10-25', 366)).toBe('2027-10-26')
  })

  it('name the weekday of a date', () => {
    expect(weekdayOf('2026-03-29')).toBe('su')
    expect(weekdayOf('2026-06-01')).toBe('mo')
    expect(weekdayOf('2024-02-29')).toBe('th')
  })
})

describe('romeDateTimeText', () => {
  // The operators' console showed history, reports and conflicts in UTC, unlabelled: an hour early in winter, two in summer.
  it("writes an instant as Rome's wall clock, to the minute, across both clock changes", async () => {
    const { romeDateTimeText } = await import('../../../shared/hours/rome-time.ts')
    expect(romeDateTimeText('2026-12-07T08:41:30.000Z')).toBe('2026-12-07 09:41')
    expect(romeDateTimeText('2026-07-01T22:30:00Z')).toBe('2026-07-02 00:30')
    expect(romeDateTimeText('2026-03-29T00:59:00Z')).toBe('2026-03-29 01:59')
    expect(romeDateTimeText('2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00')
    expect(romeDateTimeText('2026-12-07T09:41:00+01:00')).toBe('2026-12-07 09:41')
  })
})
