import { isItalianPublicHoliday } from '../../shared/hours/holidays.ts'
import { minutesOfDay, SERVICES, SITE_KINDS, timeOfDay, TOPICS } from '../../shared/vocabulary.ts'
import { addDays, toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { h } from '../dom/h.ts'
import { clockTime, formatDate } from '../i18n/format.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import type { LocatorState } from '../state/locator-state.ts'
import type { ViewContext } from './view-context.ts'

export type FilterPatch = Partial<Pick<LocatorState, 'service' | 'topic' | 'kind' | 'open_now' | 'open_at' | 'accessible'>>

/**
 * "When you can go" offers the coming two weeks, today first, at the half hours a point is likely
 * open: two, because a holiday on the citizen's usual weekday leaves the same weekday of the next.
 */
const DAYS_AHEAD = 14
const FIRST_MINUTE = 7 * 60
const LAST_MINUTE = 21 * 60
const MINUTE_STEP = 30
const DEFAULT_TIME = '10:00'

/** A day as the choice and the chip say it: "oggi, lunedì 7 dicembre", "mercoledì 9 dicembre". */
export function dayLabel(date: string, today: string, { t, lang }: Pick<ViewContext, 't' | 'lang'>): string {
  // A national holiday is said: most points keep it closed, so its list may be short.
  const words = isItalianPublicHoliday(date) ? t('filters.holiday_date', { date: formatDate(date, lang) }) : formatDate(date, lang)
  if (date === today) return t('filters.today_date', { date: words })
  if (date === addDays(today, 1)) return t('filters.tomorrow_date', { date: words })
  return words
}

/**
 * When (open now, or a day and a time of the coming two weeks), service, topic, kind, step-free:
 * native controls, so keyboards, screen readers and phones handle them without help. Service and
 * topic take several values, as the URL and the API do (a comma list: every one required), so
 * each is a group of checkboxes in a fieldset whose legend names it. Kind stays a single choice.
 */
export function createFilterControls(options: { context: ViewContext; idPrefix: string; onChange: (patch: FilterPatch) => void; onDone: () => void }) {
  const { context, idPrefix, onChange } = options
  const { t } = context
  const checkbox = (id: string, name: string, value: string | null, label: string, onchange: (checked: boolean) => void) => {
    const element = h('input', { id, name, value, type: 'checkbox', class: 'pv-checkbox', onchange: (e: Event) => onchange((e.target as HTMLInputElement).checked) })
    return { element, field: h('div', { class: 'pv-field pv-field--check' }, element, h('label', { for: id }, label)) }
  }
  const checkGroup = <T extends string>(name: 'service' | 'topic', values: readonly T[], legendKey: MessageKey) => {
    const hintId = `${idPrefix}-${name}-hint`
    // The boxes are in vocabulary order, so reading the ticked ones gives the URL a stable order.
    const boxes = values.map((value) =>
      checkbox(`${idPrefix}-${name}-${value}`, name, value, t(`${name}.${value}` as MessageKey), () => onChange({ [name]: boxes.filter((b) => b.element.checked).map((b) => b.element.value as T) })),
    )
    const field = h(
      'fieldset',
      { class: 'pv-choices', 'aria-describedby': hintId },
      h('legend', { class: 'pv-label' }, t(legendKey)),
      h('p', { id: hintId, class: 'pv-hint' }, t('filters.all_required')),
      h('div', { class: 'pv-choices__options' }, ...boxes.map((b) => b.field)),
    )
    return { field, show: (chosen: readonly string[]) => boxes.forEach((b) => (b.element.checked = chosen.includes(b.element.value))) }
  }
  const kindId = `${idPrefix}-kind`
  const kind = h(
    'select',
    { id: kindId, name: 'kind', class: 'pv-select', onchange: (e: Event) => onChange({ kind: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value as LocatorState['kind'][number]] : [] }) },
    h('option', { value: '' }, t('filters.any')),
    ...SITE_KINDS.map((v) => h('option', { value: v }, t(`kind.${v}` as MessageKey))),
  )
  const service = checkGroup('service', SERVICES, 'filters.service')
  const topic = checkGroup('topic', TOPICS, 'filters.topic')
  // "Open now" and "open at" are one choice, as the API takes one of the two.
  const openNow = checkbox(`${idPrefix}-open_now`, 'open_now', null, t('filters.open_now'), (checked) => onChange(checked ? { open_now: true, open_at: null } : { open_now: false }))
  const when = whenControls()
  const accessible = checkbox(`${idPrefix}-accessible`, 'accessible', null, t('filters.accessible'), (checked) => onChange({ accessible: checked }))
  const summary = h('summary', { class: 'pv-filters__summary' }, t('filters.title'))
  // Closes the panel and takes the citizen to the results, which have followed every change live.
  const done = h('button', { type: 'button', class: 'pv-button pv-filters__done', onclick: () => {
    element.open = false
    options.onDone()
  } }, t('filters.show_results_uncounted'))
  const footer = h('div', { class: 'pv-filters__footer' }, done)
  // Folded on arrival, whatever the link says: a shared link opens on the results, and the
  // filters it carries show as chips above them, each removable with one tap.
  const element = h(
    'details',
    { class: 'pv-filters' },
    summary,
    h(
      'fieldset',
      { class: 'pv-filters__fields' },
      h('legend', { class: 'pv-visually-hidden' }, t('filters.title')),
      h('fieldset', { class: 'pv-choices pv-when', 'aria-describedby': when.hintId }, h('legend', { class: 'pv-label' }, t('filters.when')), h('p', { id: when.hintId, class: 'pv-hint' }, t('filters.when_hint')), openNow.field, when.fields),
      h('div', { class: 'pv-filters__checks' }, accessible.field),
      h('div', { class: 'pv-field pv-filters__kind' }, h('label', { for: kindId, class: 'pv-label' }, t('filters.kind')), kind),
      service.field,
      topic.field,
    ),
    footer,
  )
  // The bar's own height, for the controls' scroll margin: with large text its button wraps to
  // several lines, and a margin for one line left the focused control under the bar (WCAG 2.4.7).
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => {
      element.style.setProperty('--pv-filters-footer', `${footer.offsetHeight}px`)
      // A bar over a quarter of the screen hides more than it helps: it then stays at the panel's end.
      footer.classList.toggle('pv-filters__footer--static', footer.offsetHeight > window.innerHeight / 4)
    }).observe(footer)
  }
  const chips = h('ul', { class: 'pv-chips', 'aria-label': t('filters.active') })
  const chip = (label: string, patch: FilterPatch) =>
    h('li', {}, h('button', { type: 'button', class: 'pv-chip', 'aria-label': t('filters.remove', { label }), onclick: () => {
      onChange(patch)
      // The chip is gone with its filter: the keyboard goes on from the filters' heading, not from the top of the page.
      summary.focus()
    } }, label, h('span', { class: 'pv-chip__x', 'aria-hidden': 'true' }, ' ✕')))
  /**
   * A day of the coming two weeks ("any day" first) and a time: choosing a day asks for the points open
   * then; a time chosen first means its next coming (today, or tomorrow once it is past), so it
   * never silently does nothing. Nothing already past is offered: today's half hours gone
   * are disabled, and after the last one today is not in the list. A link's own day or time outside
   * the lists is added to them, so the controls always show what the results answer.
   */
  function whenControls() {
    const dayId = `${idPrefix}-open_at-day`
    const timeId = `${idPrefix}-open_at-time`
    /**
     * The time the citizen chose (or a link gave): choosing today moves a time already past to the
     * first half hour ahead, for today only; another day then gets the chosen time back (it stayed
     * at today's 18:30). What this control writes comes back through `show`, and is not a choice.
     */
    let wantedTime = DEFAULT_TIME
    let written: string | null = null
    const choose = () => {
      written = day.value ? `${day.value}T${time.value}` : null
      onChange(written ? { open_at: written, open_now: false } : { open_at: null })
    }
    /** Whether a day and a time of the lists are already past (today's half hours gone). */
    const isPast = (date: string, value: string): boolean => {
      const now = toRomeWallClock(context.now())
      return date === now.date && minutesOfDay(value) < now.minutes
    }
    /** Disables today's half hours already past; with `move`, a chosen one of them moves to the first still ahead. */
    const offerTimesAhead = (move: boolean) => {
      for (const option of time.options) option.disabled = isPast(day.value, option.value)
      const ahead = [...time.options].find((option) => !option.disabled)
      if (move && time.selectedOptions[0]?.disabled && ahead) time.value = ahead.value
    }
    const day = h('select', { id: dayId, name: 'open_at_day', class: 'pv-select', onchange: () => {
      time.value = wantedTime
      offerTimesAhead(true)
      choose()
    } })
    const time = h('select', { id: timeId, name: 'open_at_time', class: 'pv-select', onchange: () => {
      wantedTime = time.value
      if (!day.value) {
        const next = [...day.options].find((option) => option.value !== '' && !isPast(option.value, time.value))
        if (next) day.value = next.value
        offerTimesAhead(false)
      }
      choose()
    } })
    const timeOption = (value: string) => h('option', { value }, clockTime(minutesOfDay(value)))
    for (let minutes = FIRST_MINUTE; minutes <= LAST_MINUTE; minutes += MINUTE_STEP) time.append(timeOption(timeOfDay(minutes)))
    time.value = DEFAULT_TIME
    return {
      hintId: `${idPrefix}-when-hint`,
      fields: h(
        'div',
        { class: 'pv-when__at' },
        h('div', { class: 'pv-field' }, h('label', { for: dayId, class: 'pv-label' }, t('filters.day')), day),
        h('div', { class: 'pv-field' }, h('label', { for: timeId, class: 'pv-label' }, t('filters.time')), time),
      ),
      show(openAt: string | null, today: string): void {
        const now = toRomeWallClock(context.now())
        // After the day's last half hour, the days offered start tomorrow.
        const first = now.minutes > LAST_MINUTE ? 1 : 0
        const days = Array.from({ length: DAYS_AHEAD }, (_, i) => addDays(today, first + i))
        const chosenDay = openAt?.slice(0, 10)
        if (chosenDay && !days.includes(chosenDay)) days.push(chosenDay)
        days.sort()
        day.replaceChildren(h('option', { value: '' }, t('filters.day_any')), ...days.map((date) => h('option', { value: date }, dayLabel(date, today, context))))
        day.value = chosenDay ?? ''
        const chosenTime = openAt?.slice(11)
        if (chosenTime && ![...time.options].some((o) => o.value === chosenTime)) time.append(timeOption(chosenTime))
        if (chosenTime) time.value = chosenTime
        if (chosenTime && openAt !== written) wantedTime = chosenTime
        offerTimesAhead(false)
      },
    }
  }

  return {
    element: h('div', { class: 'pv-filters-block' }, element, chips),
    show(state: LocatorState): void {
      service.show(state.service)
      topic.show(state.topic)
      kind.value = state.kind[0] ?? ''
      openNow.element.checked = state.open_now
      const today = toRomeWallClock(context.now()).date
      when.show(state.open_at, today)
      accessible.element.checked = state.accessible
      const active = [
        ...(state.open_now ? [chip(t('filters.open_now'), { open_now: false })] : []),
        ...(state.open_at ? [chip(t('filters.open_at', { day: dayLabel(state.open_at.slice(0, 10), today, context), time: clockTime(minutesOfDay(state.open_at.slice(11))) }), { open_at: null })] : []),
        ...(state.accessible ? [chip(t('filters.accessible'), { accessible: false })] : []),
        ...state.kind.map((k) => chip(t(`kind.${k}` as MessageKey), { kind: state.kind.filter((x) => x !== k) })),
        ...state.service.map((v) => chip(t(`service.${v}` as MessageKey), { service: state.service.filter((x) => x !== v) })),
        ...state.topic.map((v) => chip(t(`topic.${v}` as MessageKey), { topic: state.topic.filter((x) => x !== v) })),
      ]
      chips.replaceChildren(...active)
      chips.hidden = active.length === 0
      summary.textContent = active.length > 0 ? t('filters.title_count', { count: active.length }) : t('filters.title')
    },
    /** The results are being fetched, or could not be: the button says no number (it said "NaN"). */
    forgetCount(): void {
      done.textContent = t('filters.show_results_uncounted')
    },
    /** The live count on the panel's button: `more` when the first page did not hold them all. */
    showCount(count: number, more: boolean): void {
      done.textContent = more ? t('filters.show_results_more', { count }) : count === 0 ? t('filters.show_results_none') : t('filters.show_results', { count })
    },
  }
}
