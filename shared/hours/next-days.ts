import { italianPublicHolidays } from './holidays.ts'
import { seasonCovers, siteSessionsOn } from './open-at.ts'
import { addDays } from './rome-time.ts'
import type { Site } from '../schemas/point.ts'
import { timeOfDay } from '../vocabulary.ts'

/**
 * A site's next days as a citizen plans a visit: each date with its hours, or why there are none
 * (a national holiday the site keeps, a dated closure and its reason, out of season). The weekly
 * table says what usually happens; this says what happens on Tuesday 8 December.
 */
export type DayPlan =
  | { readonly date: string; readonly kind: 'open'; readonly intervals: ReadonlyArray<{ start: string; end: string; place: string | null }>; /** A holiday's message key (`holiday.<key>`). */ readonly holiday: string | null }
  | { readonly date: string; readonly kind: 'holiday'; readonly holiday: string }
  | { readonly date: string; readonly kind: 'closure'; readonly reason: string | null }
  | { readonly date: string; readonly kind: 'out_of_season' }
  | { readonly date: string; readonly kind: 'closed' }

export function nextDays(site: Site, today: string, days = 7): DayPlan[] {
  const plans: DayPlan[] = []
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(today, offset)
    const holiday = holidayName(date)
    const intervals = siteSessionsOn(site, date)
    if (intervals.length > 0) {
      plans.push({
        date,
        kind: 'open',
        intervals: intervals.map((i) => ({ start: timeOfDay(i.start), end: timeOfDay(i.end), place: i.place?.label ?? null })),
        holiday,
      })
      continue
    }
    const closure = site.closures?.find((c) => c.from <= date && date <= c.to)
    if (closure) plans.push({ date, kind: 'closure', reason: closure.reason ?? null })
    else if (holiday && (site.public_holidays ?? 'closed') === 'closed') plans.push({ date, kind: 'holiday', holiday })
    else if (!seasonCovers(site, date)) plans.push({ date, kind: 'out_of_season' })
    else plans.push({ date, kind: 'closed' })
  }
  return plans
}

/** The holiday's key in the message catalogues (`holiday.<key>`), so the detail names it in the page's language. */
function holidayName(date: string): string | null {
  return italianPublicHolidays(Number(date.slice(0, 4))).find((h) => h.date === date)?.key ?? null
}
