import { mayWrite, type Role } from '../../shared/access/roles.ts'
import { h, replaceChildren } from '../dom/h.ts'
import { adminClient, SignInNeeded, type AdminClient } from './admin-client.ts'
import { loadConsoleTranslator, isConsoleLang, type ConsoleKey, type ConsoleLang } from './console-messages.ts'
import { historyPanel } from './history-panel.ts'
import { canExtendSession, completeSignIn, currentAccessToken, currentSession, endSession, extendSession, sessionEndsAt, settleSignOut, signOut, startSignIn, type ConsoleConfig, type Session } from './oidc-session.ts'
import { pointEditor } from './point-editor.ts'
import { pointsList } from './points-list.ts'
import { reportsPanel } from './reports-panel.ts'
import { watchSessionEnd } from './session-end-warning.ts'
import { hasUnsaved, hasUnsavedEdits, keepUnsavedEdits } from './unsaved-draft.ts'

/**
 * The operators' console at /gestione/: sign in, "my points" with what needs attention, and one
 * point's page (its reports, the editor, its history). Views are chosen by the address's hash
 * (`#/punti/<id>`), so the browser's back button and links work; each view change moves the focus
 * to its heading and says so in the title.
 */
const query = new URLSearchParams(location.search)
const asked = query.get('lang')
const kept = sessionStorage.getItem('puntovicino.console.lang')
const lang: ConsoleLang = isConsoleLang(asked) ? asked : isConsoleLang(kept) ? kept : 'it'
sessionStorage.setItem('puntovicino.console.lang', lang)
document.documentElement.lang = lang
const t = await loadConsoleTranslator(lang)
const main = document.getElementById('console')!
const account = document.getElementById('console-account')!
for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as ConsoleKey)
const switcher = document.querySelector<HTMLAnchorElement>('[data-lang-switch]')
if (switcher) {
  const other = lang === 'it' ? 'en' : 'it'
  switcher.href = `?lang=${other}${location.hash}`
  switcher.lang = other
  switcher.hreflang = other
  switcher.textContent = other === 'en' ? 'English' : 'Italiano'
}

let adminRegion: string | null = sessionStorage.getItem('puntovicino.console.region')

function setTitle(view: string): void {
  document.title = `${view} · ${t('console.app')}`
}

function signInView(config: ConsoleConfig, problem?: string): void {
  replaceChildren(account)
  setTitle(t('console.signin.title'))
  replaceChildren(
    main,
    h(
      'section',
      { class: 'pv-signin', 'aria-labelledby': 'pv-signin-title' },
      h('h1', { id: 'pv-signin-title', tabindex: '-1' }, t('console.signin.title')),
      h('p', {}, t('console.signin.intro')),
      problem ? h('p', { class: 'pv-error-summary', role: 'alert' }, problem) : null,
      h('button', { type: 'button', class: 'pv-button', onclick: () => void startSignIn(config) }, t('console.signin.button')),
    ),
  )
}

function route(session: Session, client: AdminClient): void {
  const match = /^#\/punti\/(.+)$/.exec(location.hash)
  if (match) return void pointView(decodeURIComponent(match[1]!), client, session.roles)
  setTitle(t('console.list.title'))
  replaceChildren(
    main,
    pointsList(session.roles, client, t, {
      region: adminRegion,
      onRegion: (region) => {
        adminRegion = region || null
        if (adminRegion) sessionStorage.setItem('puntovicino.console.region', adminRegion)
        route(session, client)
        main.querySelector<HTMLElement>('#pv-region')?.focus()
      },
    }),
  )
  main.querySelector<HTMLElement>('h1')?.focus()
}

async function pointView(id: string, client: AdminClient, roles: readonly Role[]): Promise<void> {
  replaceChildren(main, h('p', { 'aria-busy': 'true' }, t('console.loading')))
  let opened
  try {
    opened = await client.point(id)
  } catch (error) {
    if (error instanceof SignInNeeded) throw error
    replaceChildren(main, h('p', { role: 'alert' }, t('console.point.not_found')), h('a', { href: '#/' }, t('console.point.back')))
    return
  }
  const title = h('h1', { id: 'pv-point-title', tabindex: '-1' }, opened.record.name)
  // The point's head: the way back, its name, its comune, id and public page.
  const head = () => [
    h('a', { href: '#/', class: 'pv-button pv-button--link' }, `← ${t('console.point.back')}`),
    title,
    h('p', { class: 'pv-hint' }, `${opened.record.comune.name} · ${id} · `, h('a', { href: `/?point=${encodeURIComponent(id)}`, target: '_blank', rel: 'noopener' }, t('console.point.public'))),
  ]
  setTitle(opened.record.name)
  // A point opened by its address that the account may not change: said at once, no editor whose
  // every save, report and history would be refused.
  if (!mayWrite(roles, 'update', opened.record, opened.record).allowed) {
    replaceChildren(main, ...head(), h('p', { class: 'pv-notice', role: 'alert' }, t('console.point.not_yours', { operator: opened.record.operator.name, region: opened.record.region?.name ?? '—' })))
    title.focus()
    return
  }
  const history = h('div', {})
  const refreshHistory = () => replaceChildren(history, historyPanel(id, client, t))
  replaceChildren(
    main,
    ...head(),
    reportsPanel(id, client, t, refreshHistory),
    h('h2', {}, t('console.point.edit')),
    pointEditor(opened, {
      t,
      client,
      canClose: mayWrite(roles, 'close', opened.record, opened.record).allowed,
      onSaved: (record) => {
        title.textContent = record.name
        setTitle(record.name)
        refreshHistory()
      },
    }),
    history,
  )
  refreshHistory()
  title.focus()
}

