import { h, replaceChildren } from '../dom/h.ts'
import type { ConsoleTranslate } from './console-messages.ts'
import { fieldId } from './field-ids.ts'

/** One column of a rows editor: where its value sits in a row (`place.location.lat`), its label and input type. */
export interface RowColumn {
  readonly key: string
  readonly label: string
  readonly type: 'date' | 'time' | 'text' | 'number'
  readonly required?: boolean
}

const get = (row: unknown, key: string): unknown => key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], row)

function set<T>(row: T, key: string, value: unknown): T {
  const [head, ...rest] = key.split('.')
  const record = { ...(row as Record<string, unknown>) }
  record[head!] = rest.length === 0 ? value : set((record[head!] ?? {}) as Record<string, unknown>, rest.join('.'), value)
  return record as T
}

/**
 * A list of like records (a site's closures, a van's dated stops) as one small form per row, each
 * row's fields labelled with its number, a button to add a row and one to remove each. `path` is
 * the list's place in the point (`sites.0.closures`), so a server error links to its field.
 */
export function rowsEditor<T>(options: { path: string; legend: string; rowName: (n: number) => string; rows: readonly T[]; columns: readonly RowColumn[]; blank: () => T; onChange: (rows: T[]) => void }, t: ConsoleTranslate): HTMLElement {
  let rows = [...options.rows]
  const root = h('fieldset', { class: 'pv-rows', id: fieldId(options.path) })
  const changed = () => options.onChange(rows)
  const render = () => {
    replaceChildren(
      root,
      h('legend', {}, options.legend),
      rows.length === 0 ? h('p', { class: 'pv-hint' }, t('console.rows.none')) : null,
      ...rows.map((row, k) =>
        h(
          'div',
          { class: 'pv-rows__row', role: 'group', 'aria-label': options.rowName(k + 1) },
          ...options.columns.map((column) => {
            const id = fieldId(`${options.path}.${k}.${column.key}`)
            const value = get(row, column.key)
            return h(
              'div',
              { class: 'pv-rows__field' },
              h('label', { for: id, class: 'pv-label' }, h('span', { class: 'pv-visually-hidden' }, `${options.rowName(k + 1)}, `), column.label),
              h('input', {
                id,
                class: 'pv-input',
                type: column.type,
                step: column.type === 'number' ? 'any' : null,
                required: column.required ?? true,
                value: value === undefined || value === null ? '' : String(value),
                onchange: (event: Event) => {
                  const raw = (event.target as HTMLInputElement).value
                  const parsed = column.type === 'number' ? (raw === '' ? null : Number(raw)) : raw === '' && !column.required ? undefined : raw
                  rows = rows.map((r, i) => (i === k ? set(r, column.key, parsed) : r))
                  changed()
                },
              }),
            )
          }),
          h(
            'button',
            {
              type: 'button',
              class: 'pv-button pv-button--link',
              onclick: () => {
                rows = rows.filter((_, i) => i !== k)
                changed()
                render()
                root.querySelector<HTMLElement>('button')?.focus()
              },
            },
            t('console.rows.remove'),
            h('span', { class: 'pv-visually-hidden' }, ` ${options.rowName(k + 1)}`),
          ),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'pv-button pv-button--outline',
          onclick: () => {
            rows = [...rows, options.blank()]
            changed()
            render()
            root.querySelectorAll<HTMLElement>('.pv-rows__row').item(rows.length - 1)?.querySelector<HTMLElement>('input')?.focus()
          },
        },
        t('console.rows.add', { what: options.legend.toLowerCase() }),
      ),
    )
  }
  render()
  return root
}
