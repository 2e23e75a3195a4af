import { h } from '../dom/h.ts'

/**
 * A horizontal bar chart in plain HTML and CSS (a few rows: smaller than any charting library,
 * and its words keep the page's text size on a phone, where an SVG scaled to fit would shrink
 * them). It is a picture with a name (`role="img"`, named by the figure's caption); the data
 * table that always follows it is the text alternative, so screen readers read the figures once.
 */
export interface Bar {
  readonly label: string
  readonly value: number
  /** The value as the page writes it ("42 %", "1.234"). */
  readonly text: string
  /** Drawn in the second colour (for example: under the programme's norm). */
  readonly marked?: boolean
}

export function barChart(bars: readonly Bar[], { labelledBy, max }: { labelledBy: string; max?: number }): HTMLElement {
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value), Number.MIN_VALUE)
  return h(
    'div',
    { class: 'pv-chart', role: 'img', 'aria-labelledby': labelledBy },
    bars.map((bar) =>
      h(
        'div',
        { class: 'pv-chart__row' },
        h('span', { class: 'pv-chart__label' }, bar.label),
        h('span', { class: 'pv-chart__track' }, h('span', { class: `pv-chart__bar${bar.marked ? ' pv-chart__bar--marked' : ''}`, style: `width:${((bar.value / top) * 100).toFixed(2)}%`, 'data-value': bar.value })),
        h('span', { class: 'pv-chart__value' }, bar.text),
      ),
    ),
  )
}