async function start(): Promise<void> {
  const config = (await (await fetch('/gestione/config.json')).json()) as ConsoleConfig
  // `npm start` answers as localhost and as 127.0.0.1, its provider as one of them: sign-in
  // cookies and the page's CSP need the console on the provider's own origin.
  const issuerOrigin = new URL(config.issuer).origin
  if (issuerOrigin !== location.origin && new URL(config.issuer).port === location.port && /^http:\/\/(localhost|127\.0\.0\.1):/.test(issuerOrigin)) {
    location.replace(`${issuerOrigin}${location.pathname}${location.search}${location.hash}`)
    return
  }
  // Back from the provider's sign-out page: signed out, or "Resta collegato" (the view left, with its session).
  const signedOut = settleSignOut()
  let session: Session | null
  try {
    session = (await completeSignIn(config)) ?? currentSession()
  } catch (error) {
    return signInView(config, t(error instanceof Error && error.message === 'cancelled' ? 'console.signin.cancelled' : 'console.signin.failed'))
  }
  if (!session) return signInView(config, signedOut === 'signed_out' ? t('console.signed_out') : undefined)
  const client = adminClient(currentAccessToken)
  const signedIn = session
  const sessionNews = h('span', { role: 'status' })
  /** A button of the account bar, as its links look. */
  const accountButton = (label: string, onclick: () => void) => h('button', { type: 'button', class: 'pv-button pv-button--link pv-console__signout', onclick }, label)
  const signOutButton = () => accountButton(t('console.signout'), () => void signOut(config))
  replaceChildren(account, h('span', {}, t('console.signed_in_as', { email: signedIn.email })), sessionNews, signOutButton())
  if (signedIn.roles.length === 0) {
    replaceChildren(main, h('h1', {}, t('console.no_role.title')), h('p', {}, t('console.no_role.text')))
    return
  }
  const signInAgain = () => {
    keepUnsavedEdits()
    // The editor leaves the page first, so leaving for the provider asks nothing about it.
    replaceChildren(main, h('p', { 'aria-busy': 'true' }, t('console.loading')))
    void startSignIn(config)
  }
  const sessionEnd = watchSessionEnd({
    t,
    lang,
    endsAt: sessionEndsAt,
    canExtend: canExtendSession,
    extend: async () => ((await extendSession(config)) ? sessionEndsAt() : null),
    signInAgain,
    // The account bar no longer names a session that has ended (Escape closes the dialog); "Esci"
    // stays, to end the provider's session too on a shared computer.
    ended: () =>
      replaceChildren(
        account,
        h('span', {}, t('console.session_end.ended_title')),
        accountButton(t('console.session_end.sign_in'), signInAgain),
        signOutButton(),
      ),
    signOut: () => void signOut(config),
    announce: (text) => {
      sessionNews.textContent = text
    },
  })
  const show = () => {
    try {
      route(signedIn, client)
    } catch (error) {
      if (error instanceof SignInNeeded) {
        sessionEnd.stop()
        signInView(config, t('console.session_expired'))
      }
      else throw error
    }
  }
  // The skip link moves focus to the view's heading and leaves the address alone: its #console was
  // a route to the router, which left the point being edited for the list (WCAG 2.4.1 without a
  // change of context).
  document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault()
    const heading = document.querySelector<HTMLElement>('#console h1') ?? document.getElementById('console')
    if (!heading) return
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
    heading.focus()
  })
  // Leaving a point with changes not saved asks first: the Back button, "← I miei punti", a link.
  let shownHash = location.hash
  window.addEventListener('hashchange', () => {
    if (location.hash === shownHash) return
    if (hasUnsavedEdits() && !window.confirm(t('console.editor.leave_unsaved'))) {
      // Back to the point's address without drawing it again: the form keeps what was typed.
      history.pushState(null, '', shownHash)
      return
    }
    shownHash = location.hash
    show()
  })
  // Closing the tab or reloading: the browser's own question.
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedEdits()) event.preventDefault()
  })
  // A page kept in the back-forward cache still holds the token it was drawn with: shown again
  // after a sign-out (Back), it starts afresh and finds no session.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return
    // Back from the provider's sign-out page without answering it: the sign-out asked for goes
    // ahead (only "Resta collegato" keeps the session), and a page drawn with no session starts afresh.
    if (settleSignOut() === 'signed_out' || !currentSession()) location.reload()
  })
  window.addEventListener('unhandledrejection', (event) => {
    if (event.reason instanceof SignInNeeded) {
      // Handled here: the page says it, and the error goes no further (no uncaught error).
      event.preventDefault()
      endSession()
      sessionEnd.stop()
      signInView(config, `${t('console.session_expired')}${hasUnsaved() ? ` ${t('console.session_expired_kept')}` : ''}`)
    }
  })
  show()
}

void start()
