import { h, replaceChildren } from '../dom/h.ts'
import type { AdminClient, OperatorReport } from './admin-client.ts'
import type { ConsoleKey, ConsoleTranslate } from './console-messages.ts'
import { apiWords } from './api-reasons.ts'
import { romeDateTimeText } from '../../shared/hours/rome-time.ts'
import { hasUnsavedEdits } from './unsaved-draft.ts'

/**
 * The citizens' reports of one point: open ones first, each with what is wrong and the citizen's
 * words, and a form to close it (resolved: the point was corrected; dismissed: nothing to
 * correct) with a note; closed ones below with who closed them and why.
 */
export function reportsPanel(pointId: string, client: AdminClient, t: ConsoleTranslate, onChange: () => void): HTMLElement {
  const root = h('section', { class: 'pv-reports', 'aria-labelledby': 'pv-reports-title' })
  const load = () =>
    client.reports(pointId).then((reports) => {
      const open = reports.filter((r) => r.status === 'open')
      const closed = reports.filter((r) => r.status !== 'open')
      replaceChildren(
        root,
        h('h2', { id: 'pv-reports-title', tabindex: '-1' }, t('console.reports.title', { count: open.length })),
        open.length === 0 ? h('p', {}, t('console.reports.none_open')) : h('ul', { class: 'pv-reports__list' }, ...open.map((r) => h('li', {}, openReport(r)))),
        closed.length > 0 ? h('details', {}, h('summary', {}, t('console.reports.closed', { count: closed.length })), h('ul', {}, ...closed.map((r) => h('li', {}, closedLine(r))))) : null,
      )
    })
  const when = romeDateTimeText

  function openReport(report: OperatorReport): HTMLElement {
    const noteId = `pv-note-${report.id}`
    const hintId = `${noteId}-hint`
    const errorId = `${noteId}-error`
    const error = h('p', { id: errorId, class: 'pv-report__error', role: 'alert' })
    const outcomeChoices = (['resolved', 'dismissed'] as const).map((value) =>
      h('input', { type: 'radio', name: 'outcome', value, class: 'pv-checkbox', required: true, 'aria-describedby': errorId }),
    )
    const note = h('textarea', { id: noteId, name: 'note', class: 'pv-input', rows: 2, maxlength: 500, required: true, 'aria-describedby': `${hintId} ${errorId}` })
    /** What is missing, marked on its fields (aria-invalid, tied to the reason), the first one focused. */
    const markMissing = (outcome: string | null, noteText: string) => {
      for (const choice of outcomeChoices) choice.setAttribute('aria-invalid', String(!outcome))
      note.setAttribute('aria-invalid', String(noteText.length < 3))
      ;(outcome ? note : outcomeChoices[0]!).focus()
    }
    const form = h(
      'form',
      {
        class: 'pv-reports__form',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault()
          const data = new FormData(event.target as HTMLFormElement)
          const outcome = data.get('outcome') as 'resolved' | 'dismissed' | null
          const noteText = String(data.get('note') ?? '').trim()
          if (!outcome || noteText.length < 3) {
            error.textContent = t('console.reports.incomplete')
            markMissing(outcome, noteText)
            return
          }
          // "Resolved: I corrected the point" while the correction is still only in the form.
          if (outcome === 'resolved' && hasUnsavedEdits()) {
            error.textContent = t('console.reports.save_first')
            return
          }
          void client.closeReport(pointId, report.id, outcome, noteText).then((result) => {
            if (!result.ok) {
              replaceChildren(error, apiWords(result.problem.detail, t))
              return
            }
            onChange()
            void load().then(() => root.querySelector<HTMLElement>('h2')?.focus())
          })
        },
      },
      h(
        'fieldset',
        { class: 'pv-choices' },
        h('legend', {}, t('console.reports.outcome')),
        h('label', { class: 'pv-field--check' }, outcomeChoices[0], t('console.reports.resolved')),
        h('label', { class: 'pv-field--check' }, outcomeChoices[1], t('console.reports.dismissed')),
      ),
      h('label', { for: noteId, class: 'pv-label' }, t('console.reports.note')),
      h('p', { id: hintId, class: 'pv-hint' }, t('console.reports.note_hint')),
      note,
      error,
      h('button', { type: 'submit', class: 'pv-button' }, t('console.reports.close')),
    )
    return h(
      'article',
      { class: 'pv-reports__report', 'data-report': report.id },
      h('h3', {}, `${t(`console.category.${report.category}` as ConsoleKey)} · ${when(report.created_at)}`),
      report.text ? h('blockquote', {}, report.text) : h('p', { class: 'pv-hint' }, t('console.reports.no_text')),
      h('p', { class: 'pv-hint' }, t('console.reports.code', { code: report.id })),
      form,
    )
  }

  const closedLine = (r: OperatorReport) =>
    `${t(`console.category.${r.category}` as ConsoleKey)} · ${when(r.created_at)} — ${t(`console.reports.state.${r.status}` as ConsoleKey)}${r.resolution ? ` (${r.resolution.by}, ${when(r.resolution.at)}): ${r.resolution.note}` : ''}`

  void load()
  return root
}
