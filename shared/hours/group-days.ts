import { WEEKDAYS } from '../vocabulary.ts'
import type { WeeklySchedule, Weekday } from '../schemas/hours.ts'
import { dayMinutes, mergeIntervals, type MinuteInterval } from './normalize-schedule.ts'

/** Some weekdays that share some intervals: one clause of a rendered schedule. */
export interface DayGroup {
  days: Weekday[]
  intervals: MinuteInterval[]
}

const keyOf = (intervals: readonly MinuteInterval[]): string => intervals.map((i) => `${i.start}-${i.end}`).join(',')

function groupByKey(entries: Array<{ day: Weekday; intervals: MinuteInterval[] }>): DayGroup[] {
  const groups = new Map<string, DayGroup>()
  for (const { day, intervals } of entries) {
    const key = keyOf(intervals)
    const group = groups.get(key)
    if (group) group.days.push(day)
    else groups.set(key, { days: [day], intervals })
  }
  return [...groups.values()]
}

/**
 * Days with identical hours, one group per distinct day: `Mo,We,Fr 9–13; Tu,Th 9–13,14–16`.
 * Each day appears in exactly one group, which is what OSM needs (a later rule replaces a day).
 */
export function groupDaysWithSameHours(schedule: WeeklySchedule): DayGroup[] {
  const days = WEEKDAYS.map((day) => ({ day, intervals: mergeIntervals(dayMinutes(schedule, day)) }))
  return groupByKey(days.filter((d) => d.intervals.length > 0))
}

/**
 * Intervals grouped by the set of days that have them: `Mo–Fr 9–13; Tu,Th 14–16`. A day may
 * appear in several groups, and its hours are the union: the layered way Italian offices write
 * their hours. Groups come in order of their first day, then of their first interval.
 */
export function groupIntervalsOnSameDays(schedule: WeeklySchedule): DayGroup[] {
  const daysByInterval = new Map<string, { interval: MinuteInterval; days: Weekday[] }>()
  for (const day of WEEKDAYS) {
    for (const interval of mergeIntervals(dayMinutes(schedule, day))) {
      const key = keyOf([interval])
      const entry = daysByInterval.get(key)
      if (entry) entry.days.push(day)
      else daysByInterval.set(key, { interval, days: [day] })
    }
  }
  const groups = new Map<string, DayGroup>()
  for (const { interval, days } of daysByInterval.values()) {
    const key = days.join(',')
    const group = groups.get(key)
    if (group) group.intervals.push(interval)
    else groups.set(key, { days, intervals: [interval] })
  }
  const firstDay = (g: DayGroup): number => WEEKDAYS.indexOf(g.days[0] as Weekday)
  return [...groups.values()]
    .map((g) => ({ days: g.days, intervals: [...g.intervals].sort((a, b) => a.start - b.start) }))
    .sort((a, b) => firstDay(a) - firstDay(b) || (a.intervals[0]?.start ?? 0) - (b.intervals[0]?.start ?? 0))
}

/**
 * Consecutive runs of days, in week order: [mo,tu,we,fr] → [[mo,we],[fr,fr]]. Runs do not wrap
 * around Sunday, so every rendered range reads forwards (lun–ven, never dom–mar).
 */
export function weekdayRuns(days: readonly Weekday[]): Array<[Weekday, Weekday]> {
  const indexes = [...new Set(days.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b)
  const runs: Array<[number, number]> = []
  for (const i of indexes) {
    const last = runs[runs.length - 1]
    if (last && last[1] === i - 1) last[1] = i
    else runs.push([i, i])
  }
  return runs.map(([a, b]) => [WEEKDAYS[a] as Weekday, WEEKDAYS[b] as Weekday])
}
