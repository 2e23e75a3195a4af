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
  /** The session has ended: the page (not only the dialog, which Escape closes) says so. */
  readonly ended: () => void
}

export function watchSessionEnd(options: SessionEndOptions): { readonly stop: () => void } {
  const { t } = options
  // As the console writes times everywhere: 24-hour, no leading zero (9:58).
  const time = new Intl.DateTimeFormat(options.lang, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Rome' })
  const title = h('h2', { id: 'pv-session-end-title', tabindex: '-1' })
  const text = h('p', { id: 'pv-session-end-text' })
  // A failed extension, said as it happens: swapped into the text while focus moved to a new button, it went unheard.
  const failure = h('p', { role: 'alert' })
  const actions = h('div', { class: 'pv-session-end__actions' })
  const dialog = h('dialog', { class: 'pv-session-end', 'aria-labelledby': 'pv-session-end-title', 'aria-describedby': 'pv-session-end-text' }, title, failure, text, actions)
  document.body.append(dialog)
  // hidden → warning (→ extending → hidden, or back to warning after a failure) → ended; dismissed:
  // a warning closed that cannot be answered here (no refresh token), ended in its time.
  let state: 'hidden' | 'warning' | 'dismissed' | 'extending' | 'ended' | 'stopped' = 'hidden'
  let timer: ReturnType<typeof setTimeout> | undefined
  let focusBefore: HTMLElement | null = null

  const button = (label: string, onclick: () => void, kind = '') => h('button', { type: 'button', class: `pv-button ${kind}`.trim(), onclick }, label)
  const open = () => {
    if (dialog.open) return
    focusBefore = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
  }

  const showWarning = (failed = false) => {
    state = 'warning'
    const ends = time.format(options.endsAt())
    title.textContent = t('console.session_end.title')
    const asked = options.canExtend() ? t('console.session_end.text', { time: ends }) : t('console.session_end.text_sign_in', { time: ends })
    failure.textContent = failed ? t('console.session_end.not_extended') : ''
    text.textContent = asked
    const primary = options.canExtend() ? button(t('console.session_end.stay'), () => void stay()) : button(t('console.session_end.sign_in'), options.signInAgain)
    replaceChildren(
      actions,
      primary,
      failed ? button(t('console.session_end.sign_in'), options.signInAgain, 'pv-button--outline') : null,
      button(t('console.signout'), options.signOut, 'pv-button--outline'),
    )
    open()
    primary.focus()
  }

  const showEnded = () => {
    state = 'ended'
    title.textContent = t('console.session_end.ended_title')
    failure.textContent = ''
    text.textContent = t('console.session_end.ended_text')
    replaceChildren(actions, button(t('console.session_end.sign_in'), options.signInAgain))
    options.ended()
    open()
    // The heading, not the button: a key typed in a field as the dialog opens must not leave the page.
    title.focus()
  }

  async function stay(): Promise<void> {
    if (state !== 'warning') return
    state = 'extending'
    actions.setAttribute('aria-busy', 'true')
    const newEnd = await options.extend()
    actions.removeAttribute('aria-busy')
    if (state !== 'extending') return
    if (newEnd === null || newEnd <= Date.now()) {
      // A failure with time left (the network, the provider): said, and asked again; the end comes in its time.
      if (options.endsAt() > Date.now()) showWarning(true)
      else showEnded()
      schedule()
      return
    }
    state = 'hidden'
    dialog.close()
    // Back where the operator was (the field being typed in), and told until when.
    if (focusBefore?.isConnected) focusBefore.focus()
    options.announce(t('console.session_end.extended', { time: time.format(newEnd) }))
    schedule()
  }

  // Escape while warned keeps the session as "Resta collegato" does (where it can: else the
  // warning closes, and the end is said when it comes); once ended, it only closes the dialog, for
  // good (a save then asks to sign in again, the changes kept).
  dialog.addEventListener('cancel', (event) => {
    if (state === 'warning' && options.canExtend()) {
      event.preventDefault()
      void stay()
    } else if (state === 'warning') state = 'dismissed'
    else if (state === 'extending') event.preventDefault()
  })

  // Derived from the clock each time, not counted: a laptop asleep or a tab in the background
  // wakes its timers late, and must find the right state at once.
  function check(): void {
    if (state === 'extending' || state === 'ended' || state === 'stopped') return
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
  const onVisible = () => {
    if (document.visibilityState === 'visible') check()
  }
  document.addEventListener('visibilitychange', onVisible)
  check()
  return {
    // The session ended another way (the API refused its token): the sign-in view says so, not a dialog over it.
    stop: () => {
      state = 'stopped'
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
      if (dialog.open) dialog.close()
      dialog.remove()
    },
  }
}
