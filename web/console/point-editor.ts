import { BOOKING_MODES, POINT_STATUSES, SERVICES, TOPICS } from '../../shared/vocabulary.ts'
import { draftOf } from '../../shared/registry/point-changes.ts'
import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'
import { h, replaceChildren } from '../dom/h.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import { SignInNeeded, type AdminClient, type Problem } from './admin-client.ts'
import { apiWords } from './api-reasons.ts'
import type { ConsoleKey, ConsoleTranslate } from './console-messages.ts'
import { conflictView } from './conflict-view.ts'
import { fieldId } from './field-ids.ts'
import { hoursEditor } from './hours-editor.ts'
import { rowsEditor } from './rows-editor.ts'
import { keepUnsaved, showEditor, takeUnsaved } from './unsaved-draft.ts'
import { stableStringify } from '../../shared/util/stable-json.ts'

export interface EditorContext {
  readonly t: ConsoleTranslate
  readonly client: AdminClient
  /** Told after every saved version: the list's counts and the page title follow. */
  readonly onSaved: (record: PointRecord) => void
  /** Whether this operator may close the point (region editors and national admins). */
  readonly canClose: boolean
}

/** In the id of a field's reason (`f-contacts-email-error-0`), which its aria-describedby names beside its hint. */
const FIELD_ERROR = '-error-'

/**
 * The editor of one point: what it is, its sites' weekly hours day by day, what it offers, how to
 * book, contacts, access; everything else a point has (seasons, a van's dated stops, closures) in
 * the advanced JSON field, validated by the same schema as the rest. Saves the whole point with
 * the version it was opened at (If-Match): a newer version saved meanwhile opens the conflict
 * view, never an overwrite. Errors are listed at the top, each linked to its field.
 */
