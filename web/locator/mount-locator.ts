import type { PointView } from '../../shared/schemas/point-view.ts'
import { pointPath } from '../../shared/text/page-paths.ts'
import { ApiError, createApiClient, type Place, type SearchArea } from '../api/api-client.ts'
import { detailStatus, renderDetail } from '../detail/render-detail.ts'
import { REPORT_ANCHOR } from '../detail/report-form.ts'
import { h, replaceChildren } from '../dom/h.ts'
import { locationIcon } from '../dom/location-icon.ts'
import { translator, type MessageKey, type Translate } from '../../shared/i18n/messages.ts'
import { DEFAULT_LANG, langQuery } from '../../shared/i18n/langs.ts'
import { refNameIn } from '../../shared/gazetteer/comune-names.ts'
import { isDemoPoint } from '../list/demo-badge.ts'
import { answerOutdated } from '../list/answer-expiry.ts'
import { POINTS_PAGE } from '../../shared/schemas/page-sizes.ts'
import { keepFocusInView } from '../dom/report-height.ts'
import { formatDistance } from '../i18n/format.ts'
import { renderResult } from '../list/render-results.ts'
import { cardStatus, nearestNextText, primarySite } from '../list/point-summary.ts'
import { resultsHeading } from '../list/results-heading.ts'
import { mapLocale } from '../map/map-locale.ts'
import type { ResultsMap } from '../map/results-map.ts'
import { supportsWebGl } from '../map/webgl-support.ts'
import { HERE_PLACE, hasSearch, openAtDate, parseLocatorState, serializeLocatorState, toPointsQuery, withoutPastOpenAt, type LocatorState } from '../state/locator-state.ts'
import type { RejectedPrefilter } from '../state/rejected-prefilters.ts'
import { roundPosition } from '../state/round-position.ts'
import { createFilterControls } from './filter-controls.ts'
import { placeLabel } from './place-label.ts'
import { exampleComune } from './region-words.ts'
import { createPlaceSearch } from './place-search.ts'
import type { ViewContext } from './view-context.ts'

export interface LocatorOptions {
  /** Where the locator builds its UI (an element of the page, or inside the widget's shadow root). */
  readonly root: HTMLElement
  /** The API origin, e.g. `https://puntovicino.example/`. */
  readonly apiBase: string
  /** Where the page's assets live (map basemap); the map chunk resolves itself. */
  readonly assetBase: string
  /** The public page, for share links and "open in a new tab" (absolute URL). */
  readonly pageUrl: string
  readonly initial: LocatorState
  readonly listOnly: boolean
  readonly mapStyleUrl: string | null
  /** `url`: the view lives in the address bar (page, iframe embed); `none`: in memory (widget on someone else's page). */
  readonly history: 'url' | 'none'
  /**
   * With `history: 'url'`: parameters of the page itself, not of the view, written back into every
   * URL the locator puts in the address bar (the embed's accent and list-only), so a reload keeps them.
   */
  readonly keepInUrl?: URLSearchParams
  /** Unique per instance, so several widgets on one page keep distinct ids. */
  readonly idPrefix: string
  readonly now?: () => Date
  /**
   * The area a host site filtered this locator to (a widget's or an embed's region or province):
   * the comune search offers only its comuni, so a Tuscan widget never answers "nearest to Perugia".
   * Absent on the citizen page, whose filters a shared link may set and the citizen cannot see.
   */
  readonly searchArea?: SearchArea
  /** Prefilters the host site set but the locator dropped (`region=99`): told to the webmaster on the widget itself. */
  readonly rejectedPrefilters?: readonly RejectedPrefilter[]
  readonly onStateChange?: (state: LocatorState) => void
}

export interface LocatorHandle {
  readonly state: () => LocatorState
  destroy(): void
}

const PAGE_SIZE = 20
/** How often the list on screen is checked for statuses no longer true. */
const ANSWER_CHECK_MS = 60_000
/** Beyond this, the nearest answer is said to be far (an older citizen's day trip, not a walk). */
const FAR_NEAREST_METRES = 30_000

/**
 * The citizen's locator: search → list → detail, with the map as an extra loaded afterwards.
 * The list is complete on its own (the map's text alternative) and renders before MapLibre is
 * even requested; without WebGL the map is simply never loaded.
 */
