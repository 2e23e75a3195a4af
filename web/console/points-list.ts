import { REGIONS } from '../../shared/gazetteer/admin-units.ts'
import type { Role } from '../../shared/access/roles.ts'
import { h, replaceChildren } from '../dom/h.ts'
import { normalizeName } from '../../shared/gazetteer/normalize-name.ts'
import { SignInNeeded, type AdminClient, type MyPoints } from './admin-client.ts'
import type { ConsoleKey, ConsoleTranslate } from './console-messages.ts'

/**
 * "I miei punti": the points the operator answers for, ordered by comune (each line names it), each with what needs attention
 * first in words (open reports, not verified for 90 days, under 24 hours a week, unreadable
 * hours); a national admin first picks a region. Points needing attention can be shown alone.
 */
export function pointsList(roles: readonly Role[], client: AdminClient, t: ConsoleTranslate, { region, onRegion }: { region: string | null; onRegion: (region: string) => void }): HTMLElement {
  const admin = roles.some((r) => r.kind === 'admin')
  // Not a live region: the list would be read out again at every keystroke of its search, which
  // toggles its items; the count below ("42 mostrati") is the status a screen reader hears.
  const body = h('div', { class: 'pv-mine__body', 'aria-busy': 'true' })
  const root = h('section', { class: 'pv-mine', 'aria-labelledby': 'pv-mine-title' }, h('h1', { id: 'pv-mine-title', tabindex: '-1' }, t('console.list.title')))
  if (admin) {
    root.append(
      h(
        'div',
        { class: 'pv-field' },
        h('label', { for: 'pv-region', class: 'pv-label' }, t('console.list.region')),
        h(
          'select',
          { id: 'pv-region', class: 'pv-select', onchange: (e: Event) => onRegion((e.target as HTMLSelectElement).value) },
          h('option', { value: '', selected: region === null }, t('console.list.choose_region')),
          ...Object.entries(REGIONS).map(([code, name]) => h('option', { value: code, selected: code === region }, name)),
        ),
      ),
    )
  }
  root.append(body)
  if (admin && !region) {
    body.setAttribute('aria-busy', 'false')
    replaceChildren(body, h('p', {}, t('console.list.admin_hint')))
    return root
  }
  client.myPoints(region ?? undefined).then(
    (mine) => {
      body.setAttribute('aria-busy', 'false')
      replaceChildren(body, listOf(mine, t, roles))
    },
    (error: unknown) => {
      // A token refused or expired: the console's own handler says so and offers to sign in again.
      if (error instanceof SignInNeeded) throw error
      body.setAttribute('aria-busy', 'false')
      replaceChildren(body, h('p', { role: 'alert' }, t('console.list.failed')))
    },
  )
  return root
}

/**
 * No point at all: for an operator, its role names the points' operator as a slug, and a name
 * written otherwise in the registry ("Comune di Perugia – Zona sociale 2") matches none; said so,
 * with whom to ask, rather than a bare "no points".
 */
function noPoints(roles: readonly Role[], t: ConsoleTranslate): string {
  const operators = roles.flatMap((r) => (r.kind === 'operator' ? [r.operator] : []))
  return roles.every((r) => r.kind === 'operator') && operators.length > 0 ? t('console.list.none_operator', { operators: operators.join('», «') }) : t('console.list.none')
}

function listOf(mine: MyPoints, t: ConsoleTranslate, roles: readonly Role[]): HTMLElement {
  const needing = mine.items.filter((p) => p.attention.length > 0).length
  const onlyAttention = h('input', { type: 'checkbox', id: 'pv-only-attention', class: 'pv-checkbox' })
  const list = h(
    'ul',
    { class: 'pv-mine__list' },
    ...mine.items.map((p) =>
      h(
        'li',
        { class: 'pv-mine__item', 'data-attention': String(p.attention.length > 0), 'data-id': p.id },
        h('a', { href: `#/punti/${encodeURIComponent(p.id)}`, class: 'pv-mine__name' }, p.name),
        h('p', { class: 'pv-mine__meta' }, `${p.comune} · ${t(`console.status.${p.status}` as ConsoleKey)} · ${t('console.list.hours', { hours: p.hours_per_week })}`),
        p.attention.length > 0
          ? h('ul', { class: 'pv-mine__attention', 'aria-label': t('console.list.attention') }, ...p.attention.map((a) => h('li', { class: `pv-badge pv-badge--${a}` }, t(`console.attention.${a}` as ConsoleKey, { count: p.open_reports }))))
          : h('p', { class: 'pv-mine__ok' }, t('console.list.ok')),
      ),
    ),
  )
  // A region's list runs to hundreds (Piemonte: 199 points): found by name or comune as typed.
  const search = h('input', { type: 'search', id: 'pv-mine-search', class: 'pv-input', autocomplete: 'off', 'aria-describedby': 'pv-mine-shown' })
  const shown = h('p', { id: 'pv-mine-shown', class: 'pv-hint', role: 'status' })
  const searchable = new Map(mine.items.map((p) => [p.id, normalizeName(`${p.name} ${p.comune}`)]))
  const narrow = () => {
    const words = normalizeName(search.value).split(' ').filter(Boolean)
    let count = 0
    for (const item of list.querySelectorAll<HTMLElement>('.pv-mine__item')) {
      const text = searchable.get(item.dataset.id ?? '') ?? ''
      item.hidden = (onlyAttention.checked && item.dataset.attention !== 'true') || !words.every((word) => text.includes(word))
      if (!item.hidden) count += 1
    }
    shown.textContent = count === mine.items.length ? '' : t('console.list.shown', { count })
  }
  onlyAttention.addEventListener('change', narrow)
  search.addEventListener('input', narrow)
  return h(
    'div',
    {},
    h('p', {}, t('console.list.count', { count: mine.items.length, attention: needing })),
    mine.items.length > 1 ? h('div', { class: 'pv-field' }, h('label', { for: 'pv-mine-search', class: 'pv-label' }, t('console.list.search')), search, shown) : null,
    h('label', { class: 'pv-field--check' }, onlyAttention, t('console.list.only_attention')),
    mine.items.length > 0 ? list : h('p', {}, noPoints(roles, t)),
  )
}
