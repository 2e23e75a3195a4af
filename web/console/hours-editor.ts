import { WEEKDAYS, type Weekday } from '../../shared/vocabulary.ts'
import type { Site } from '../../shared/schemas/point.ts'
import { h, replaceChildren } from '../dom/h.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import type { ConsoleTranslate } from './console-messages.ts'
import { fieldId } from './field-ids.ts'
import { inputTime, nextSlot, storedTime } from './slot-times.ts'

type Schedule = NonNullable<Site['opening_hours']>

/**
 * A site's week, day by day: each day's opening intervals as pairs of time fields, a button to
 * add one and one to remove each; a day without intervals says "chiuso". Every field is labelled
 * with its day and interval, so a screen reader user hears "lunedì, fascia 1, dalle".
 * Hours an import could not read come as their published text with no week: the text is shown
 * above the days, which say "non indicato" rather than "chiuso" until a slot is added (a week set
 * here then replaces the text, see shared/registry/published-hours.ts).
 */
export function hoursEditor(site: Site, siteIndex: number, t: ConsoleTranslate, onChange: (schedule: Schedule) => void): HTMLElement {
  const schedule: Schedule = structuredClone(site.opening_hours ?? {})
  const days = h('div', { class: 'pv-hours-editor__days' })
  /** Each day's render, for the other days when the week goes from none to one (their "non indicato" becomes "chiuso") or back. */
  const renders: Array<() => void> = []
  const unreadable = site.opening_hours_unparsed === true && site.opening_hours_source !== undefined
  const noWeekYet = () => unreadable && WEEKDAYS.every((day) => (schedule[day]?.length ?? 0) === 0)
  let hadNoWeek = noWeekYet()
  const changed = () => {
    onChange(structuredClone(schedule))
    if (noWeekYet() !== hadNoWeek) {
      hadNoWeek = noWeekYet()
      for (const render of renders) render()
    }
  }

  const dayGroup = (day: Weekday): HTMLElement => {
    const group = h('fieldset', { class: 'pv-hours-editor__day' })
    const render = () => {
      const intervals = schedule[day] ?? []
      const dayName = t(`day.${day}` as MessageKey)
      replaceChildren(
        group,
        h('legend', {}, dayName),
        intervals.length === 0 ? h('p', { class: 'pv-hint' }, t(noWeekYet() ? 'console.hours.not_given' : 'console.hours.closed')) : null,
        ...intervals.map((interval, k) => {
          const path = `sites.${siteIndex}.opening_hours.${day}.${k}`
          const time = (end: 'start' | 'end') =>
            h(
              'label',
              { class: 'pv-hours-editor__time' },
              h('span', { class: 'pv-visually-hidden' }, `${dayName}, ${t('console.hours.interval', { n: k + 1 })}, `),
              t(end === 'start' ? 'console.hours.from' : 'console.hours.to'),
              h('input', {
                type: 'time',
                id: fieldId(`${path}.${end}`),
                class: 'pv-input',
                value: inputTime(interval[end]),
                required: true,
                onchange: (event: Event) => {
                  schedule[day]![k]![end] = storedTime((event.target as HTMLInputElement).value, end)
                  changed()
                },
              }),
            )
          return h(
            'div',
            { class: 'pv-hours-editor__interval' },
            time('start'),
            time('end'),
            h(
              'button',
              {
                type: 'button',
                class: 'pv-button pv-button--link',
                onclick: () => {
                  schedule[day] = intervals.filter((_, i) => i !== k)
                  if (schedule[day]!.length === 0) delete schedule[day]
                  changed()
                  render()
                  group.querySelector<HTMLElement>('button')?.focus()
                },
              },
              t('console.hours.remove'),
              h('span', { class: 'pv-visually-hidden' }, ` ${dayName} ${t('console.hours.interval', { n: k + 1 })}`),
            ),
          )
        }),
        h(
          'button',
          {
            type: 'button',
            class: 'pv-button pv-button--outline pv-hours-editor__add',
            onclick: () => {
              schedule[day] = [...intervals, nextSlot(intervals)]
              changed()
              render()
              group.querySelectorAll<HTMLInputElement>('input[type="time"]')[(schedule[day]!.length - 1) * 2]?.focus()
            },
          },
          t('console.hours.add'),
          h('span', { class: 'pv-visually-hidden' }, ` ${dayName}`),
        ),
      )
    }
    renders.push(render)
    render()
    return group
  }
  for (const day of WEEKDAYS) days.append(dayGroup(day))
  return h(
    'div',
    { class: 'pv-hours-editor' },
    unreadable ? h('p', { class: 'pv-hours-editor__published' }, t('console.hours.unreadable'), ' ', h('q', {}, site.opening_hours_source!)) : null,
    days,
  )
}