export function pointEditor(initial: { record: PointRecord; etag: string }, context: EditorContext): HTMLElement {
  const { t, client } = context
  // Changes kept when the session ended on a save come back, on the version they were made on.
  const unsaved = takeUnsaved(initial.record.id)
  let base = unsaved?.base ?? initial.record
  let etag = unsaved?.etag ?? initial.etag
  let draft = unsaved ? structuredClone(unsaved.draft) : editableCopy(base)
  const root = h('div', { class: 'pv-editor' })
  const summary = h('div', { class: 'pv-editor__summary', tabindex: '-1' })
  const status = h('p', { class: 'pv-editor__status', role: 'status' })
  // The whole point as JSON typed and not yet applied to the form (null when there is none): Save
  // applies it first, instead of saving the form without it and saying "Salvato".
  let typedJson: string | null = null
  const hasUnsavedChanges = () => typedJson !== null || stableStringify(draft) !== stableStringify(editableCopy(base))
  /**
   * The JSON typed in the advanced field as a point: an object (the save validates the rest), else
   * null (nothing typed, not JSON, or JSON the form could not be rebuilt from).
   */
  const typedPoint = (): PointDraft | null => {
    try {
      const typed: unknown = typedJson === null ? null : JSON.parse(typedJson)
      return typed !== null && typeof typed === 'object' && !Array.isArray(typed) ? (typed as PointDraft) : null
    } catch {
      return null
    }
  }
  // A session ending before a save keeps the typed point if it reads as one, else the form's changes.
  showEditor(root, hasUnsavedChanges, () => keepUnsaved({ base, etag, draft: typedPoint() ?? draft }))

  const text = (path: string, label: string, value: string | null | undefined, set: (v: string) => void, options: { type?: string; multiline?: boolean; hint?: string; required?: boolean } = {}): HTMLElement => {
    const id = fieldId(path)
    const hintId = options.hint ? `${id}-hint` : null
    // Said to a screen reader on the field; the form's opening line says it to everyone (the form validates on save, not as typed).
    const required = options.required ? { 'aria-required': 'true' } : {}
    const input = options.multiline
      ? h('textarea', { id, class: 'pv-input', rows: 3, 'aria-describedby': hintId, ...required, oninput: (e: Event) => set((e.target as HTMLTextAreaElement).value) }, value ?? '')
      : h('input', { id, class: 'pv-input', type: options.type ?? 'text', value: value ?? '', 'aria-describedby': hintId, ...required, oninput: (e: Event) => set((e.target as HTMLInputElement).value) })
    return h('div', { class: 'pv-field' }, h('label', { for: id, class: 'pv-label' }, label), options.hint ? h('p', { class: 'pv-hint', id: hintId }, options.hint) : null, input)
  }
  const nullable = (v: string): string | null => (v.trim() === '' ? null : v.trim())
  const choices = <T extends string>(path: string, legend: string, all: readonly T[], chosen: readonly T[], label: (v: T) => string, set: (v: T[]) => void) =>
    h(
      'fieldset',
      { class: 'pv-choices', id: fieldId(path) },
      h('legend', { class: 'pv-label' }, legend),
      h(
        'div',
        { class: 'pv-choices__options' },
        ...all.map((value) =>
          h(
            'label',
            { class: 'pv-field--check' },
            h('input', {
              type: 'checkbox',
              class: 'pv-checkbox',
              value,
              checked: chosen.includes(value),
              onchange: (e: Event) => {
                const box = e.target as HTMLInputElement
                const current = new Set(chosen)
                if (box.checked) current.add(value)
                else current.delete(value)
                chosen = all.filter((v) => current.has(v))
                set([...chosen])
              },
            }),
            label(value),
          ),
        ),
      ),
    )

  const select = <T extends string>(path: string, label: string, all: readonly T[], value: T, name: (v: T) => string, set: (v: T) => void) => {
    const id = fieldId(path)
    return h(
      'div',
      { class: 'pv-field' },
      h('label', { for: id, class: 'pv-label' }, label),
      h('select', { id, class: 'pv-select', onchange: (e: Event) => set((e.target as HTMLSelectElement).value as T) }, ...all.map((v) => h('option', { value: v, selected: v === value }, name(v)))),
    )
  }

  function form(): HTMLElement {
    const sites = draft.sites.map((site, i) =>
      h(
        'fieldset',
        { class: 'pv-editor__site' },
        h('legend', {}, t('console.editor.site', { label: site.label, kind: t(`kind.${site.kind}` as MessageKey) })),
        text(`sites.${i}.label`, t('console.editor.site_label'), site.label, (v) => (draft.sites[i] = { ...draft.sites[i]!, label: v })),
        site.kind === 'online' ? null : h('h3', {}, t('console.editor.weekly_hours')),
        site.kind === 'online' ? null : hoursEditor(site, i, t, (schedule) => (draft.sites[i] = { ...draft.sites[i]!, opening_hours: schedule })),
        site.kind === 'seasonal' || site.valid_from !== undefined
          ? h(
              'div',
              { class: 'pv-editor__season' },
              h('h3', {}, t('console.editor.season')),
              text(`sites.${i}.valid_from`, t('console.editor.valid_from'), site.valid_from, (v) => (draft.sites[i] = { ...draft.sites[i]!, valid_from: v.trim() || undefined }), { hint: t('console.editor.season_hint') }),
              text(`sites.${i}.valid_to`, t('console.editor.valid_to'), site.valid_to, (v) => (draft.sites[i] = { ...draft.sites[i]!, valid_to: v.trim() || undefined }), { hint: t('console.editor.season_hint') }),
            )
          : null,
        site.kind === 'mobile'
          ? rowsEditor(
              {
                path: `sites.${i}.stops`,
                legend: t('console.editor.stops'),
                rowName: (n) => t('console.editor.stop_n', { n }),
                rows: site.stops ?? [],
                columns: [
                  { key: 'date', label: t('console.editor.date'), type: 'date' },
                  { key: 'start', label: t('console.hours.from'), type: 'time' },
                  { key: 'end', label: t('console.hours.to'), type: 'time' },
                  { key: 'place.label', label: t('console.editor.place'), type: 'text' },
                  { key: 'place.location.lat', label: t('console.editor.lat'), type: 'number' },
                  { key: 'place.location.lon', label: t('console.editor.lon'), type: 'number' },
                ],
                blank: () => ({ date: '', start: '09:00', end: '12:00', place: { label: '', location: site.location ?? { lat: 0, lon: 0 } } }),
                onChange: (stops) => (draft.sites[i] = { ...draft.sites[i]!, stops }),
              },
              t,
            )
          : null,
        rowsEditor(
          {
            path: `sites.${i}.closures`,
            legend: t('console.editor.closures'),
            rowName: (n) => t('console.editor.closure_n', { n }),
            rows: site.closures ?? [],
            columns: [
              { key: 'from', label: t('console.editor.closure_from'), type: 'date' },
              { key: 'to', label: t('console.editor.closure_to'), type: 'date' },
              { key: 'reason', label: t('console.editor.closure_reason'), type: 'text', required: false },
            ],
            blank: () => ({ from: '', to: '' }),
            onChange: (closures) => (draft.sites[i] = { ...draft.sites[i]!, closures }),
          },
          t,
        ),
        select(`sites.${i}.public_holidays`, t('console.editor.public_holidays'), ['closed', 'open'] as const, site.public_holidays ?? 'closed', (v) => t(`console.editor.holidays.${v}` as ConsoleKey), (v) => (draft.sites[i] = { ...draft.sites[i]!, public_holidays: v })),
      ),
    )
    const advancedId = fieldId('advanced')
    // The whole point as JSON is the draft as it is when it is opened or entered, not as it was
    // when the form was drawn: applying it would otherwise undo the changes made in the form since.
    const advanced = h('textarea', {
      id: advancedId,
      class: 'pv-input pv-editor__json',
      rows: 12,
      spellcheck: 'false',
      oninput: () => (typedJson = advanced.value),
      onfocus: () => void (typedJson === null && (advanced.value = JSON.stringify(draft, null, 2))),
    }, typedJson ?? JSON.stringify(draft, null, 2)) as HTMLTextAreaElement
    return h(
      'form',
      {
        class: 'pv-editor__form',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault()
          void save()
        },
      },
      h(
        'fieldset',
        { class: 'pv-editor__group' },
        h('legend', {}, t('console.editor.what')),
        // What a point must have, before anything is typed (WCAG 3.3.2): two fields said "(facoltativo)", as if all others were needed.
        h('p', { class: 'pv-hint pv-editor__required' }, t('console.editor.required')),
        text('name', t('console.editor.name'), draft.name, (v) => (draft.name = v), { required: true }),
        text('description', t('console.editor.description'), draft.description, (v) => (draft.description = nullable(v)), { multiline: true }),
        // Reopening a closed point is the region's decision, as closing is: not offered to whoever may not close.
        base.status === 'closed' && !context.canClose
          ? h('p', { class: 'pv-field pv-hint', id: fieldId('status') }, `${t('console.editor.status')}: ${t('console.status.closed')}. ${t('console.editor.reopen_by_region')}`)
          : select('status', t('console.editor.status'), POINT_STATUSES.filter((s) => s !== 'closed' || draft.status === 'closed'), draft.status, (s) => t(`console.status.${s}` as ConsoleKey), (v) => (draft.status = v)),
      ),
      h('fieldset', { class: 'pv-editor__group' }, h('legend', {}, t('console.editor.sites')), ...sites),
      h(
        'fieldset',
        { class: 'pv-editor__group' },
        h('legend', {}, t('console.editor.offer')),
        choices('services', t('console.editor.services'), SERVICES, draft.services, (s) => t(`service.${s}` as MessageKey), (v) => (draft.services = v)),
        choices('topics', t('console.editor.topics'), TOPICS, draft.topics, (s) => t(`topic.${s}` as MessageKey), (v) => (draft.topics = v)),
        select('booking', t('console.editor.booking'), BOOKING_MODES, draft.booking, (b) => t(`detail.booking.${b}` as MessageKey), (v) => (draft.booking = v)),
        text('booking_url', t('console.editor.booking_url'), draft.booking_url, (v) => (draft.booking_url = nullable(v)), { type: 'url' }),
      ),
      h(
        'fieldset',
        { class: 'pv-editor__group' },
        h('legend', {}, t('console.editor.contacts')),
        text('contacts.phone', t('console.editor.phone'), draft.contacts.phone, (v) => (draft.contacts = { ...draft.contacts, phone: nullable(v) }), { type: 'tel' }),
        text('contacts.email', t('console.editor.email'), draft.contacts.email, (v) => (draft.contacts = { ...draft.contacts, email: nullable(v) }), { type: 'email' }),
        text('contacts.website', t('console.editor.website'), draft.contacts.website, (v) => (draft.contacts = { ...draft.contacts, website: nullable(v) }), { type: 'url' }),
        text('accessibility.notes', t('console.editor.access_notes'), draft.accessibility.notes, (v) => (draft.accessibility = { ...draft.accessibility, notes: nullable(v) }), { multiline: true }),
      ),
      h(
        'details',
        { class: 'pv-editor__advanced', open: typedJson !== null, ontoggle: (event: Event) => void ((event.currentTarget as HTMLDetailsElement).open && typedJson === null && (advanced.value = JSON.stringify(draft, null, 2))) },
        h('summary', {}, t('console.editor.advanced')),
        h('label', { for: advancedId, class: 'pv-label' }, t('console.editor.advanced_label')),
        h('p', { class: 'pv-hint' }, t('console.editor.advanced_hint')),
        advanced,
        h(
          'button',
          {
            type: 'button',
            class: 'pv-button pv-button--outline',
            onclick: () => void (applyTypedJson() && render(t('console.editor.advanced_applied'))),
          },
          t('console.editor.advanced_apply'),
        ),
      ),
      h('div', { class: 'pv-editor__actions' }, h('button', { type: 'submit', class: 'pv-button' }, t('console.editor.save')), h('button', { type: 'button', class: 'pv-button pv-button--outline', onclick: () => void verify() }, t('console.editor.verified_today'))),
    )
  }

  /** Closing is a decision apart, with its reason (kept in the history); never a status picked in passing. */
  function closeForm(): HTMLElement | null {
    if (!context.canClose || base.status === 'closed') return null
    const reasonId = fieldId('reason')
    return h(
      'details',
      { class: 'pv-editor__close' },
      h('summary', {}, t('console.close.title')),
      h(
        'form',
        {
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault()
            const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim()
            // Closing reloads the form from the closed version: changes typed meanwhile would go unasked.
            if (hasUnsavedChanges()) return showProblems([], t('console.close.unsaved'))
            void client.close(base.id, etag, reason).then((result) => {
              if (result.ok) return saved(result.record, result.etag, t('console.close.done'))
              if (result.conflict) return showConflict()
              showProblems(result.problem.errors ?? [], result.problem.detail)
            })
          },
        },
        h('label', { for: reasonId, class: 'pv-label' }, t('console.close.reason')),
        h('textarea', { id: reasonId, name: 'reason', class: 'pv-input', rows: 2, maxlength: 500 }),
        h('button', { type: 'submit', class: 'pv-button pv-button--danger' }, t('console.close.button')),
      ),
    )
  }

  function showProblems(errors: NonNullable<Problem['errors']>, detail?: string): void {
    // The last answer's marks go: each field keeps what describes it but its reasons.
    const withoutReasons = (field: Element) => (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '' && !id.includes(FIELD_ERROR))
    for (const marked of root.querySelectorAll('[aria-invalid="true"]')) {
      marked.removeAttribute('aria-invalid')
      const kept = withoutReasons(marked)
      if (kept.length > 0) marked.setAttribute('aria-describedby', kept.join(' '))
      else marked.removeAttribute('aria-describedby')
    }
    for (const old of root.querySelectorAll('.pv-field-error')) old.remove()
    const fields = errors.map((e) => fieldId(nearestField(e.field)))
    // Named from the form's labels before any reason is put beside a field.
    const names = errors.map((e, i) => formLabelOf(e.field, fields[i]!))
    const reason = (message: string) => apiWords(message, t)
    // Each field carries its own reason too (aria-describedby): on the field, a screen reader
    // hears why, not only "invalid" (the reasons were in the summary alone).
    errors.forEach((e, i) => {
      const field = document.getElementById(fields[i]!)
      if (!field) return
      const errorId = `${fields[i]}${FIELD_ERROR}${i}`
      const text = h('p', { id: errorId, class: 'pv-field-error' }, reason(e.message))
      // After the field's own label where the label wraps it (a slot's times): inside, the reason
      // would become part of the field's name and be read twice.
      if (field instanceof HTMLFieldSetElement) field.append(text)
      else (field.closest('label') ?? field).insertAdjacentElement('afterend', text)
      field.setAttribute('aria-invalid', 'true')
      field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '))
    })
    replaceChildren(
      summary,
      h(
        'div',
        { class: 'pv-error-summary', role: 'alert' },
        h('h2', {}, t('console.editor.errors', { count: errors.length || 1 })),
        detail && errors.length === 0 ? h('p', {}, apiWords(detail, t)) : null,
        h('ul', {}, ...errors.map((e, i) => h('li', {}, h('a', { href: `#${fields[i]}`, onclick: (event: Event) => goToField(event, fields[i]!) }, `${names[i]}: `, reason(e.message))))),
      ),
    )
    summary.focus()
  }

  /**
   * A field as the form names it (its label, in the console's language), else its path in the
   * point. The API's reason follows in the console's words where it has them (api-reasons.ts),
   * else in English, marked so for screen readers.
   */
  function formLabelOf(path: string, id: string): string {
    const field = document.getElementById(id)
    // A group of checkboxes (the services) is a fieldset, named by its legend, not by a label.
    const named = field instanceof HTMLFieldSetElement ? field.querySelector('legend') : (field as HTMLInputElement | null)?.labels?.[0]
    const label = named?.textContent?.replace(/\s+/g, ' ').trim()
    if (label && id === fieldId(path)) return label
    // A slot is named by its first field, "lunedì, fascia 2, dalle": the slot is "lunedì, fascia 2".
    if (label && id === fieldId(`${path}.start`)) return label.replace(/,[^,]*$/, '')
    return path
  }

  /**
   * A summary link moves the focus to its field, not the address: the console's router reads the
   * hash as a page, and following `#f-contacts-email` would leave the point with its changes unsaved.
   */
  function goToField(event: Event, id: string): void {
    event.preventDefault()
    const field = document.getElementById(id)
    if (!field) return
    const closed = field.closest('details')
    if (closed && !closed.open) closed.open = true
    // A fieldset takes no focus: its first control does.
    const target = field instanceof HTMLFieldSetElement ? (field.querySelector<HTMLElement>('input, select, textarea, button') ?? field) : field
    target.scrollIntoView({ block: 'center' })
    target.focus()
  }

  /** The field a server error names, or the closest one the form shows (the advanced field for the rest). */
  function nearestField(path: string): string {
    const parts = path.split('.')
    while (parts.length > 0) {
      if (document.getElementById(fieldId(parts.join('.')))) return parts.join('.')
      // A slot (`sites.0.opening_hours.we.1`) is two fields: its start names it.
      if (document.getElementById(fieldId(`${parts.join('.')}.start`))) return `${parts.join('.')}.start`
      parts.pop()
    }
    return 'advanced'
  }

  /** The JSON typed in the advanced field becomes the draft; false (and said) when it is no JSON. */
  function applyTypedJson(): boolean {
    if (typedJson === null) return true
    const typed = typedPoint()
    if (!typed) {
      showProblems([{ field: 'advanced', message: t('console.editor.advanced_invalid') }])
      return false
    }
    draft = typed
    typedJson = null
    return true
  }

  async function save(): Promise<void> {
    replaceChildren(summary)
    // A message of an earlier save ("Salvato: versione 2") must not stand beside this one's errors.
    status.textContent = ''
    if (!applyTypedJson()) return
    if (!hasUnsavedChanges()) {
      status.textContent = t('console.editor.nothing_to_save', { version: base.version })
      return
    }
    const result = await client.replace(base.id, etag, draft).catch((error: unknown) => {
      if (error instanceof SignInNeeded) keepUnsaved({ base, etag, draft })
      throw error
    })
    if (result.ok) return saved(result.record, result.etag, t('console.editor.saved', { version: result.record.version }))
    if (result.conflict) return showConflict()
    showProblems(result.problem.errors ?? [], result.problem.detail)
  }

  async function verify(): Promise<void> {
    status.textContent = ''
    // "Verified today" is said of the version stored: with changes in the form it would vouch for
    // the data they correct, and reloading the form would throw them away.
    if (hasUnsavedChanges()) {
      showProblems([], t('console.editor.verify_unsaved'))
      return
    }
    const result = await client.verify(base.id, etag)
    if (result.ok) return saved(result.record, result.etag, t('console.editor.verified_saved'))
    if (result.conflict) return showConflict()
    showProblems(result.problem.errors ?? [], result.problem.detail)
  }

  function saved(record: PointRecord, newEtag: string, message: string): void {
    base = record
    etag = newEtag
    draft = editableCopy(record)
    // JSON typed over an older version must not come back with this one (a later Save would apply it).
    typedJson = null
    context.onSaved(record)
    render(message)
  }

  async function showConflict(): Promise<void> {
    const theirs = await client.point(base.id)
    replaceChildren(
      root,
      conflictView({ base: draftOf(base), mine: draft, theirs: draftOf(theirs.record), theirsRecord: theirs.record }, t, {
        redo: (merged) => {
          base = theirs.record
          etag = theirs.etag
          draft = structuredClone(merged)
          render(t('console.conflict.redone'))
        },
        discard: () => saved(theirs.record, theirs.etag, t('console.conflict.discarded')),
      }),
    )
    root.querySelector<HTMLElement>('h2')?.focus()
  }

  function render(message?: string): void {
    // The button pressed (Salva, Dati verificati oggi, Rifai) goes with the form drawn anew: the
    // keyboard's place is then the version line under what was said (the status, a live region,
    // says it once; focusing the status itself would have it read twice), not the page's start.
    const focusWasHere = root.contains(document.activeElement) || document.activeElement === document.body
    const version = h('p', { class: 'pv-hint pv-editor__version', tabindex: '-1' }, t('console.editor.version', { version: base.version }))
    replaceChildren(root, summary, status, version, form(), closeForm())
    replaceChildren(summary)
    status.textContent = message ?? ''
    if (message && focusWasHere && root.isConnected) version.focus()
  }
  render(unsaved ? t('console.editor.restored') : undefined)
  return root
}

/**
 * The draft the form edits, sharing nothing with the version it was opened at: fields set inside
 * a site (`draft.sites[i] = …`) would otherwise change that version too, and a conflict's "redo
 * my changes" would find no change to the sites and drop them.
 */
const editableCopy = (record: PointRecord): PointDraft => structuredClone(draftOf(record))
