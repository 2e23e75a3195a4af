import { h, replaceChildren } from '../dom/h.ts'
import type { ConsoleTranslate } from './console-messages.ts'

/**
 * The session's end, said before it comes (WCAG 2.2.1, Timing Adjustable): two minutes before, a
 * dialog asks whether to stay signed in, and one key press (Enter, or Escape as a "no change")
 * extends it with no page left and nothing typed lost. Unanswered, the dialog says the session has
 * ended and offers to sign in again, the changes not saved kept for the point. Without it an
 * operator learnt of the end only when a save was refused, an hour of edits later.
 */
export const WARNING_BEFORE_END_MS = 120_000

export interface SessionEndOptions {
  readonly t: ConsoleTranslate
  readonly lang: string
  /** When the console stops treating the session as valid (ms since the epoch). */
  readonly endsAt: () => number
  /** Whether "Resta collegato" can extend it here (the provider gave a refresh token). */
  readonly canExtend: () => boolean
  /** The new end, or null when the session could not be extended. */
  readonly extend: () => Promise<number | null>
  readonly signInAgain: () => void
  readonly signOut: () => void
  /** Where "Sessione prolungata…" is said (a live region already on the page). */
  readonly announce: (text: string) => void
}

export function watchSessionEnd(options: SessionEndOptions): void {
  const { t } = options
  const time = new Intl.DateTimeFormat(options.lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' })
  const title = h('h2', { id: 'pv-session-end-title' })
  const text = h('p', { id: 'pv-session-end-text' })
  const actions = h('div', { class: 'pv-session-end__actions' })
  const dialog = h('dialog', { class: 'pv-session-end', 'aria-labelledby': 'pv-session-end-title', 'aria-describedby': 'pv-session-end-text' }, title, text, actions)
  document.body.append(dialog)
  let state: 'hidden' | 'warning' | 'extending' | 'ended' = 'hidden'
  let timer: ReturnType<typeof setTimeout> | undefined
  let focusBefore: HTMLElement | null = null

  const button = (label: string, onclick: () => void, kind = '') => h('button', { type: 'button', class: `pv-button ${kind}`.trim(), onclick }, label)
  const open = () => {
    if (dialog.open) return
    focusBefore = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
  }

  const showWarning = () => {
    state = 'warning'
    title.textContent = t('console.session_end.title')
    text.textContent = t('console.session_end.text', { time: time.format(options.endsAt()) })
    const primary = options.canExtend() ? button(t('console.session_end.stay'), () => void stay()) : button(t('console.session_end.sign_in'), options.signInAgain)
    replaceChildren(actions, primary, button(t('console.signout'), options.signOut, 'pv-button--outline'))
    open()
    primary.focus()
  }

  const showEnded = (notExtended = false) => {
    state = 'ended'
    title.textContent = t('console.session_end.ended_title')
    text.textContent = `${notExtended ? `${t('console.session_end.not_extended')} ` : ''}${t('console.session_end.ended_text')}`
    const signIn = button(t('console.session_end.sign_in'), options.signInAgain)
    replaceChildren(actions, signIn)
    open()
    signIn.focus()
  }

  async function stay(): Promise<void> {
    if (state !== 'warning') return
    state = 'extending'
    actions.setAttribute('aria-busy', 'true')
    const newEnd = await options.extend()
    actions.removeAttribute('aria-busy')
    if (newEnd === null || newEnd <= Date.now()) return showEnded(true)
    state = 'hidden'
    dialog.close()
    // Back where the operator was (the field being typed in), and told until when.
    if (focusBefore?.isConnected) focusBefore.focus()
    options.announce(t('console.session_end.extended', { time: time.format(newEnd) }))
    schedule()
  }

  // Escape while warned keeps the session as "Resta collegato" does; once ended, it only closes
  // the dialog, for good (a save then asks to sign in again, the changes kept).
  dialog.addEventListener('cancel', (event) => {
    if (state === 'warning') {
      event.preventDefault()
      void stay()
    } else if (state === 'extending') event.preventDefault()
  })

  // Derived from the clock each time, not counted: a laptop asleep or a tab in the background
  // wakes its timers late, and must find the right state at once.
  function check(): void {
    if (state === 'extending' || state === 'ended') return
    const left = options.endsAt() - Date.now()
    if (left <= 0) return showEnded()
    if (left <= WARNING_BEFORE_END_MS && state === 'hidden') showWarning()
    schedule()
  }
  function schedule(): void {
    clearTimeout(timer)
    const left = options.endsAt() - Date.now()
    timer = setTimeout(check, Math.max(0, left > WARNING_BEFORE_END_MS ? left - WARNING_BEFORE_END_MS : left))
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check()
  })
  check()
}
