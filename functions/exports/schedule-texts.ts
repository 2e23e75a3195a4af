import { renderItalianHours } from '../../shared/hours/italian-text.ts'
import { scheduleToOsm, type PublicHolidaysRule } from '../../shared/hours/osm-write.ts'
import type { WeeklySchedule } from '../../shared/schemas/hours.ts'

/**
 * A week's texts for the export files, each made once per distinct week: a whole-registry file
 * renders every site's hours, most sites share a handful of weeks, and rendering was most of a
 * row's cost (a national CSV took ~75 µs a row). Keyed by the week's JSON; at most
 * `WEEKS_KEPT` remembered, then forgotten all at once (a registry with more distinct weeks only
 * loses the saving).
 */
const WEEKS_KEPT = 20_000

function oncePerWeek(render: (schedule: WeeklySchedule, holidays: PublicHolidaysRule | undefined) => string) {
  const made = new Map<string, string>()
  return (schedule: WeeklySchedule, holidays?: PublicHolidaysRule): string => {
    const key = `${holidays ?? ''}|${JSON.stringify(schedule)}`
    let text = made.get(key)
    if (text === undefined) {
      if (made.size >= WEEKS_KEPT) made.clear()
      text = render(schedule, holidays)
      made.set(key, text)
    }
    return text
  }
}

/** The week in OpenStreetMap's syntax (`scheduleToOsm`). */
export const osmWeek = oncePerWeek((schedule, holidays) => scheduleToOsm(schedule, holidays))

/** The week as an Italian sentence (`renderItalianHours`). */
export const italianWeek = oncePerWeek((schedule) => renderItalianHours(schedule))
