import { shortTime } from '../hours/render-hours.ts'
import type { DayPlan } from '../hours/next-days.ts'
import type { MessageKey, Translate } from './messages.ts'

/**
 * One of a site's next days in words, as the locator's detail and the point's own page both say
 * it: its hours ("9:00–12:00", "festivo (Immacolata Concezione): 9:00–12:00"), or why there are
 * none (the holiday by name, a closure by its reason, out of season). `reason` is the registry's
 * own text inside `text` (a closure's reason), for a page to mark its language.
 */
export function dayPlanWords(plan: DayPlan, t: Translate, separator: string): { text: string; reason: string | null } {
  const holiday = (key: string) => t(`holiday.${key}` as MessageKey)
  switch (plan.kind) {
    case 'open': {
      const hours = plan.intervals.map((i) => `${shortTime(i.start)}–${shortTime(i.end)}${i.place ? ` (${i.place})` : ''}`).join(', ')
      return { text: plan.holiday ? `${t('detail.day_holiday_open', { name: holiday(plan.holiday) })}${separator}${hours}` : hours, reason: null }
    }
    case 'holiday':
      return { text: t('detail.day_holiday', { name: holiday(plan.holiday) }), reason: null }
    case 'closure':
      return plan.reason ? { text: t('detail.day_closure', { reason: plan.reason }), reason: plan.reason } : { text: t('detail.day_closure_no_reason'), reason: null }
    case 'out_of_season':
      return { text: t('detail.day_out_of_season'), reason: null }
    case 'closed':
      return { text: t('detail.day_closed'), reason: null }
  }
}
