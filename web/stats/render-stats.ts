import { AUTONOMOUS_PROVINCES, provinceRegion, REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { refNameIn } from '../../shared/gazetteer/comune-names.ts'
import { h, type Child } from '../dom/h.ts'
import { loadMapInto } from '../map/load-map.ts'
import { formatDate } from '../i18n/format.ts'
import { localeOf, type Lang } from '../../shared/i18n/langs.ts'
import { mapLocale } from '../map/map-locale.ts'
import { supportsWebGl } from '../map/webgl-support.ts'
import { barChart, type Bar } from './bar-chart.ts'
import { bandTotals, DISTANCE_BANDS } from './distance-bands.ts'
import { statsUrls, type StatsArea, type StatsData } from './stats-data.ts'
import type { StatsTranslate } from './stats-messages.ts'

/**
 * The statistics page's sections for Italy, one region or one province: the PNRR targets, residents by
 * distance, the comuni's map, where a point is missing, and hours per week. Every chart is
 * followed by its data as a table and a CSV download of the API's own figures.
 */
export interface StatsContext {
  readonly t: StatsTranslate
  readonly lang: Lang
  readonly apiBase: string
  readonly assetBase: string
  /** The locator's address, where "open on the map" links lead. */
  readonly locatorUrl: string
  readonly mapStyleUrl: string | null
  /** In another site's frame, links to the locator open a new window instead of replacing the frame. */
  readonly embedded: boolean
  /** A region's link: the same page (or embed) for another area. */
  readonly areaHref: (region: string | null) => string
}

export function statsNumbers(lang: Lang) {
  // Grouped from four digits: Italian's own rule writes 9442 beside 33.000 in one table.
  const integer = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 0, useGrouping: 'always' })
  const decimal = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1, useGrouping: 'always' })
  const percent = new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 })
  return {
    integer: (n: number) => integer.format(n),
    decimal: (n: number) => decimal.format(n),
    /**
     * `part` of `whole`, from the counts (the API's share is already rounded to four places: 68,146 %
     * read 68,2 %), never 100 % while someone is left out (1,982 Piedmontese were "100 %"), nor 0 % while someone is in.
     */
    share: (part: number, whole: number) => {
      if (whole === 0) return '—'
      // Nor 0 % while someone is reached: under a tenth of a percent says so.
      if (part > 0 && part / whole < 0.001) return `< ${percent.format(0.001)}`
      return percent.format(part < whole ? Math.min(part / whole, 0.999) : part / whole)
    },
  }
}

/** A cell of words in a column of figures (a figure never wraps; words must). */
const isWords = (cell: Child): boolean => cell instanceof HTMLElement && cell.classList.contains('pv-stats__words')

function table(caption: string, head: readonly string[], rows: readonly (readonly Child[])[], { numericFrom = 1 }: { numericFrom?: number } = {}): HTMLElement {
  const wrap = h(
    'div',
    { class: 'pv-stats__table-wrap' },
    h(
      'table',
      { class: 'pv-stats__table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, head.map((cell, i) => h('th', { scope: 'col', class: i >= numericFrom ? 'pv-num' : null }, cell)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: i >= numericFrom && !isWords(cell) ? 'pv-num' : null }, cell)))))),
    ),
  )
  scrollableByKeyboard(wrap, caption)
  return wrap
}

/**
 * A table wider than the page scrolls in its wrapper, which the keyboard then reaches (a named
 * region with a tab stop, WCAG 2.1.1); one that fits is no tab stop and no landmark (every table
 * was both, five or six stops repeating their captions). Measured again as the width or the text
 * size changes.
 */
function scrollableByKeyboard(wrap: HTMLElement, caption: string): void {
  const update = () => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1
    if (scrolls === wrap.hasAttribute('tabindex')) return
    if (scrolls) {
      wrap.setAttribute('tabindex', '0')
      wrap.setAttribute('role', 'region')
      wrap.setAttribute('aria-label', caption)
    } else {
      for (const name of ['tabindex', 'role', 'aria-label']) wrap.removeAttribute(name)
    }
  }
  const watcher = new ResizeObserver(update)
  watcher.observe(wrap)
  if (wrap.firstElementChild) watcher.observe(wrap.firstElementChild)
}

