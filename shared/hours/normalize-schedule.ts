import { WEEKDAYS, minutesOfDay } from '../vocabulary.ts'
import type { Interval, WeeklySchedule, Weekday } from '../schemas/hours.ts'

/** An interval of one local day in minutes since midnight, end exclusive (1440 = midnight). */
export interface MinuteInterval {
  start: number
  end: number
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** Minutes since midnight as "HH:MM" (1440 → "24:00"). */
export const formatTimeOfDay = (minutes: number): string => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`

/**
 * Sorts intervals and joins those that overlap or touch (9–12 and 12–13 are one opening:
 * nobody is turned away at noon). `combine` builds the joined item, so callers can carry
 * extra fields (a stop's place) through the merge.
 */
export function mergeIntervals<T extends MinuteInterval>(
  intervals: readonly T[],
  combine: (a: T, b: T) => T = (a, b) => ({ ...a, end: Math.max(a.end, b.end) }),
): T[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: T[] = []
  for (const interval of sorted) {
    const last = merged[merged.length - 1]
    if (last && interval.start <= last.end) merged[merged.length - 1] = combine(last, interval)
    else merged.push(interval)
  }
  return merged
}

/** One day of a schedule in minutes, as written (not merged). */
export const dayMinutes = (schedule: WeeklySchedule, day: Weekday): MinuteInterval[] =>
  (schedule[day] ?? []).map((i: Interval) => ({ start: minutesOfDay(i.start), end: minutesOfDay(i.end) }))

/**
 * The canonical form of a schedule: days in mo…su order, intervals sorted and merged, closed days
 * left out. Parsers return it, so two spellings of the same hours compare equal.
 */
export function scheduleFromDayMinutes(days: Partial<Record<Weekday, readonly MinuteInterval[]>>): WeeklySchedule {
  const schedule: WeeklySchedule = {}
  for (const day of WEEKDAYS) {
    const merged = mergeIntervals(days[day] ?? [])
    if (merged.length > 0) schedule[day] = merged.map((i) => ({ start: formatTimeOfDay(i.start), end: formatTimeOfDay(i.end) }))
  }
  return schedule
}

export const normalizeSchedule = (schedule: WeeklySchedule): WeeklySchedule =>
  scheduleFromDayMinutes(Object.fromEntries(WEEKDAYS.map((day) => [day, dayMinutes(schedule, day)])))
