import { changedFields } from '../../shared/registry/point-changes.ts'
import { threeWayMerge } from '../../shared/registry/three-way-merge.ts'
import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'
import { WEEKDAYS } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import { consoleName, fieldName, type ConsoleTranslate } from './console-messages.ts'
import { romeDateTimeText } from '../../shared/hours/rome-time.ts'

export interface ConflictVersions {
  /** The version the operator opened. */
  readonly base: PointDraft
  /** What they were about to save. */
  readonly mine: PointDraft
  /** What someone else saved meanwhile (now stored). */
  readonly theirs: PointDraft
  readonly theirsRecord: PointRecord
}

/**
 * Someone saved first: both versions side by side, field by field (the fields either of them
 * changed), and two ways on: redo my changes on the version now stored (every change of either
 * side kept value by value, mine where both changed one; to review and save again), or drop mine.
 * Nothing is saved from this view.
 */
export function conflictView(versions: ConflictVersions, t: ConsoleTranslate, actions: { redo: (merged: PointDraft) => void; discard: () => void }): HTMLElement {
  const { base, mine, theirs } = versions
  const myFields = changedFields(base, mine)
  const theirFields = changedFields(base, theirs)
  const fields = [...new Set([...myFields, ...theirFields])].sort()
  // My changes over theirs value by value, not field by field: my phone kept their new e-mail out
  // of "contacts", my Monday on one site their Saturday on another.
  const { merged, conflicts } = threeWayMerge(base, mine, theirs)
  const both = conflicts.map((path) => pathName(path, theirs, t))
  return h(
    'section',
    { class: 'pv-conflict', 'aria-labelledby': 'pv-conflict-title' },
    h('h2', { id: 'pv-conflict-title', tabindex: '-1' }, t('console.conflict.title')),
    h('p', {}, t('console.conflict.intro', { version: versions.theirsRecord.version, at: romeDateTimeText(versions.theirsRecord.updated_at) })),
    both.length > 0 ? h('p', { class: 'pv-conflict__warning' }, t('console.conflict.both', { fields: both.join(', ') })) : null,
    h(
      'table',
      { class: 'pv-conflict__table' },
      h('caption', {}, t('console.conflict.caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('console.conflict.field')), h('th', { scope: 'col' }, t('console.conflict.mine')), h('th', { scope: 'col' }, t('console.conflict.theirs')))),
      h(
        'tbody',
        {},
        ...fields.map((field) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, fieldName(field, t)),
            changedCell(myFields.includes(field), t('console.conflict.mine'), describe(field, (mine as Record<string, unknown>)[field], t), t),
            changedCell(theirFields.includes(field), t('console.conflict.theirs'), describe(field, (theirs as Record<string, unknown>)[field], t), t),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'pv-editor__actions' },
      h('button', { type: 'button', class: 'pv-button', onclick: () => actions.redo(merged) }, t('console.conflict.redo')),
      h('button', { type: 'button', class: 'pv-button pv-button--outline', onclick: actions.discard }, t('console.conflict.discard')),
    ),
  )
}

/** A side's value, marked in words where that side changed it (a tint alone was 1.1:1 against white: WCAG 1.4.1). */
function changedCell(changed: boolean, side: string, value: ReturnType<typeof describe>, t: ConsoleTranslate): HTMLElement {
  return h('td', { class: changed ? 'pv-conflict__changed' : null, 'data-label': side }, changed ? [h('strong', { class: 'pv-conflict__mark' }, `${t('console.conflict.changed')}: `), value] : value)
}

/**
 * A value both changed, as the editor names it: "Contatti › email", "Sedi e orari › Biblioteca ›
 * Orario settimanale › lunedì" (a site by its label, where the merge's path has its id).
 */
function pathName(path: string, theirs: PointDraft, t: ConsoleTranslate): string {
  const [field = '', ...rest] = path.split('.')
  const parts = [fieldName(field, t)]
  if (field === 'sites' && rest.length > 0) {
    const id = rest.shift()!
    parts.push(theirs.sites.find((site) => site.id === id)?.label ?? id)
    if (rest[0] === 'opening_hours') {
      rest.shift()
      parts.push(t('console.editor.weekly_hours'), ...rest.map((day) => ((WEEKDAYS as readonly string[]).includes(day) ? t(`day.${day}` as MessageKey) : day)))
      return parts.join(' › ')
    }
  }
  // A field inside (contacts.phone): the editor's own label, "Contatti › Telefono", where it has one.
  return [...parts, ...rest.map((part) => consoleName('editor', part, t))].join(' › ')
}

/** A field's value in words an operator can compare: a site's week as "lunedì 9:00–13:00", text as is. */
function describe(field: string, value: unknown, t: ConsoleTranslate): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (field === 'sites' && Array.isArray(value)) {
    return (value as PointDraft['sites'])
      .map((site) => {
        const week = WEEKDAYS.flatMap((day) => {
          const intervals = site.opening_hours?.[day] ?? []
          return intervals.length ? [`${t(`day.${day}` as MessageKey)} ${intervals.map((i) => `${i.start}–${i.end}`).join(', ')}`] : []
        })
        // A season, closures and dated stops too: an editor's Christmas closure was in neither column.
        const dated = [
          site.valid_from && site.valid_to ? `${t('console.editor.season')} ${site.valid_from} – ${site.valid_to}` : null,
          ...(site.closures ?? []).map((c) => `${t('console.editor.closures')} ${c.from} – ${c.to}${c.reason ? ` (${c.reason})` : ''}`),
          ...(site.stops ?? []).map((s) => `${t('console.editor.stops')} ${s.date} ${s.start}–${s.end} ${s.place.label}`),
        ].filter((part) => part !== null)
        return `${site.label}: ${[week.join('; ') || t('console.hours.closed'), ...dated].join('; ')}`
      })
      .join(' · ')
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ')
  // A small object (contacts, accessibility, address): its filled values, one per line.
  if (typeof value === 'object' && !Array.isArray(value)) {
    const filled = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== '')
    if (filled.every(([, v]) => typeof v !== 'object')) return filled.map(([k, v]) => `${consoleName('editor', k, t)}: ${String(v)}`).join('\n') || '—'
  }
  return JSON.stringify(value)
}
