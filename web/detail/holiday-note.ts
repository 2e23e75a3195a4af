import { isItalianPublicHoliday } from '../../shared/hours/holidays.ts'
import type { Site } from '../../shared/schemas/point.ts'
import type { Translate } from '../../shared/i18n/messages.ts'

export interface HolidayNote {
  /** What the weekly hours do on national public holidays: "Chiuso nei giorni festivi nazionali". */
  readonly rule: string
  /** Set only when `today` is a national holiday: "oggi è festivo: chiuso". */
  readonly today: string | null
  /** True when today is a national holiday and the site keeps it: today's weekly hours do not apply. */
  readonly closedToday: boolean
}

/**
 * The public-holiday line of a site's week. A weekly schedule says nothing about Capodanno or
 * Pasquetta, and the registry's default is closed on Italy's national holidays
 * (`Site.public_holidays`, see shared/hours/open-at.ts): the citizen must read it beside the
 * hours, and be told when the day they are looking at is one. `today` is a Rome date (YYYY-MM-DD).
 */
export function holidayNote(site: Pick<Site, 'public_holidays'>, today: string, t: Translate): HolidayNote {
  const rule = site.public_holidays ?? 'closed'
  const isHoliday = isItalianPublicHoliday(today)
  return {
    rule: t(rule === 'open' ? 'detail.holidays.open' : 'detail.holidays.closed'),
    today: isHoliday ? t(rule === 'open' ? 'detail.holiday_today.open' : 'detail.holiday_today.closed') : null,
    closedToday: isHoliday && rule === 'closed',
  }
}
