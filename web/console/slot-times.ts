import { formatTimeOfDay } from '../../shared/hours/normalize-schedule.ts'
import { minutesOfDay } from '../../shared/vocabulary.ts'

/**
 * Opening slots in the console's time fields. `<input type="time">` holds 00:00–23:59, while a
 * slot may end at midnight, stored as 24:00 (end of the day): shown as 00:00, and an end entered
 * as 00:00 is that midnight (an end is always after its start, on the same day).
 */
export const inputTime = (stored: string): string => (stored === '24:00' ? '00:00' : stored)

export const storedTime = (entered: string, which: 'start' | 'end'): string => (which === 'end' && entered === '00:00' ? '24:00' : entered)

/**
 * The slot "Aggiungi una fascia" proposes: an hour after the last one ends, three hours long, cut at
 * midnight; a morning when the day has no room left. Always a slot the API accepts (end after start).
 */
export function nextSlot(intervals: ReadonlyArray<{ start: string; end: string }>): { start: string; end: string } {
  const last = intervals.at(-1)
  if (!last) return { start: '09:00', end: '13:00' }
  const start = Math.ceil((minutesOfDay(last.end) + 30) / 60) * 60
  if (start >= 24 * 60) return { start: '09:00', end: '13:00' }
  return { start: formatTimeOfDay(start), end: formatTimeOfDay(Math.min(start + 3 * 60, 24 * 60)) }
}
