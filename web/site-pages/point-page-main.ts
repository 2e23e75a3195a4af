import { isLang, DEFAULT_LANG } from '../../shared/i18n/langs.ts'
import { loadMessagesOrItalian, translator, type Translate } from '../../shared/i18n/messages.ts'
import { createApiClient } from '../api/api-client.ts'
import { openingStatus } from '../list/opening-status.ts'
import { openingState } from '../../shared/hours/open-at.ts'
import { openingFields } from '../../shared/hours/opening-fields.ts'
import { siteInStatus } from '../../shared/text/site-in-status.ts'
import { refNameIn } from '../../shared/gazetteer/comune-names.ts'
import { mapLocale } from '../map/map-locale.ts'
import { supportsWebGl } from '../map/webgl-support.ts'
import { loadMapInto } from '../map/load-map.ts'
import type { PointPlace } from './point-map.ts'

/**
 * What a point's page (`/punti/{id}/{slug}`, rendered on the server and complete without
 * JavaScript) gains with it: the status line kept true while the page stays open (the server's
 * says "as of" its time, and the page is cached for minutes), and a map of the point's places,
 * loaded when it comes into view and only where WebGL works.
 */
const LIVE_EVERY_MS = 5 * 60_000
const article = document.querySelector<HTMLElement>('[data-point-id]')
const asked = document.documentElement.lang
const lang = isLang(asked) ? asked : DEFAULT_LANG

if (article) {
  const shown = await loadMessagesOrItalian(lang, 'point page')
  const t = translator(shown)
  const api = createApiClient(new URL('/', location.href).toString())
  const id = article.dataset.pointId!
  const status = article.querySelector<HTMLElement>('.pv-page__status')

  const refresh = async (): Promise<void> => {
    const point = await api.point(id).catch(() => null)
    if (!point || !status) return
    const now = new Date()
    // The site the line speaks of, as the server's line names it (a point with several), with its
    // own times: another site may go on after it closes, back to back.
    const { site } = point.status === 'active' ? openingState(now)(point) : { site: null }
    const named = site ? siteInStatus(point, site, (comune) => refNameIn(comune, lang)) : null
    const live = openingStatus(named ? { ...point, ...openingFields(site!, now), sites: [site!] } : point, now, lang, t)
    status.textContent = named ? t('status.at_place', { status: live.text, place: named }) : live.text
    status.classList.toggle('pv-page__status--open', live.tone === 'open')
    status.dataset.live = 'true'
  }
  if (status) {
    status.setAttribute('aria-live', 'polite')
    // At once (the server's line may be minutes old: the page is cached), then every 5 minutes
    // while the page is seen; a hidden tab asks nothing and catches up when it is shown again.
    let timer: ReturnType<typeof setInterval> | undefined
    const keepLive = (): void => {
      clearInterval(timer)
      timer = undefined
      if (document.visibilityState === 'hidden') return
      void refresh()
      timer = setInterval(() => void refresh(), LIVE_EVERY_MS)
    }
    keepLive()
    document.addEventListener('visibilitychange', keepLive)
  }

  const places = placesOf(document)
  if (places.length > 0 && supportsWebGl()) addMap(article, places, t, article.dataset.pointName ?? '')
}

/** The places the page's JSON-LD names (each channel's Place with its geo): the data the page already carries. */
function placesOf(doc: Document): PointPlace[] {
  const script = doc.querySelector('script[type="application/ld+json"]')
  if (!script?.textContent) return []
  const service = JSON.parse(script.textContent) as { availableChannel?: Array<{ serviceLocation?: { geo?: { latitude: number; longitude: number } } }> }
  return (service.availableChannel ?? []).flatMap((channel) => (channel.serviceLocation?.geo ? [{ lat: channel.serviceLocation.geo.latitude, lon: channel.serviceLocation.geo.longitude }] : []))
}

function addMap(article: HTMLElement, places: readonly PointPlace[], t: Translate, name: string): void {
  const section = document.createElement('section')
  section.className = 'pv-page__map'
  section.setAttribute('aria-labelledby', 'mappa')
  const heading = document.createElement('h2')
  heading.id = 'mappa'
  heading.textContent = t('pointmap.title')
  const host = document.createElement('div')
  host.className = 'pv-page__map-host'
  // MapLibre's canvas is the labelled region (base-map.ts gives it `label`): the host adds none, or there would be two.
  const note = document.createElement('p')
  note.className = 'pv-page__map-note'
  note.setAttribute('role', 'status')
  section.append(heading, note, host)
  // After the sites (where and when), before the services.
  const services = article.querySelector('[aria-labelledby="servizi"]')
  if (services) services.before(section)
  else article.append(section)
  // MapLibre (~200 KB) only once the reader reaches the map.
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return
    observer.disconnect()
    loadMapInto(host, note, { loading: t('map.loading'), fallback: t('pointmap.fallback'), unavailable: t('pointmap.unavailable') }, async (onBasemapFallback) => {
      const { createPointMap } = await import('./point-map.ts')
      const styleUrl = document.querySelector<HTMLMetaElement>('meta[name="puntovicino:map-style"]')?.content || null
      return createPointMap({ container: host, assetBase: new URL('/', location.href).toString(), styleUrl, label: t('pointmap.label', { name }), locale: mapLocale(t), places, onBasemapFallback })
    })
  })
  observer.observe(host)
}