export function mountLocator(options: LocatorOptions): LocatorHandle {
  const { idPrefix } = options
  const t = translator(options.initial.lang)
  const api = createApiClient(options.apiBase)
  const context: ViewContext = { lang: options.initial.lang, t, now: options.now ?? (() => new Date()) }
  let state = withoutPastOpenAt(options.initial, context.now())
  let items: PointView[] = []
  let nextCursor: string | null = null
  let map: ResultsMap | null = null
  let mapRequested = false
  /** The map loads asynchronously: one that arrives after the locator is gone is removed at once. */
  let destroyed = false
  let loading: AbortController | undefined
  let resultsKey: string | null = null
  /** The open detail's point when it is not among the results (a shared link): the map shows it too. */
  let extraPoint: PointView | null = null

  const mapPoints = (): PointView[] => (extraPoint ? [...items, extraPoint] : items)
  /** On another site (the widget, or our page in a host's iframe): links to our pages open in a new tab, and the data are credited. */
  const onAnotherSite = options.history === 'none' || window.top !== window.self
  /** The page's own title (a page that owns its address, not a widget's host): a detail puts its point's name first, for the tab, history and screen readers (WCAG 2.4.2). */
  const pageTitle = options.history === 'url' ? document.title : null
  /** What the cards, the detail and the pins word their statuses in: with the moment the citizen chose to go, if any. */
  const shownContext = (): ViewContext => (state.open_at ? { ...context, visitAt: openAtDate(state.open_at) } : context)
  /** A pin is green when its card says open. */
  const isShownOpen = (point: PointView): boolean => cardStatus(point, primarySite(point), shownContext()).tone === 'open'

  const geoStatus = h('p', { id: `${idPrefix}-geo-status`, class: 'pv-geo__status', role: 'status' })
  const search = createPlaceSearch({ api, t, idPrefix, onChoose: choosePlace, example: exampleComune(options.initial.region), area: options.searchArea })
  /**
   * A widget of a province or a comune gives a comune of its own area as the example: the
   * region's capital (or Firenze) is one it refuses. Said without one until a name is known: its
   * comune's once looked up, else the first listed point's.
   */
  const narrowArea = Boolean(options.searchArea?.province || options.searchArea?.comune)
  let exampleOfArea = false
  const giveExample = (name: string): void => {
    exampleOfArea = true
    search.setExample(name)
  }
  if (narrowArea) search.setExample(null)
  // "Mostra N risultati" shows them: in the phone's map view too, where the list is hidden.
  const filters = createFilterControls({ context, idPrefix, onChange: (patch) => update({ ...patch, point: null }, 'replace'), onDone: () => {
    showView('list')
    resultsTitle.focus()
  } })
  const resultsTitle = h('h2', { id: `${idPrefix}-results-title`, class: 'pv-results__title', tabindex: '-1' })
  const count = h('p', { class: 'pv-count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' })
  // Derived from the results, not written in the page: it follows the data into widgets and iframes.
  const demoNotice = h('p', { class: 'pv-demo-notice', hidden: true }, t('app.demo_notice'))
  // A region's list asked from elsewhere (a position in Milan, a hand-made link): said, with the way to all of Italy.
  const areaNotice = h('div', { class: 'pv-area-notice', role: 'status' })
  const farNotice = h('div', { class: 'pv-far-notice', role: 'status' })
  const list = h('ol', { class: 'pv-list', 'aria-labelledby': resultsTitle.id })
  const more = h('button', { type: 'button', class: 'pv-button pv-button--outline pv-more', hidden: true, onclick: () => void loadResults(true) }, t('results.more'))
  // What to do when the list is empty or failed: filled by loadResults, empty otherwise.
  const emptyHelp = h('div', { class: 'pv-empty-help' })
  const remoteTitle = h('h2', { id: `${idPrefix}-remote-title`, class: 'pv-remote__title' }, t('remote.title'))
  const remoteList = h('ol', { class: 'pv-list', 'aria-labelledby': remoteTitle.id })
  const remote = h('section', { class: 'pv-remote', 'aria-labelledby': remoteTitle.id, hidden: true }, remoteTitle, h('p', { class: 'pv-hint' }, t('remote.intro')), remoteList)
  const results = h('section', { class: 'pv-results', 'aria-labelledby': resultsTitle.id }, resultsTitle, count, areaNotice, farNotice, demoNotice, list, emptyHelp, more)
  const detail = h('section', { class: 'pv-detail-host', hidden: true })
  // The nearest list and the remote help: hidden together while a detail is open.
  const listView = h('div', { class: 'pv-list-view' }, results, remote)
  const mapHost = h('div', { class: 'pv-map', hidden: options.listOnly })
  // The count again, above the map, for the phone's map view where the list's own is hidden: a
  // search or filter changed there is still read out. Empty in the list view (one voice at a time).
  const mapCount = h('p', { class: 'pv-map__count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' })
  let view: 'list' | 'map' = 'list'
  const mapNote = h('p', { class: 'pv-map__note' })
  const geoButton = h('button', { type: 'button', class: 'pv-button pv-button--outline pv-geo__button', onclick: locate }, locationIcon(), t('geo.button'))

  // On a phone, list or map, one at a time, chosen at the top: the map is not twenty cards down.
  // (On a wide screen both show side by side and the switch is not displayed: CSS.)
  const viewButton = (view: 'list' | 'map') =>
    h('button', { type: 'button', class: 'pv-view-switch__button', 'aria-pressed': String(view === 'list'), onclick: () => showView(view) }, t(`view.${view}` as MessageKey))
  const listButton = viewButton('list')
  const mapButton = viewButton('map')
  const viewSwitch = options.listOnly ? null : h('div', { class: 'pv-view-switch', role: 'group', 'aria-label': t('view.switch') }, listButton, mapButton)

  // Hidden until the first list is on screen: on a phone the map sits below the list, and a map
  // shown above a list still loading would be pushed down a whole page (a layout shift).
  // What the pins' two looks mean, in words (WCAG 1.4.1): filled open, ringed the others.
  const mapLegend = h('ul', { class: 'pv-map__legend', 'aria-label': t('map.legend') }, h('li', { class: 'pv-map__legend-open' }, t('map.legend_open')), h('li', { class: 'pv-map__legend-other' }, t('map.legend_other')))
  const mapColumn = options.listOnly ? null : h('div', { class: 'pv-map-column', hidden: true }, mapCount, mapHost, mapLegend, mapNote)

  // The webmaster's box, in a live region there from the start: what is found wrong after load
  // (a comune code that names no comune) is then said, not only shown.
  const configLive = h('div', { role: 'status' }, configNotice(options.rejectedPrefilters ?? [], t))
  const locatorRoot = h(
    'div',
    { class: `pv-locator${options.listOnly ? ' pv-locator--list-only' : ''}` },
    configLive,
    h('div', { class: 'pv-controls' }, search.element, h('div', { class: 'pv-geo' }, geoButton, h('p', { class: 'pv-privacy' }, t('geo.privacy')), geoStatus), filters.element),
    viewSwitch,
    h('div', { class: 'pv-body' }, h('div', { class: 'pv-main', id: `${idPrefix}-results` }, listView, detail), mapColumn),
    dataCreditOf(t, options.pageUrl, onAnotherSite),
  )
  replaceChildren(options.root, locatorRoot)

  /** The view on the public page (share links, the widget's links): only the view, never the embed's own settings. */
  const pageHrefAbsolute = (next: LocatorState): string => {
    const query = serializeLocatorState(next).toString()
    return `${options.pageUrl}${query ? `?${query}` : ''}`
  }

  /** A point's own page on the public site (cards' links, the share link): it works without JavaScript and previews in a chat. */
  const pointPageUrl = (point: Pick<PointView, 'id' | 'name' | 'comune'>): string =>
    new URL(`${pointPath(point).slice(1)}${langQuery(state.lang)}`, options.pageUrl).toString()

  /** The view in this page's own address bar (page, embed), or on the public page for the widget. */
  const pageHref = (next: LocatorState): string => {
    if (options.history !== 'url') return pageHrefAbsolute(next)
    const query = serializeLocatorState(next)
    for (const [name, value] of options.keepInUrl ?? []) query.set(name, value)
    return `?${query}`
  }

  function choosePlace(place: Place): void {
    geoStatus.textContent = ''
    // With its province: the heading must tell Castro (LE) from Castro (BG).
    // On a page in the comune's second language, its name in that language: Bozen (BZ).
    update({ near: roundPosition({ lat: place.lat, lon: place.lon }), place: placeLabel({ name: refNameIn(place, state.lang), province: place.province }), point: null, q: null }, 'push')
  }

  function locate(): void {
    if (!('geolocation' in navigator)) {
      geoStatus.textContent = t('geo.unavailable')
      return
    }
    geoStatus.textContent = t('geo.locating')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        geoStatus.textContent = ''
        search.setValue('')
        // Rounded here, on the device, before anything is sent or written to the URL.
        const near = roundPosition({ lat: position.coords.latitude, lon: position.coords.longitude })
        update({ near, place: HERE_PLACE, point: null, q: null }, 'push')
      },
      () => (geoStatus.textContent = t('geo.denied')),
      { enableHighAccuracy: false, maximumAge: 300_000, timeout: 15_000 },
    )
  }

  function update(patch: Partial<LocatorState>, mode: 'push' | 'replace'): void {
    state = { ...state, ...patch }
    if (options.history === 'url') {
      const url = pageHref(state)
      if (mode === 'push') history.pushState(null, '', url)
      else history.replaceState(null, '', url)
    }
    void render()
  }

  async function render(): Promise<void> {
    options.onStateChange?.(state)
    filters.show(state)
    const key = toPointsQuery(state).toString()
    if (key !== resultsKey) await loadResults(false)
    if (state.point) await showDetail(state.point)
    else hideDetail()
  }

  /** Whether the last search was answered (an empty list after a failed request is no "none here"). */
  let lastLoadAnswered = false
  /** The comune the list is filtered to, by name and centre (the state holds its code only), once looked up. */
  let areaComune: { code: string; place: Place | null } | null = null
  function lookUpAreaComune(): void {
    const code = state.comune
    if (code === (areaComune?.code ?? null)) return
    areaComune = code ? { code, place: null } : null
    if (!code) return
    void api
      .places(code)
      .then((page) => {
        if (areaComune?.code !== code) return
        areaComune = { code, place: page.items.find((p) => p.istat === code) ?? null }
        if (areaComune.place && code === options.searchArea?.comune) giveExample(areaComune.place.name)
        // The host's comune code names no comune: its webmaster is told on the widget, as for a malformed one.
        if (!areaComune.place && code === options.searchArea?.comune) replaceChildren(configLive, configNotice([...(options.rejectedPrefilters ?? []), { name: 'comune', value: code, unknown: true }], t))
        resultsTitle.textContent = resultsHeading(state, t, areaComunePlace()?.name ?? null)
        offerNearestToComune()
      })
      .catch(() => {})
  }
  const areaComunePlace = (): Place | null => (areaComune && areaComune.code === state.comune ? areaComune.place : null)

  /**
   * A comune with no point at all (Bevagna): not "remove a filter", which there is none to remove,
   * but that it has none yet, and the nearest points around it (the public page, all of Italy).
   */
  function offerNearestToComune(): void {
    const comune = areaComunePlace()
    // A place searched within the comune (its own name, its CAP) is no filter to take off: the
    // list stays empty whatever the place, and the way out is the same (it was a dead end). The
    // link says the comune and goes to its centre, whatever position the search was from.
    const unfiltered = !state.q && !state.open_now && !state.open_at && !state.accessible && state.service.length === 0 && state.topic.length === 0 && state.kind.length === 0
    // (Not while a search is on its way: lastLoadAnswered is false from its start to its answer.)
    if (!comune || !unfiltered || !lastLoadAnswered || items.length > 0) return
    const nearest = pageHrefAbsolute({ ...state, region: null, province: null, comune: null, point: null, near: { lat: comune.lat, lon: comune.lon }, place: comune.name })
    sayCount(t('results.none_in_comune', { comune: comune.name }))
    replaceChildren(emptyHelp, h('p', {}, h('a', { href: nearest, ...(onAnotherSite ? { target: '_blank', rel: 'noopener' } : {}) }, t('results.nearest_to_comune', { comune: comune.name }), onAnotherSite ? h('span', { class: 'pv-visually-hidden' }, ` ${t('detail.new_tab')}`) : null)))
  }

  /**
   * `quiet`: the same search asked again because the list on screen is outdated (answer-expiry.ts):
   * no "loading", the cards usable meanwhile, as many as were shown; then only the cards change:
   * the keyboard stays on its card, the count and the far notice are said only if they changed, the
   * map keeps its view, the area notice, the remote help and the list's help stay as they are, and
   * a failure leaves the list as it was (asked again at the next check).
   */
  async function loadResults(append: boolean, quiet = false): Promise<void> {
    resultsKey = toPointsQuery(state).toString()
    lookUpAreaComune()
    resultsTitle.textContent = resultsHeading(state, t, areaComunePlace()?.name ?? null)
    if (!hasSearch(state)) {
      clearList()
      sayCount(t('results.start'))
      afterList()
      return
    }
    loading?.abort()
    const controller = (loading = new AbortController())
    const query = toPointsQuery(state)
    // A quiet refresh asks for every card shown, up to what a page of /v1/points may hold.
    query.set('limit', String(quiet ? Math.min(POINTS_PAGE.maxRows, Math.max(PAGE_SIZE, items.length)) : PAGE_SIZE))
    if (append && nextCursor) query.set('cursor', nextCursor)
    if (!append && !quiet) {
      sayCount(t('results.loading'))
      filters.forgetCount()
      lastLoadAnswered = false
    }
    if (!quiet) {
      replaceChildren(emptyHelp)
      list.setAttribute('aria-busy', 'true')
      // The cards on screen answer the last search, not this one: not to be opened meanwhile.
      if (!append) list.inert = true
    }
    try {
      const page = await api.points(query, loading.signal)
      // Where the keyboard is now, not when the request left (the citizen may have moved on).
      const focusedCard = quiet && list.contains(document.activeElement) ? document.activeElement?.closest<HTMLElement>('[data-id]')?.dataset.id : undefined
      if (quiet && page.items.length > 0) replaceChildren(emptyHelp)
      lastLoadAnswered = true
      if (!append) answeredAt = context.now().getTime()
      const firstNew = append ? items.length : 0
      items = append ? [...items, ...page.items] : page.items
      if (narrowArea && !exampleOfArea && items[0]) giveExample(items[0].comune.name)
      nextCursor = page.next_cursor
      if (!append) {
        replaceChildren(list)
        if (!quiet) showAreaNotice(page.near_outside_area === true)
        showFarNotice(page.items[0])
      }
      demoNotice.hidden = !items.some(isDemoPoint)
      list.append(...page.items.map((point, i) => renderResult(point, shownContext(), { open: (id) => openFrom(list, id), highlight: (id) => map?.highlight(id), hrefOf: pointPageUrl }, firstNew + i + 1)))
      more.hidden = nextCursor === null
      filters.showCount(items.length, nextCursor !== null)
      // Nothing to map: the list's view has the help (another filter, the points closed now).
      if (items.length === 0) showView('list')
      sayCount(items.length === 0 ? t('results.none') : nextCursor ? t('results.count_more', { count: items.length }) : t('results.count', { count: items.length }))
      if (append) list.querySelectorAll<HTMLAnchorElement>('.pv-result__link')[firstNew]?.focus()
      if (focusedCard) [...list.querySelectorAll<HTMLElement>('[data-id]')].find((card) => card.dataset.id === focusedCard)?.querySelector<HTMLElement>('.pv-result__link')?.focus()
      const firstAnswer = !append && !quiet
      if (firstAnswer && items.length === 0 && state.open_now) void offerNearestClosed(loading.signal)
      if (firstAnswer && items.length === 0 && state.open_at) offerAnyTime()
      // (Ready now, or when the comune's lookup answers: offerNearestToComune runs then too.)
      if (firstAnswer && items.length === 0) offerNearestToComune()
      if (firstAnswer) void loadRemoteHelp(loading.signal)
    } catch (error) {
      if ((error as Error).name === 'AbortError' || quiet) return
      // Say what happened, and give the way to try again right there: in the list's view.
      showView('list')
      // A 400: a filter set for this page that the API refuses (an embed's comune code that names no
      // comune); trying again would not help. A new search that failed otherwise leaves no earlier
      // answer's cards under its message (more points that failed to come keep those listed).
      const invalid = error instanceof ApiError && error.status === 400
      if (invalid || !append) clearList()
      if (invalid) {
        sayCount(t('results.error_invalid'))
      } else {
        const failure = t('results.error_detail', { reason: t(error instanceof ApiError ? 'results.error_server' : 'results.error_offline') })
        sayCount(failure)
        // More points that failed to come: said by the button too, below the long list where the
        // citizen pressed "more", not only in the count at its top (5,000 px away in an iframe).
        replaceChildren(emptyHelp, append ? h('p', {}, failure) : null, h('button', { type: 'button', class: 'pv-button', onclick: () => keepFocusInResults(() => void loadResults(append)) }, t('results.retry')))
      }
    } finally {
      // A request a newer one aborted leaves the list to the newer one.
      if (loading === controller) {
        list.removeAttribute('aria-busy')
        list.inert = false
      }
    }
    afterList(quiet)
  }

  /** No answer on screen: no cards, no "more", no notices. */
  function clearList(): void {
    items = []
    nextCursor = null
    replaceChildren(list)
    more.hidden = true
    demoNotice.hidden = true
    showAreaNotice(false)
    showFarNotice(undefined)
  }

  /**
   * The searched position is outside the host's area: the list holds the area's points nearest to
   * it, which may be far. Said, with a link to the same search over all of Italy (the public page,
   * in a new tab from another site).
   */
  function showAreaNotice(outside: boolean): void {
    if (!outside) return replaceChildren(areaNotice)
    const everywhere = pageHrefAbsolute({ ...state, region: null, province: null, comune: null, point: null })
    replaceChildren(
      areaNotice,
      h('p', { class: 'pv-notice' }, state.place === HERE_PLACE ? t('results.outside_area_here') : state.place ? t('results.outside_area_place', { place: state.place }) : t('results.outside_area_near')),
      h('p', {}, h('a', { href: everywhere, ...(onAnotherSite ? { target: '_blank', rel: 'noopener' } : {}) }, t('results.outside_area_link'), onAnotherSite ? h('span', { class: 'pv-visually-hidden' }, ` ${t('detail.new_tab')}`) : null)),
    )
  }

  /**
   * The nearest answer is far from the place searched (on a holiday, at an hour when little is
   * open): "nearest" over a list starting at 104 km read as help nearby. Said, with the way to the
   * points closed then when a time was chosen.
   */
  function showFarNotice(nearest: PointView | undefined): void {
    if (!state.near || nearest?.distance_m === undefined || nearest.distance_m <= FAR_NEAREST_METRES) return replaceChildren(farNotice)
    const where = state.place === HERE_PLACE ? t('results.far_here') : state.place ? t('results.far_place', { place: state.place }) : ''
    const timed = state.open_now ? t('results.far_open_now') : state.open_at !== null ? t('results.far_timed') : null
    const text = h('p', { class: 'pv-notice' }, t('results.far', { distance: formatDistance(nearest.distance_m, state.lang, t), where }), timed ? ` ${timed}` : '')
    // The same words again (a quiet refresh) are not said again.
    if (farNotice.firstElementChild?.textContent === text.textContent) return
    replaceChildren(farNotice, text, timed ? showClosedButton({ open_now: false, open_at: null }) : null)
  }

  /**
   * "Open now" found nothing: the nearest point that opens next, when, and how far, with the one
   * button that removes the filter. A dead end is worse than a closed door with its opening time.
   */
  async function offerNearestClosed(signal: AbortSignal): Promise<void> {
    const query = toPointsQuery({ ...state, open_now: false })
    query.set('limit', '1')
    const showClosed = showClosedButton({ open_now: false })
    try {
      const [nearest] = (await api.points(query, signal)).items
      // "The nearest" only when a place was searched: without one, the first point is no nearer than the others.
      const nextText = nearest && state.near ? nearestNextText(nearest, context) : null
      replaceChildren(emptyHelp, h('p', {}, t('results.none_open')), nextText ? h('p', {}, nextText) : null, showClosed)
    } catch {
      if (!signal.aborted) replaceChildren(emptyHelp, h('p', {}, t('results.none_open')), showClosed)
    }
  }

  /** The results' count or state, in the list and, in the phone's map view, above the map; the same words again are not said again (a quiet refresh). */
  function sayCount(text: string): void {
    if (count.textContent !== text) count.textContent = text
    const inMap = inMapView() ? text : ''
    if (mapCount.textContent !== inMap) mapCount.textContent = inMap
  }

  /** When the answer on screen came; checked each minute while the page is seen, and when it is shown again (answer-expiry.ts). */
  let answeredAt = 0
  let refreshing = false
  const keepAnswerTrue = (): void => {
    // One at a time: a slow answer is not aborted by the next minute's check.
    if (destroyed || document.visibilityState === 'hidden' || refreshing) return
    if (state.point) return keepDetailTrue()
    // (Not while a search or "more" is on its way: a refresh would abort it.)
    if (!lastLoadAnswered || !hasSearch(state) || list.hasAttribute('aria-busy')) return
    if (!answerOutdated(items, answeredAt, context.now().getTime())) return
    refreshing = true
    void loadResults(false, true).finally(() => (refreshing = false))
  }
  /**
   * A detail left open is kept true as the list is (it said "chiude alle 12:30" at 12:45): once a
   * time it shows has passed, or while it counts the minutes to a closing, the point is asked for
   * again (through the list it came from, whose answers speak for the site found) and its status
   * line restated in place, the keyboard and the rest of the detail left as they are.
   */
  const keepDetailTrue = (): void => {
    const shown = detailShown
    if (!shown || shown.point.id !== state.point || !answerOutdated([shown.point], shown.answeredAt, context.now().getTime())) return
    refreshing = true
    const fromList = lastLoadAnswered && hasSearch(state) && !list.hasAttribute('aria-busy') && items.some((p) => p.id === shown.point.id)
    const alone = () => api.point(shown.point.id).catch(() => null)
    // A point the list no longer holds (closed, under "Solo aperti ora") is asked for alone.
    const fresh = fromList ? loadResults(false, true).then(() => items.find((p) => p.id === shown.point.id) ?? alone()) : alone()
    void fresh
      .then((point) => {
        // Asked, whatever came: a failed answer is asked again at the next check, not every minute.
        if (detailShown === shown) detailShown = { point: point ?? shown.point, answeredAt: context.now().getTime() }
        if (!point || state.point !== point.id) return
        const line = detail.querySelector<HTMLElement>('.pv-status')
        const status = detailStatus(point, shownContext())
        if (line && (line.textContent !== status.text || !line.classList.contains(`pv-status--${status.tone}`))) {
          line.className = `pv-status pv-status--${status.tone}`
          line.textContent = status.text
        }
      })
      .finally(() => (refreshing = false))
  }
  const answerCheck = setInterval(keepAnswerTrue, ANSWER_CHECK_MS)
  document.addEventListener('visibilitychange', keepAnswerTrue)

  /**
   * The phone's map view is on screen: chosen, and the switch shown. A phone turned to a wide
   * layout shows list and map side by side (no switch), and the count is then said once, by the list.
   */
  function inMapView(): boolean {
    return view === 'map' && viewSwitch !== null && getComputedStyle(viewSwitch).display !== 'none'
  }

  /** "Mostra anche i punti chiusi": the one tap that lifts the time filter which emptied the list. */
  function showClosedButton(lift: Pick<Partial<LocatorState>, 'open_now' | 'open_at'>): HTMLElement {
    return h('button', { type: 'button', class: 'pv-button pv-button--outline', onclick: () => keepFocusInResults(() => update({ ...lift, point: null }, 'push')) }, t('results.show_closed'))
  }

  /**
   * A button of the list's help removes itself with the answer it brings (Riprova, Mostra anche i
   * punti chiusi): the keyboard's place moves to the results' heading first, or it fell back to the
   * page's start and the next Tab skipped the results it had asked for.
   */
  function keepFocusInResults(action: () => void): void {
    resultsTitle.focus()
    action()
  }

  /** "Open at" the chosen time found nothing: say so, and give back the points open at other times in one tap. */
  function offerAnyTime(): void {
    const showClosed = showClosedButton({ open_at: null })
    replaceChildren(emptyHelp, h('p', {}, t('results.none_open_at')), showClosed)
  }

  /**
   * Points that help online, for the region of the searched place: a citizen who cannot travel
   * can still be helped. Shown under the nearest list after a place or position search.
   */
  async function loadRemoteHelp(signal: AbortSignal): Promise<void> {
    replaceChildren(remoteList)
    remote.hidden = true
    if (!state.near || (state.kind.length === 1 && state.kind[0] === 'online')) return
    // The same needs (service, topic, open now) answered from a distance: only the kind changes.
    const query = toPointsQuery({ ...state, q: null, kind: ['online'] })
    query.set('limit', '5')
    try {
      const page = await api.points(query, signal)
      if (page.items.length === 0) return
      remoteList.append(...page.items.map((point) => renderResult(point, shownContext(), { open: (id) => openFrom(remoteList, id), highlight: () => {}, hrefOf: pointPageUrl })))
      remote.hidden = false
    } catch {
      // An extra: the main list stands on its own.
    }
  }

  function showView(shown: 'list' | 'map'): void {
    view = shown
    locatorRoot.classList.toggle('pv-locator--view-map', view === 'map')
    listButton.setAttribute('aria-pressed', String(view === 'list'))
    mapButton.setAttribute('aria-pressed', String(view === 'map'))
    mapCount.textContent = inMapView() ? count.textContent : ''
    // Shown again after being hidden: MapLibre must measure its container anew.
    if (view === 'map') requestAnimationFrame(() => map?.resize())
  }

  /** A pin under the pointer marks its card, as a card under the pointer marks its pin. */
  function markCard(id: string | null): void {
    for (const card of list.querySelectorAll('.pv-result--marked')) card.classList.remove('pv-result--marked')
    if (id) list.querySelector(`.pv-result[data-id="${CSS.escape(id)}"]`)?.classList.add('pv-result--marked')
  }

  /**
   * The list is on screen: now, and only now, is the map worth its weight. `keepView`: the same
   * search's cards refreshed: the pins change, the map's view and chosen pin stay.
   */
  function afterList(keepView = false): void {
    if (extraPoint && items.some((p) => p.id === extraPoint?.id)) extraPoint = null
    map?.setResults(mapPoints(), isShownOpen, { keepView })
    if (!keepView) map?.setOrigin(state.near)
    if (mapRequested || !mapColumn) return
    mapColumn.hidden = false
    mapRequested = true
    if (!supportsWebGl()) {
      mapNote.textContent = t('map.unavailable')
      mapHost.hidden = true
      return
    }
    mapNote.textContent = t('map.loading')
    // Only when the map is about to be seen: on a phone it sits below the list, and a citizen
    // who reads the list never pays for MapLibre (≈450 KB gzip with its worker).
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        observer.disconnect()
        loadMap()
      },
      { rootMargin: '200px' },
    )
    observer.observe(mapHost)
  }

  let stopWatchingPolicy = () => {}
  function loadMap(): void {
    let basemapFallback = false
    // MapLibre draws in a worker made from a blob: URL that imports our worker script. A host
    // page whose Content-Security-Policy refuses either got an empty map box: the map is said to be
    // unavailable instead, and the webmaster told what the policy lacks. A refused blob: shows as a
    // violation in the page; a refused import only as MapLibre's error (onUnavailable below).
    const assetOrigin = new URL(options.assetBase, location.href).origin
    const workerPolicy = `worker-src blob: ${assetOrigin}`
    const unavailable = (why: string, needs = `its Content-Security-Policy needs ${workerPolicy}`) => {
      console.warn(`[puntovicino] the map cannot draw on this page (${why}): ${needs} (docs/widget.md)`)
      mapNote.textContent = t('map.unavailable')
      mapHost.hidden = true
    }
    // Our worker only (a blob: URL, or our worker script): the host's own violations are none of the map's business.
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith('blob') || (event.effectiveDirective === 'worker-src' && event.blockedURI.startsWith(assetOrigin))) unavailable(`${event.effectiveDirective} refused ${event.blockedURI}`)
      // A page that requires Trusted Types refuses the worker MapLibre makes from a plain URL (a
      // blank map and uncaught errors before): only a policy of the host's own could allow it.
      // (Enforced only: a policy in report-only mode lets the worker run, and the map draws.)
      else if (event.disposition === 'enforce' && event.effectiveDirective === 'require-trusted-types-for' && /Worker/i.test(event.sample)) {
        unavailable(`Trusted Types refused ${event.sample}`, "the page requires Trusted Types (require-trusted-types-for 'script'), which refuse the map's worker")
      }
    }
    document.addEventListener('securitypolicyviolation', onViolation)
    stopWatchingPolicy = () => document.removeEventListener('securitypolicyviolation', onViolation)
    void import('../map/results-map.ts')
      .then(({ createResultsMap }) =>
        createResultsMap({
          container: mapHost,
          styleUrl: options.mapStyleUrl,
          assetBase: options.assetBase,
          label: t('map.title'),
          locale: mapLocale(t),
          clusterLabel: (count) => t('map.cluster', { count }),
          originLabel: t('map.origin'),
          onSelect: (id) => update({ point: id }, 'push'),
          onHover: markCard,
          onBasemapFallback: () => {
            basemapFallback = true
            mapNote.textContent = t('map.basemap_fallback')
          },
          onUnavailable: unavailable,
        }),
      )
      .then((created) => {
        if (destroyed) return created.destroy()
        map = created
        map.setResults(mapPoints(), isShownOpen)
        map.setOrigin(state.near)
        if (state.point) map.focus(state.point)
        // (Hidden: said to be unavailable meanwhile, a note to keep.)
        if (!basemapFallback && !mapHost.hidden) mapNote.textContent = ''
      })
      .catch(() => {
        mapNote.textContent = t('map.unavailable')
        mapHost.hidden = true
      })
  }

  /** The point the open detail shows, and when its figures were answered (keepDetailTrue). */
  let detailShown: { point: PointView; answeredAt: number } | null = null
  async function showDetail(id: string): Promise<void> {
    // null: the API says there is no such point; a failed request is not that, and says so.
    let failed = false
    const point =
      items.find((p) => p.id === id) ??
      (await api.point(id).catch(() => {
        failed = true
        return null
      }))
    if (state.point !== id) return
    listView.hidden = true
    detail.hidden = false
    // A pin tapped in the phone's map view opens the detail where it can be read: the list side.
    showView('list')
    // A host's area holds its points only, whatever the address asks (`/embed?region=10&point=…`).
    if (point && options.searchArea && !inArea(point, options.searchArea)) {
      if (pageTitle !== null) document.title = pageTitle
      replaceChildren(
        detail,
        h('p', { class: 'pv-notice', role: 'alert' }, t('detail.outside_area')),
        h('p', {}, h('a', { href: pointPageUrl(point), target: '_blank', rel: 'noopener' }, point.name, h('span', { class: 'pv-visually-hidden' }, ` ${t('detail.new_tab')}`))),
        h('button', { type: 'button', class: 'pv-button', onclick: () => update({ point: null }, 'push') }, t('detail.back')),
      )
      return
    }
    if (!point) {
      if (pageTitle !== null) document.title = pageTitle
      replaceChildren(
        detail,
        h('p', { class: 'pv-notice', role: 'alert' }, t(failed ? 'detail.load_failed' : 'detail.not_found')),
        failed ? h('button', { type: 'button', class: 'pv-button', onclick: () => void showDetail(id) }, t('results.retry')) : null,
        h('button', { type: 'button', class: failed ? 'pv-button pv-button--outline' : 'pv-button', onclick: () => update({ point: null }, 'push') }, t('detail.back')),
      )
      return
    }
    replaceChildren(
      detail,
      renderDetail(point, shownContext(), {
        back: () => back(id),
        shareUrl: pointPageUrl(point),
        onAnotherSite,
        origin: state.near,
        calendarUrl: new URL(`v1/points/${encodeURIComponent(id)}.ics`, new URL(options.apiBase, location.href)).toString(),
        report: { file: (pointId, report) => api.fileReport(pointId, report), status: (pointId, reportId) => api.reportStatus(pointId, reportId) },
      }),
    )
    detail.querySelector<HTMLElement>('.pv-detail__title')?.focus()
    detailShown = { point, answeredAt: items.some((p) => p.id === id) ? answeredAt : context.now().getTime() }
    // Arrived from the point page's "Segnala un errore" (`/?point=…#segnala`): the report form, open.
    if (options.history === 'url' && location.hash === `#${REPORT_ANCHOR}`) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}`)
      const report = detail.querySelector<HTMLElement>(`#${REPORT_ANCHOR}`)
      report?.querySelector<HTMLButtonElement>('button[aria-expanded="false"]')?.click()
      report?.scrollIntoView({ block: 'start' })
    }
    if (pageTitle !== null) document.title = `${point.name} · ${pageTitle}`
    // Opened from a link, the point is in no list: put it on the map, centred and named, as from the list.
    if (!items.some((p) => p.id === id) && extraPoint?.id !== id) {
      extraPoint = point
      map?.setResults(mapPoints(), isShownOpen)
    }
    map?.focus(id)
  }

  function back(id: string): void {
    update({ point: null }, 'push')
    focusResult(id)
  }

  /** The list a detail was opened from: Back returns the focus to the link used (a point may be in both). */
  let openedFrom: HTMLElement = list
  function openFrom(from: HTMLElement, id: string): void {
    openedFrom = from
    update({ point: id }, 'push')
  }

  /**
   * Back where the citizen was: on the result they had opened (the in-page button, or the phone's
   * Back); a point opened from a link is in no list, and then the results' heading (the focus fell
   * to the page's start).
   */
  function focusResult(id: string): void {
    const linkIn = (where: HTMLElement) => [...where.querySelectorAll<HTMLAnchorElement>('.pv-result__link')].find((a) => a.closest('[data-id]')?.getAttribute('data-id') === id)
    ;(linkIn(openedFrom) ?? linkIn(list) ?? linkIn(remoteList) ?? resultsTitle).focus()
    keepFocusInView()
  }

  function hideDetail(): void {
    if (extraPoint) {
      extraPoint = null
      map?.setResults(items, isShownOpen)
    }
    detail.hidden = true
    replaceChildren(detail)
    listView.hidden = false
    if (pageTitle !== null) document.title = pageTitle
  }

  const onPopState = () => {
    if (options.history !== 'url') return
    const closed = state.point
    state = withoutPastOpenAt(parseLocatorState(new URLSearchParams(location.search), { lang: state.lang }), context.now())
    // The browser's or the phone's Back from a detail lands on its result, as the page's own button does.
    void render().then(() => {
      if (closed && !state.point) focusResult(closed)
    })
  }
  window.addEventListener('popstate', onPopState)

  if (state.place) search.setValue(state.place === HERE_PLACE ? '' : state.place)
  void render()

  return {
    state: () => state,
    destroy() {
      destroyed = true
      clearInterval(answerCheck)
      document.removeEventListener('visibilitychange', keepAnswerTrue)
      window.removeEventListener('popstate', onPopState)
      stopWatchingPolicy()
      loading?.abort()
      map?.destroy()
    },
  }
}

