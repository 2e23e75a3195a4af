import { describe, expect, it } from 'vitest'
import { groupDaysWithSameHours, groupIntervalsOnSameDays, weekdayRuns } from '../../../shared/hours/group-days.ts'

const morning = [{ start: '09:00', end: '13:00' }]
const both = [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '16:00' }]
const week = { mo: morning, tu: both, we: morning, th: both, fr: morning }

describe('groupDaysWithSameHours', () => {
  it('puts each day in exactly one group with its whole hours', () => {
    expect(groupDaysWithSameHours(week)).toEqual([
      { days: ['mo', 'we', 'fr'], intervals: [{ start: 540, end: 780 }] },
      { days: ['tu', 'th'], intervals: [{ start: 540, end: 780 }, { start: 840, end: 960 }] },
    ])
  })
})

describe('groupIntervalsOnSameDays', () => {
  it('groups each interval with all the days that have it', () => {
    expect(groupIntervalsOnSameDays(week)).toEqual([
      { days: ['mo', 'tu', 'we', 'th', 'fr'], intervals: [{ start: 540, end: 780 }] },
      { days: ['tu', 'th'], intervals: [{ start: 840, end: 960 }] },
    ])
  })
})

describe('weekdayRuns', () => {
  it('finds consecutive days in week order without wrapping past Sunday', () => {
    expect(weekdayRuns(['fr', 'mo', 'tu', 'we'])).toEqual([['mo', 'we'], ['fr', 'fr']])
    expect(weekdayRuns(['su', 'mo'])).toEqual([['mo', 'mo'], ['su', 'su']])
  })
})