function csvLink(href: string, what: string, t: StatsTranslate): HTMLElement {
  // The visible words first, then what the file holds for a screen reader's list of links.
  return h('p', { class: 'pv-stats__download' }, h('a', { href, download: '' }, t('stats.csv'), h('span', { class: 'visually-hidden' }, `: ${what}`)))
}

function section(id: string, heading: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'pv-stats__section', 'aria-labelledby': id }, h('h2', { id }, heading), ...children)
}

function chartFigure(id: string, caption: string, bars: readonly Bar[], max?: number): HTMLElement {
  return h('figure', { class: 'pv-stats__figure' }, h('figcaption', { id }, caption), barChart(bars, { labelledBy: id, ...(max !== undefined ? { max } : {}) }))
}

/** The area the API answered for, as its addresses name it. */
function askedArea({ level, code }: StatsData['coverage']['area']): StatsArea {
  return code === null || level === 'italy' ? null : level === 'region' ? { region: code } : { province: code }
}

export function renderStats(data: StatsData, context: StatsContext): HTMLElement[] {
  const { t, lang } = context
  const n = statsNumbers(lang)
  const urls = statsUrls(context.apiBase, askedArea(data.coverage.area))
  const region = data.coverage.area.level === 'region' ? data.regions.items.find((r) => r.istat === data.coverage.area.code) : undefined
  const target = region ? region.pnrr_target : data.regions.national.pnrr_target
  const counted = region ?? data.regions.national
  const registered = counted.points_by_status.active + counted.points_by_status.suspended + counted.points_by_status.closed
  // The page asks without radius_km: every radius is in the answer.
  const within = (km: '5' | '10' | '20') => data.coverage.within_km[km]!
  // The national target names no services; a region's plan may.
  const services: number | null = target && 'services' in target ? (target.services as number | null) : null
  // Words in a column of figures: a cell of words (pv-stats__words), free to wrap at 200 % text.
  const notMeasured = () => h('span', { class: 'pv-stats__words' }, t('stats.targets.not_measured'))
  const progress = (value: number, goal: number | undefined) => (goal ? n.share(value, goal) : '—')

  const targets = data.coverage.area.level === 'province' ? provinceTargets(data, context) : section(
    'pv-stats-targets',
    t('stats.targets.heading'),
    table(
      t('stats.targets.caption'),
      targetsHead(t),
      [
        // Only active points count towards the target: a board read "100%" with closed points in it.
        [t('stats.targets.registered', { suspended: n.integer(counted.points_by_status.suspended), closed: n.integer(counted.points_by_status.closed) }), n.integer(registered), '—', '—'],
        [t('stats.targets.points'), n.integer(counted.active_points), target ? n.integer(target.points) : t('stats.targets.unknown'), progress(counted.active_points, target?.points)],
        // Citizens trained and services delivered are not in the registry: the targets are shown,
        // not set against residents near a point (a board read "24 times the target").
        [t('stats.targets.citizens'), notMeasured(), target ? n.integer(target.citizens) : t('stats.targets.unknown'), '—'],
        ...(services !== null ? [[t('stats.targets.services'), notMeasured(), n.integer(services), '—']] : []),
      ],
    ),
    h('p', { class: 'pv-stats__note' }, `${t('stats.targets.measure_note')} ${target ? t('stats.targets.source', { source: target.source }) : t('stats.targets.no_source')}`),
  )

  const radii = ['5', '10', '20'] as const
  const reach = section(
    'pv-stats-reach',
    t('stats.reach.heading'),
    chartFigure('pv-stats-reach-chart', t('stats.reach.caption'), radii.map((km) => ({ label: t('stats.reach.within', { km }), value: within(km).share, text: n.share(within(km).residents, data.coverage.residents) })), 1),
    table(
      t('stats.reach.caption'),
      [t('stats.reach.distance'), t('stats.reach.residents'), t('stats.reach.share')],
      [...radii.map((km) => [t('stats.reach.within', { km }), n.integer(within(km).residents), n.share(within(km).residents, data.coverage.residents)]), [t('stats.reach.all'), n.integer(data.coverage.residents), n.share(1, 1)]],
    ),
    h('p', { class: 'pv-stats__note' }, t('stats.reach.method')),
    csvLink(urls.coverageCsv, t('stats.reach.heading'), t),
  )

  const mapHost = h('div', { class: 'pv-stats__map' })
  const mapNote = h('p', { class: 'pv-stats__note', role: 'status' })
  const bands = bandTotals(data.comuni.items)
  const map = section(
    'pv-stats-map',
    t('stats.map.heading'),
    mapNote,
    mapHost,
    // On paper the map (a WebGL canvas) prints blank: the table below says the same in numbers.
    h('p', { class: 'pv-stats__note pv-stats__print-only' }, t('stats.map.print_note', { table: t('stats.map.caption') })),
    h('ul', { class: 'pv-stats__legend', 'aria-label': t('stats.map.legend') }, DISTANCE_BANDS.map((band) => h('li', {}, h('span', { class: 'pv-stats__swatch', style: `background:${band.colour}`, 'aria-hidden': 'true' }), t(`stats.band.${band.key}`)))),
    table(
      t('stats.map.caption'),
      [t('stats.band'), t('stats.comuni'), t('stats.reach.residents')],
      bands.map((b) => [t(`stats.band.${b.band.key}`), n.integer(b.comuni), n.integer(b.residents)]),
    ),
    csvLink(urls.comuniCsv, t('stats.map.heading'), t),
  )
  drawMap(mapHost, mapNote, data, context)

  const comuneOf = new Map(data.comuni.items.map((c) => [c.istat, c]))
  const gapItems = data.gaps.items.map((gap) => {
    const comune = comuneOf.get(gap.istat)
    // A bilingual comune as the page's language says it ("Ahrntal" on a German page).
    const name = refNameIn(gap, lang)
    const words = gap.distance_km === null ? t('stats.gaps.none_km', { name, province: gap.province, residents: n.integer(gap.population) }) : t('stats.gaps.item', { name, province: gap.province, km: n.decimal(gap.distance_km), residents: n.integer(gap.population) })
    const href = comune ? locatorLink(context, { ...comune, name }) : null
    return h(
      'li',
      {},
      h('span', {}, words),
      // The visible words begin the link's name (WCAG 2.5.3); the rest is for a screen reader's list of links.
      href ? [' ', h('a', { href, ...(context.embedded ? { target: '_blank', rel: 'noopener' } : {}) }, t('stats.gaps.open'), h('span', { class: 'visually-hidden' }, `${t('stats.gaps.open_suffix', { name })}${context.embedded ? ` ${t('stats.new_window')}` : ''}`))] : null,
    )
  })
  const gaps = section(
    'pv-stats-gaps',
    t('stats.gaps.heading'),
    // How many are shown, and from how far: a list of ten read as the whole (Umbria has 35).
    h('p', {}, t('stats.gaps.intro', { count: gapItems.length })),
    gapItems.length > 0 ? h('ol', { class: 'pv-stats__gaps' }, gapItems) : h('p', {}, t('stats.gaps.empty')),
    csvLink(urls.gapsCsv, t('stats.gaps.heading'), t),
  )

  const binLabel = (bin: { from: number; to: number | null }) => (bin.to === null ? t('stats.hours.bin_open', { from: bin.from }) : t('stats.hours.bin_range', { from: bin.from, to: bin.to }))
  const hours = section(
    'pv-stats-hours',
    t('stats.hours.heading'),
    chartFigure('pv-stats-hours-chart', t('stats.hours.caption'), data.coverage.hours_distribution.map((bin) => ({ label: binLabel(bin), value: bin.points, text: n.integer(bin.points), marked: bin.from < data.coverage.weekly_hours_norm }))),
    h('p', {}, t('stats.hours.norm', { norm: data.coverage.weekly_hours_norm, count: n.integer(data.coverage.under_norm.length), hours: n.decimal(data.coverage.weekly_hours), per10k: n.decimal(data.coverage.weekly_hours_per_10k_residents) })),
    h('p', { class: 'pv-stats__note' }, t('stats.hours.method')),
    // Under the norm in words too: the chart's second colour alone says nothing in grey or to a screen reader (WCAG 1.4.1).
    table(
      t('stats.hours.caption'),
      [t('stats.hours.bin'), t('stats.hours.points'), t('stats.hours.under', { norm: data.coverage.weekly_hours_norm })],
      data.coverage.hours_distribution.map((bin) => [binLabel(bin), n.integer(bin.points), h('span', { class: 'pv-stats__words' }, t(bin.from < data.coverage.weekly_hours_norm ? 'stats.yes' : 'stats.no'))]),
    ),
    csvLink(urls.pointsCsv, t('stats.hours.heading'), t),
  )

  const sections = [targets, reach, map, gaps, hours]
  if (data.coverage.area.level === 'italy') {
    sections.push(
      section(
        'pv-stats-regions',
        t('stats.regions.heading'),
        table(
          t('stats.regions.caption'),
          [t('stats.regions.region'), t('stats.targets.points'), t('stats.targets.target'), t('stats.regions.within10')],
          data.regions.items.map((r) => [
            h('a', { href: context.areaHref(r.istat), 'aria-label': t('stats.regions.open', { name: r.name }) }, r.name),
            n.integer(r.active_points),
            r.pnrr_target ? n.integer(r.pnrr_target.points) : '—',
            n.integer(r.residents_within_10km),
          ]),
        ),
        csvLink(urls.regionsCsv, t('stats.regions.heading'), t),
      ),
    )
  }
  return sections
}

