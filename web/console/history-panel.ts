import { h, replaceChildren } from '../dom/h.ts'
import type { AdminClient } from './admin-client.ts'
import { fieldName, type ConsoleKey, type ConsoleTranslate } from './console-messages.ts'
import { romeDateTimeText } from '../../shared/hours/rome-time.ts'

/** A point's versions, newest first: when, who, what kind of change, which fields, why. */
export function historyPanel(pointId: string, client: AdminClient, t: ConsoleTranslate): HTMLElement {
  const root = h('section', { class: 'pv-history', 'aria-labelledby': 'pv-history-title' }, h('h2', { id: 'pv-history-title' }, t('console.history.title')))
  void client.history(pointId).then(({ versions }) => {
    replaceChildren(
      root,
      h('h2', { id: 'pv-history-title' }, t('console.history.title')),
      h(
        'ol',
        { class: 'pv-history__list', reversed: true },
        ...versions.map((v) =>
          h(
            'li',
            { value: v.version },
            h('strong', {}, t('console.history.line', { version: v.version, at: romeDateTimeText(v.at), who: v.author.name })),
            ' — ',
            t(`console.change.${v.change}` as ConsoleKey),
            v.changed.length > 0 && v.change !== 'created' ? `: ${v.changed.map((field) => fieldName(field, t)).join(', ')}` : '',
            v.reason && v.reason !== 'verified' ? h('span', { class: 'pv-hint' }, ` (${v.reason})`) : null,
          ),
        ),
      ),
    )
  })
  return root
}
