import type { PointView } from '../../shared/schemas/point-view.ts'
import { CLOSING_SOON_MINUTES } from './opening-status.ts'

/** How often a list whose statuses count the minutes to a closing is asked again. */
export const RECOUNT_EVERY_MS = 5 * 60_000

/**
 * Whether the list on screen says something no longer true: the statuses are the API's at the
 * time of its answer, and a page left open said "Aperto ora · chiude tra 4 min" three quarters of
 * an hour later, under "Solo aperti ora". Outdated once a time it shows has passed (a closing, an
 * opening, of a point or of the site it shows), or, every few minutes, while a status counts the
 * minutes to a closing. Times already past when the answer came (a device whose clock runs ahead
 * of the server's) never make it outdated, so such a device does not ask again every minute.
 */
export function answerOutdated(items: readonly PointView[], answeredAt: number, now: number): boolean {
  let first = Infinity
  for (const point of items) {
    for (const time of [point.closes_at, point.next_opening, point.site?.closes_at, point.site?.next_opening]) {
      const at = time ? Date.parse(time) : Number.NaN
      if (at > answeredAt && at < first) first = at
    }
  }
  if (now >= first) return true
  if (now - answeredAt < RECOUNT_EVERY_MS) return false
  return items.some((point) => [point, point.site].some((shown) => shown?.open_now === true && shown.closes_at !== null && Date.parse(shown.closes_at) - now <= CLOSING_SOON_MINUTES * 60_000))
}