/** The targets table's columns, for a region or Italy and for a province alike. */
const targetsHead = (t: StatsTranslate): string[] => [t('stats.targets.indicator'), t('stats.targets.value'), t('stats.targets.target'), t('stats.targets.progress')]

/**
 * A province against the PNRR: the programme sets its targets per region and autonomous province
 * (Bolzano, Trento), so a province's active points are counted and set against none, and a
 * province of a region sends to the region's targets.
 */
function provinceTargets(data: StatsData, context: StatsContext): HTMLElement {
  const { t } = context
  const sigla = data.coverage.area.code!
  const autonomous = AUTONOMOUS_PROVINCES.has(sigla)
  const regionCode = provinceRegion(sigla)
  return section(
    'pv-stats-targets',
    t('stats.targets.heading'),
    table(t('stats.targets.caption'), targetsHead(t), [
      [t('stats.targets.points'), statsNumbers(context.lang).integer(data.coverage.active_points), autonomous ? t('stats.targets.unknown') : '—', '—'],
    ]),
    autonomous || !regionCode
      ? h('p', { class: 'pv-stats__note' }, t('stats.targets.autonomous_province'))
      : h('p', { class: 'pv-stats__note' }, `${t('stats.targets.per_region')} `, h('a', { href: context.areaHref(regionCode) }, t('stats.regions.open', { name: REGIONS[regionCode]! }))),
  )
}