/**
 * On another site (the widget, the iframe), whose data these are and under which licence: the
 * open data are CC BY 4.0, and the credit travels with them (the site's own pages say it in their
 * footer). Null on the site itself.
 */
function dataCreditOf(t: Translate, pageUrl: string, onAnotherSite: boolean): HTMLElement | null {
  if (!onAnotherSite) return null
  const out = { target: '_blank', rel: 'noopener' }
  const newTab = h('span', { class: 'pv-visually-hidden' }, ` ${t('detail.new_tab')}`)
  return h(
    'p',
    { class: 'pv-credit' },
    `${t('credit.data')} `,
    h('a', { href: new URL('opendata/', pageUrl).toString(), ...out }, 'PuntoVicino', newTab.cloneNode(true)),
    ' · ',
    h('a', { href: 'https://creativecommons.org/licenses/by/4.0/deed.it', ...out }, h('span', { lang: 'en' }, 'CC BY 4.0'), newTab),
    ` · ${t('credit.istat')}`,
  )
}

/** For the host site's webmaster, on the widget itself: which prefilter was ignored and what it should look like. */
function configNotice(rejected: readonly RejectedPrefilter[], t: Translate): HTMLElement | null {
  if (rejected.length === 0) return null
  return h(
    'div',
    { class: 'pv-config-notice' },
    h('p', {}, h('strong', {}, t('config.intro'))),
    h('ul', {}, ...rejected.map((r) => h('li', {}, t(`config.${r.unknown ? 'unknown' : r.outside ? 'outside' : 'invalid'}.${r.name}` as MessageKey, { value: r.value })))),
  )
}

/** Whether a point lies in the area a host filtered the locator to. */
function inArea(point: Pick<PointView, 'region' | 'province' | 'comune'>, area: SearchArea): boolean {
  return (!area.region || point.region?.istat === area.region) && (!area.province || point.province === area.province) && (!area.comune || point.comune.istat === area.comune)
}
