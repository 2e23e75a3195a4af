/**
 * Times and dates read from their character codes (the schema has checked their shape): the
 * snapshot builder reads a million of them, and slicing or `Number()` would make as many strings.
 */

/** "HH:MM" → minutes since midnight. */
export function minutesOf(time: string): number {
  return (time.charCodeAt(0) - 48) * 600 + (time.charCodeAt(1) - 48) * 60 + (time.charCodeAt(3) - 48) * 10 + (time.charCodeAt(4) - 48)
}

/** "YYYY-MM-DD" → days since 1970-01-01 (a calendar date, the same in every zone). */
export function epochDay(date: string): number {
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48)
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48)
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48)
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000)
}
