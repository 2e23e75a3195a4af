import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { queryList, queryNearest } from '../../../shared/geo/query.ts'
import { haversineMetres } from '../../../shared/geo/haversine.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { html, type Html } from './html.ts'
import { pageShell } from './page-shell.ts'
import type { PointPageContext } from './point-page.ts'
import { pointCard } from './point-card.ts'
import { asOfText } from './status-line.ts'
import { breadcrumb, comunePath, PROVINCE_BY_SIGLA, provincePath, regionPath } from './territory-paths.ts'
import { chosenLangQuery, langQuery, localeOf } from '../../../shared/i18n/langs.ts'
import { comuneNameIn } from '../../../shared/gazetteer/comune-names.ts'

/**
 * The territory's pages (issue 14): a page per comune (`/comuni/{name}-{pr}`) with the points
 * based there and the nearest around it, and the index pages that lead to them, a region
 * (`/regioni/{name}`: its provinces) and a province (`/province/{pr}`: its comuni). Names are
 * unique within a province, so `{name}-{pr}` names one comune.
 */
const AROUND_LIMIT = 10
const AROUND_KM = 40
/** Points listed beyond that radius for a comune with none nearer. */
const FARTHER_LIMIT = 3
/** Points of one comune listed on its page; a city with more gets a link to the locator. */
const INSIDE_LIMIT = 100

/** The comuni by their page's address, made once per gazetteer. */
const bySlug = new WeakMap<readonly Comune[], Map<string, Comune>>()
export function comuneAt(comuni: readonly Comune[], path: string): Comune | undefined {
  let map = bySlug.get(comuni)
  if (!map) bySlug.set(comuni, (map = new Map(comuni.map((c) => [comunePath(c), c]))))
  return map.get(path)
}

export function regionAt(path: string): string | undefined {
  return Object.keys(REGIONS).find((code) => regionPath(code) === path)
}

export function renderComunePage(comune: Comune, snapshot: Snapshot, context: PointPageContext): string {
  const { t, lang } = context
  // Every point based in the comune, whatever its neighbours' points nearer its centre; then the nearest others.
  const inside = queryList(snapshot, { comune: comune.istat }, { limit: INSIDE_LIMIT + 1 }).map((hit) => ({ ...hit, distance_m: hit.location ? Math.round(haversineMetres(comune, hit.location)) : null }))
  const insideIds = new Set(inside.map((hit) => hit.point.id))
  const around = queryNearest(snapshot, comune, {}, { limit: AROUND_LIMIT + insideIds.size, radiusKm: AROUND_KM })
    .filter((hit) => !insideIds.has(hit.point.id))
    .slice(0, AROUND_LIMIT)
  // An island or a mountain pass with nothing within the radius (Lampedusa, Tarvisio at 41.7 km):
  // the nearest points however far, rather than a page that reads as empty.
  const farther = inside.length === 0 && around.length === 0 ? queryNearest(snapshot, comune, {}, { limit: FARTHER_LIMIT }) : []
  const name = comuneNameIn(comune, lang)
  const locator = `/?near=${comune.lat.toFixed(4)},${comune.lon.toFixed(4)}&place=${encodeURIComponent(name)}${chosenLangQuery(lang, '&')}`
  const main = html`
<article class="pv-page">
  ${breadcrumb(context, [[regionPath(comune.regionIstat), REGIONS[comune.regionIstat]!], [provincePath(comune.province), comune.provinceName]])}
  <h1 class="page-title">${t('pages.comune_heading', { comune: name })}</h1>
  <p><a href="${locator}">${t('pages.open_in_locator', { comune: name })}</a></p>
  <p class="pv-page__as-of">${t('pages.status_note', { when: asOfText(context) })}</p>
  <section aria-labelledby="nel-comune"><h2 id="nel-comune">${t('pages.comune_in')}</h2>
    ${inside.length > 0 ? html`<ul class="pv-page__cards">${inside.slice(0, INSIDE_LIMIT).map((hit) => pointCard(hit, context))}</ul>` : html`<p>${t('pages.comune_none')}</p>`}
    ${inside.length > INSIDE_LIMIT ? html`<p><a href="${locator}">${t('pages.open_in_locator', { comune: name })}</a></p>` : ''}
  </section>
  <section aria-labelledby="dintorni"><h2 id="dintorni">${t('pages.comune_around')}</h2>
    ${around.length > 0 ? html`<ul class="pv-page__cards">${around.map((hit) => pointCard(hit, context))}</ul>` : farther.length > 0 ? html`<p>${t('pages.around_farther', { km: AROUND_KM })}</p><ul class="pv-page__cards">${farther.map((hit) => pointCard(hit, context))}</ul>` : html`<p>${t('pages.around_none', { km: AROUND_KM })}</p>`}
  </section>
</article>`
  return pageShell(
    { lang, title: t('pages.comune_title', { comune: name, province: comune.province }), description: t('pages.comune_description', { comune: `${name} (${comune.province})` }), canonical: `${context.origin}${comunePath(comune)}` },
    main,
    t,
  )
}

export function renderRegionPage(code: string, context: PointPageContext): string {
  const { t, lang } = context
  const name = REGIONS[code]!
  const provinces = [...PROVINCE_BY_SIGLA].filter(([, p]) => p.region === code).sort(([, a], [, b]) => a.name.localeCompare(b.name, 'it'))
  const main = html`
<article class="pv-page">
  <h1 class="page-title">${t('pages.region_heading', { region: name })}</h1>
  <h2>${t('pages.provinces')}</h2>
  <ul class="pv-page__index">${provinces.map(([sigla, p]) => html`<li><a href="${provincePath(sigla)}${langQuery(lang)}">${p.name}</a></li>`)}</ul>
  <p><a href="/statistiche?region=${code}${langQuery(lang, '&')}">${t('pages.territory_statistics', { place: name })}</a></p>
</article>`
  return pageShell({ lang, title: t('pages.region_title', { region: name }), description: t('pages.territory_description', { place: name }), canonical: `${context.origin}${regionPath(code)}` }, main, t)
}

export function renderProvincePage(sigla: string, comuni: readonly Comune[], context: PointPageContext): string | undefined {
  const province = PROVINCE_BY_SIGLA.get(sigla)
  if (!province) return undefined
  const { t, lang } = context
  // In the order of the names the page shows: on a German page, Abtei before Aldein.
  const own = comuni.filter((c) => c.province === sigla).map((c) => ({ comune: c, name: comuneNameIn(c, lang) })).sort((a, b) => a.name.localeCompare(b.name, localeOf(lang)))
  const main = html`
<article class="pv-page">
  ${breadcrumb(context, [[regionPath(province.region), REGIONS[province.region]!]])}
  <h1 class="page-title">${t('pages.province_heading', { province: province.name })}</h1>
  <ul class="pv-page__index">${own.map(({ comune, name }) => html`<li><a href="${comunePath(comune)}${langQuery(lang)}">${name}</a></li>`)}</ul>
  <p><a href="/statistiche?province=${sigla}${langQuery(lang, '&')}">${t('pages.territory_statistics', { place: province.name })}</a></p>
</article>`
  return pageShell({ lang, title: t('pages.province_title', { province: province.name }), description: t('pages.territory_description', { place: `${province.name} (${sigla})` }), canonical: `${context.origin}${provincePath(sigla)}` }, main, t)
}

/** Every index and comune page, for the sitemap. */
export function territoryPaths(comuni: readonly Comune[]): string[] {
  return [...Object.keys(REGIONS).map(regionPath), ...[...PROVINCE_BY_SIGLA.keys()].map(provincePath), ...comuni.map(comunePath)]
}

