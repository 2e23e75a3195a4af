import { romeOffsetMinutes, toRomeWallClock } from '../hours/rome-time.ts'

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/**
 * ISO 8601 with the Europe/Rome offset of that instant (`2026-03-29T03:00:00+02:00`): what the
 * API promises for every time it returns, so a reader sees the local wall clock and the offset.
 * Built on the Rome clock of `rome-time.ts` (arithmetic within the EU summer-time rule's years).
 * Seconds are truncated; Rome's offsets are whole minutes, so the seconds read as in UTC.
 */
export function toRomeIso(at: Date): string {
  const wall = toRomeWallClock(at)
  const seconds = Math.floor(at.getTime() / 1000) - Math.floor(at.getTime() / 60_000) * 60
  const offset = romeOffsetMinutes(at)
  const abs = Math.abs(offset)
  const sign = offset >= 0 ? '+' : '-'
  return `${wall.date}T${pad2(Math.floor(wall.minutes / 60))}:${pad2(wall.minutes % 60)}:${pad2(seconds)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
}
