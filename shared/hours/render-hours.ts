import { minutesOfDay, WEEKDAYS } from '../vocabulary.ts'
import type { WeeklySchedule, Weekday } from '../schemas/hours.ts'
import { groupDaysWithSameHours, groupIntervalsOnSameDays, weekdayRuns, type DayGroup } from './group-days.ts'
import type { MinuteInterval } from './normalize-schedule.ts'

/**
 * Human-readable weekly hours: `lun–ven 9:00–13:00; mar, gio 14:00–16:00`. Clauses add up, the
 * way Italian offices write their hours (that line means Tuesday 9–13 and 14–16), and
 * parseItalianHours reads the Italian text back to the same schedule.
 */

interface Vocabulary {
  days: Record<Weekday, string>
  closed: string
}

const ITALIAN: Vocabulary = {
  days: { mo: 'lun', tu: 'mar', we: 'mer', th: 'gio', fr: 'ven', sa: 'sab', su: 'dom' },
  closed: 'chiuso',
}
const ENGLISH: Vocabulary = {
  days: { mo: 'Mon', tu: 'Tue', we: 'Wed', th: 'Thu', fr: 'Fri', sa: 'Sat', su: 'Sun' },
  closed: 'closed',
}

/** 9:00, 13:30, 24:00: no leading zero, as on a shop door (and in the page). */
export const clockTime = (minutes: number): string => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`

/** "09:30" (a schedule's TimeOfDay) → "9:30", as clockTime writes every time. */
export const shortTime = (hhmm: string): string => clockTime(minutesOfDay(hhmm))

function renderDays(days: readonly Weekday[], words: Vocabulary): string {
  return weekdayRuns(days)
    .map(([a, b]) => {
      const span = WEEKDAYS.indexOf(b) - WEEKDAYS.indexOf(a)
      if (span === 0) return words.days[a]
      return span === 1 ? `${words.days[a]}, ${words.days[b]}` : `${words.days[a]}–${words.days[b]}`
    })
    .join(', ')
}

const renderIntervals = (intervals: readonly MinuteInterval[]): string =>
  intervals.map((i) => `${clockTime(i.start)}–${clockTime(i.end)}`).join(', ')

const renderGroups = (groups: readonly DayGroup[], words: Vocabulary): string =>
  groups.map((g) => `${renderDays(g.days, words)} ${renderIntervals(g.intervals)}`).join('; ')

/**
 * Two layouts say the same thing: one clause per set of days with identical hours
 * (`lun, mer, ven 9:00–13:00; mar, gio 9:00–13:00, 14:00–16:00`) or one clause per set of
 * intervals shared by the same days (`lun–ven 9:00–13:00; mar, gio 14:00–16:00`). The shorter
 * is easier to read; on a tie, each day's hours in one place wins.
 */
function renderHours(schedule: WeeklySchedule, words: Vocabulary): string {
  const byDay = renderGroups(groupDaysWithSameHours(schedule), words)
  if (byDay === '') return words.closed
  const layered = renderGroups(groupIntervalsOnSameDays(schedule), words)
  return layered.length < byDay.length ? layered : byDay
}

export const renderItalianHours = (schedule: WeeklySchedule): string => renderHours(schedule, ITALIAN)

export const renderEnglishHours = (schedule: WeeklySchedule): string => renderHours(schedule, ENGLISH)