/**
 * The locator opened at a comune: the points nearest to it, as a citizen there would see them, in
 * this page's language, Italian included (without `lang` the locator follows the browser's).
 */
export function locatorLink(context: Pick<StatsContext, 'locatorUrl' | 'lang'>, comune: { lat: number; lon: number; name: string }): string {
  const url = new URL(context.locatorUrl)
  url.searchParams.set('near', `${comune.lat.toFixed(4)},${comune.lon.toFixed(4)}`)
  url.searchParams.set('place', comune.name)
  url.searchParams.set('lang', context.lang)
  return url.toString()
}

function drawMap(host: HTMLElement, note: HTMLElement, data: StatsData, context: StatsContext): void {
  const { t } = context
  if (!supportsWebGl()) {
    note.textContent = t('stats.map.unavailable')
    host.hidden = true
    return
  }
  loadMapInto(host, note, { loading: t('map.loading'), fallback: t('map.basemap_fallback'), unavailable: t('stats.map.unavailable') }, async (onBasemapFallback) => {
    const { createCoverageMap } = await import('./coverage-map.ts')
    return createCoverageMap({ container: host, styleUrl: context.mapStyleUrl, assetBase: context.assetBase, label: t('stats.map.label'), locale: mapLocale(t), comuni: data.comuni.items, onBasemapFallback })
  })
}
