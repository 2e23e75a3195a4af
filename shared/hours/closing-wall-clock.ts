import { clockTime } from './render-hours.ts'
import { addDays, toRomeWallClock } from './rome-time.ts'

/**
 * When an opening ends, on Rome's clock as people say it: a closing at 00:00 is the end of the day
 * before, at 24:00. "Chiude alle 0:00" read as tonight for a desk open round the clock until
 * Saturday night; "chiude sabato alle 24:00" is what it means.
 */
export function closingWallClock(closesAt: Date): { readonly date: string; readonly time: string } {
  const wall = toRomeWallClock(closesAt)
  return wall.minutes === 0 ? { date: addDays(wall.date, -1), time: '24:00' } : { date: wall.date, time: clockTime(wall.minutes) }
}
