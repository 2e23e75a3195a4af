import { REPORT_CATEGORIES } from '../../shared/vocabulary.ts'
import type { ReportRequest, ReportStatusView } from '../../shared/schemas/report.ts'
import { h } from '../dom/h.ts'
import { dateAfterVerb } from '../i18n/format.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import type { ViewContext } from '../locator/view-context.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'

/** How the detail files a report and checks the ones this browser filed. */
export interface ReportHandlers {
  readonly file: (pointId: string, report: ReportRequest) => Promise<ReportStatusView>
  readonly status: (pointId: string, reportId: string) => Promise<ReportStatusView | null>
}

/** The reports this browser filed, by point: only their ids, to show their state on a later visit. */
const STORAGE_KEY = 'puntovicino.reports'
function filedHere(pointId: string): string[] {
  try {
    const all = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, string[]>
    return Array.isArray(all[pointId]) ? all[pointId]!.slice(-5) : []
  } catch {
    return [] // storage blocked (private mode, an embedding site's policy): nothing remembered
  }
}
function remember(pointId: string, reportId: string): void {
  try {
    const all = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, string[]>
    all[pointId] = [...(all[pointId] ?? []), reportId].slice(-5)
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all))
  } catch {
    // Not remembered: the citizen still has the code on screen.
  }
}

/**
 * "Segnala un errore": a button that opens a short form (what is wrong, an optional text, no
 * personal data asked), which files the report and says its code; reports filed from this browser
 * are listed with their state. `website` is the trap field: out of sight, out of the tab order,
 * and labelled "leave empty" for anyone who meets it anyway.
 */
/** The report block's id, the fragment of the point page's "Segnala un errore" link. */
export const REPORT_ANCHOR = 'segnala'

export function reportBlock(pointId: string, context: ViewContext, handlers: ReportHandlers): HTMLElement {
  const { t, lang } = context
  const formId = `pv-report-${pointId}`
  const status = h('div', { class: 'pv-report__status', role: 'status' })
  const errorBox = h('p', { class: 'pv-report__error', role: 'alert', id: `${formId}-error` })
  const categories = h(
    'fieldset',
    { class: 'pv-choices' },
    h('legend', {}, t('report.what')),
    h(
      'div',
      { class: 'pv-choices__options' },
      ...REPORT_CATEGORIES.map((category) =>
        h('label', { class: 'pv-field--check' }, h('input', { type: 'radio', name: 'category', value: category, class: 'pv-checkbox', required: true }), t(`report.category.${category}` as MessageKey)),
      ),
    ),
  )
  const textId = `${formId}-text`
  const form: HTMLFormElement = h(
    'form',
    { class: 'pv-report__form', id: formId, hidden: true, novalidate: true, 'aria-describedby': `${formId}-privacy` },
    categories,
    h('label', { for: textId, class: 'pv-label' }, t('report.text')),
    h('p', { class: 'pv-hint', id: `${formId}-privacy` }, t('report.privacy')),
    h('textarea', { id: textId, name: 'text', maxlength: 500, rows: 3, class: 'pv-input pv-report__text', 'aria-describedby': `${formId}-privacy` }),
    h('div', { class: 'pv-report__trap', 'aria-hidden': 'true' }, h('label', {}, t('report.trap'), h('input', { type: 'text', name: 'website', tabindex: '-1', autocomplete: 'off' }))),
    errorBox,
    h('button', { type: 'submit', class: 'pv-button' }, t('report.send')),
  )
  const toggle = h('button', { type: 'button', class: 'pv-button pv-button--outline', 'aria-expanded': 'false', 'aria-controls': formId }, t('report.open'))
  toggle.addEventListener('click', () => {
    const open = form.hidden
    form.hidden = !open
    toggle.setAttribute('aria-expanded', String(open))
    if (open) form.querySelector<HTMLInputElement>('input[name="category"]')?.focus()
  })
  // "Segnalazione del 3 dicembre", "dell'8 dicembre".
  const when = (iso: string) => dateAfterVerb(toRomeWallClock(new Date(iso)).date, lang, { day: 'numeric', month: 'long' }, 'di')
  const line = (r: ReportStatusView) => h('li', {}, t(`report.state.${r.status}` as MessageKey, { date: when(r.created_at), code: r.id }))
  const mine = h('ul', { class: 'pv-report__mine' })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const category = data.get('category')
    if (!category) {
      errorBox.textContent = t('report.choose')
      categories.setAttribute('aria-describedby', errorBox.id)
      form.querySelector<HTMLInputElement>('input[name="category"]')?.focus()
      return
    }
    errorBox.textContent = ''
    categories.removeAttribute('aria-describedby')
    const text = String(data.get('text') ?? '').trim()
    const report = { category: category as ReportRequest['category'], ...(text ? { text } : {}), website: String(data.get('website') ?? '') }
    handlers.file(pointId, report).then(
      (filed) => {
        remember(pointId, filed.id)
        form.reset()
        form.hidden = true
        toggle.setAttribute('aria-expanded', 'false')
        status.textContent = t('report.thanks', { code: filed.id })
        mine.prepend(line(filed))
        // The form closed under the keyboard: back to the button that opened it.
        toggle.focus()
      },
      (error: unknown) => {
        errorBox.textContent = error instanceof Error && /429/.test(error.message) ? t('report.too_many') : t('report.failed')
      },
    )
  })
  // The state of what this browser filed before, fetched after the detail is on screen.
  const earlier = filedHere(pointId)
  if (earlier.length > 0) {
    void Promise.all(earlier.map((id) => handlers.status(pointId, id).catch(() => null))).then((reports) => {
      for (const r of reports.reverse()) if (r) mine.append(line(r))
    })
  }
  // `#segnala`: where the point's own page sends "Segnala un errore" (mount-locator.ts opens the form).
  return h('section', { class: 'pv-detail__section pv-report', id: REPORT_ANCHOR }, h('h3', {}, t('report.title')), h('p', {}, t('report.intro')), toggle, form, status, mine)
}
