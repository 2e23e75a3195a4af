import { describe, expect, it } from 'vitest'
import { formatTimeOfDay, mergeIntervals, normalizeSchedule } from '../../../shared/hours/normalize-schedule.ts'

describe('mergeIntervals', () => {
  it('sorts and joins intervals that overlap or touch, keeping the gaps', () => {
    expect(mergeIntervals([{ start: 840, end: 960 }, { start: 540, end: 720 }, { start: 720, end: 780 }, { start: 600, end: 660 }])).toEqual([
      { start: 540, end: 780 },
      { start: 840, end: 960 },
    ])
  })
})

describe('formatTimeOfDay', () => {
  it('writes minutes as HH:MM, midnight at the end of the day as 24:00', () => {
    expect(formatTimeOfDay(0)).toBe('00:00')
    expect(formatTimeOfDay(570)).toBe('09:30')
    expect(formatTimeOfDay(1440)).toBe('24:00')
  })
})

describe('normalizeSchedule', () => {
  it('orders days and intervals, merges touching ones and drops empty days', () => {
    expect(
      normalizeSchedule({
        we: [{ start: '14:00', end: '16:00' }, { start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }],
        mo: [],
        su: [{ start: '10:00', end: '11:00' }],
      }),
    ).toEqual({ we: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '16:00' }], su: [{ start: '10:00', end: '11:00' }] })
    expect(Object.keys(normalizeSchedule({ su: [{ start: '10:00', end: '11:00' }], mo: [{ start: '10:00', end: '11:00' }] }))).toEqual(['mo', 'su'])
  })
})
