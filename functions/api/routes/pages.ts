import { Hono, type Context } from 'hono'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { pointById } from '../../../shared/geo/query.ts'
import { withRecords } from '../../../shared/geo/point-record-store.ts'
import { chosenLangQuery, langQuery, LANGS, LANGUAGE_NAMES, readLang, type Lang } from '../../../shared/i18n/langs.ts'
import { escapeHtml } from '../../site/pages/html.ts'
import { LOCAL_CONTENT_SECURITY_POLICY } from '../../site/content-security-policy.ts'
import type { PointPageContext } from '../../site/pages/point-page.ts'
import type { LooseAddress } from '../../site/pages/loose-addresses.ts'
import { pointPath } from '../../../shared/text/page-paths.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { PROVINCE_SIGLE } from '../../../shared/gazetteer/admin-units.ts'
import { comuneNameIn, inBilingualProvince, refNameIn } from '../../../shared/gazetteer/comune-names.ts'
import type { ComuneRef } from '../../../shared/schemas/point.ts'
import { problem } from '../problem.ts'
import { siteOriginOf } from '../site-origin.ts'

/** The renderers, loaded on the first page request (site-pages.ts). */
type SitePages = typeof import('../../site/pages/site-pages.ts')
const sitePages = (): Promise<SitePages> => import('../../site/pages/site-pages.ts')

/**
 * The pages search engines and link previews read (issue 14), rendered from the snapshot on each
 * request (cached 5 minutes at the edge, keyed on the site origin: infra/constructs/static-site.ts): one page per
 * point at `/punti/{id}/{slug}` (an old or missing slug redirects to the current one),
 * `sitemap.xml` (an index of pages of at most 40,000 addresses, each with `lastmod`) and
 * `robots.txt`. Canonical addresses use the site's origin (see `trustSiteOriginHeader`).
 */
export interface PagesDeps {
  readonly snapshot: () => Snapshot
  /** The gazetteer's comuni, asked for by the territory's pages only (a cold start never parses them for a point's page). */
  readonly comuni: () => readonly Comune[]
  readonly now: () => Date
  /**
   * Behind CloudFront the request reaches the function under API Gateway's host name: the site's
   * own origin then comes in SITE_ORIGIN_HEADER (../site-origin.ts), set at the edge from the viewer's Host (a
   * CloudFront Function, infra/constructs/static-site.ts). Only trusted where the origin-verify
   * secret guarantees the request came through CloudFront.
   */
  readonly trustSiteOriginHeader?: boolean
}


/** The pages' routes: HTML and XML for crawlers and people, not part of the API's OpenAPI document. */
export const SITE_PAGE_ROUTES = {
  point: '/punti/:id',
  pointWithSlug: '/punti/:id/:slug',
  sitemapIndex: '/sitemap.xml',
  sitemapPage: '/:file{sitemap-punti-[0-9]{1,6}\\.xml}',
  robots: '/robots.txt',
  comune: '/comuni/:slug',
  region: '/regioni/:slug',
  province: '/province/:sigla',
  territorySitemap: '/sitemap-territorio.xml',
} as const

/** Addresses per sitemap file: the protocol allows 50,000. */
export const SITEMAP_PAGE_SIZE = 40_000
const PAGE_CACHE = 'public, max-age=300'

export function pagesRoutes(deps: PagesDeps): Hono {
  const routes = new Hono()
  // `/comuni/biella-bi/`, `//regioni/umbria`: a slash a CMS or a hand added is the page without it
  // (people got the API's JSON 404 for them).
  routes.use('*', async (c, next) => {
    // The path as sent, still percent-encoded: a decoded one can hold a newline (a 500 as a
    // header) or letters a Location header cannot carry.
    const { pathname, search } = new URL(c.req.url)
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && /^\/+(?:punti|comuni|regioni|province)\//.test(pathname)) {
      const tidy = pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '')
      if (tidy !== pathname && tidy.split('/').length > 2) return c.redirect(`${tidy}${search}`, 301)
    }
    await next()
  })
  // The site's policy on every page, as npm start sends it for the static files (CloudFront
  // replaces it with the production one, HTTPS upgrade included): a point's page loads only the
  // site's own script (point-page.js).
  for (const path of ['/punti/*', '/comuni/*', '/regioni/*', '/province/*']) {
    routes.use(path, async (c, next) => {
      await next()
      c.res.headers.set('content-security-policy', LOCAL_CONTENT_SECURITY_POLICY)
      c.res.headers.set('x-content-type-options', 'nosniff')
    })
  }
  /**
   * What `?lang=` asks for, as sent, and the page's language when it names one: absent or empty is
   * the Italian page; `DE`, `de-AT` German; an unknown value, or two at once, none.
   */
  const askedLanguage = (c: Context): { asked: string; lang: Lang | null } => {
    const values = c.req.queries('lang') ?? []
    const asked = values.join(', ')
    if (values.length <= 1 && asked.trim() === '') return { asked, lang: 'it' }
    return { asked, lang: values.length === 1 ? readLang(asked) : null }
  }

  const originOf = (c: Context): string => siteOriginOf(c, deps.trustSiteOriginHeader)

  /** The page's language from `?lang=`, or the page that says which languages exist (never a silent replacement). */
  const languageOf = async (c: Context, { html, pageShell, loadPagesTranslator }: SitePages): Promise<Lang | Response> => {
    const { asked, lang } = askedLanguage(c)
    if (lang) return lang
    const body = pageShell(
      { lang: 'it', title: 'Lingua non disponibile · Language not available', description: '', canonical: `${originOf(c)}${c.req.path}`, noIndex: true },
      html`<h1 class="page-title">Lingua non disponibile · <span lang="en">Language not available</span></h1><p>«${asked}»: le lingue sono · <span lang="en">the languages are</span>:</p><ul>${LANGS.map((lang) => html`<li><a href="${c.req.path}${langQuery(lang)}" lang="${lang}" hreflang="${lang}">${LANGUAGE_NAMES[lang]}</a> (${lang})</li>`)}</ul>`,
      await loadPagesTranslator('it'),
    )
    return c.html(body, 400)
  }

  /**
   * A comune as a page in `lang` names it: from the record's own `alt_name` (every import and the
   * demo set it), as the locator does (refNameIn); for a record stored before there was one, from
   * the gazetteer, read on the first page that names a comune of a bilingual province.
   */
  let bilingualComuni: Map<string, Comune> | undefined
  const comuneNamesIn = (lang: Lang) => (ref: Pick<ComuneRef, 'istat' | 'name' | 'alt_name'>): string => {
    if (ref.alt_name) return refNameIn(ref, lang)
    if (!ref.istat || !inBilingualProvince(ref.istat)) return ref.name
    bilingualComuni ??= new Map(deps.comuni().filter((c) => c.altName).map((c) => [c.istat, c]))
    const comune = bilingualComuni.get(ref.istat)
    return comune ? comuneNameIn(comune, lang) : ref.name
  }

  /** Renders a page in the asked language, or answers the unsupported language or the unknown address. */
  const page = async (c: Context, render: (pages: SitePages, context: PointPageContext, snapshot: Snapshot) => string | undefined, missing: 'point' | 'place' = 'place'): Promise<Response> => {
    const pages = await sitePages()
    const lang = await languageOf(c, pages)
    if (lang instanceof Response) return lang
    const t = await pages.loadPagesTranslator(lang)
    const context = { lang, t, origin: originOf(c), now: deps.now(), comuneName: comuneNamesIn(lang) }
    // Inside withRecords: on a registry whose records stay in S3 a page's points are fetched first,
    // into the store of the snapshot the page is rendered from (one for every run).
    const snapshot = deps.snapshot()
    const body = await withRecords(snapshot.records, () => render(pages, context, snapshot))
    if (body === undefined) {
      const [title, text] = missing === 'point' ? (['pages.not_found_title', 'pages.not_found'] as const) : (['pages.place_not_found_title', 'pages.place_not_found'] as const)
      const notFound = pages.pageShell(
        { lang, title: `${t(title)} · PuntoVicino`, description: t(text), canonical: `${originOf(c)}/`, noIndex: true },
        pages.html`<h1 class="page-title">${t(title)}</h1><p>${t(text)}</p><p><a href="/${chosenLangQuery(lang)}">${t('pages.search')}</a></p>`,
        t,
      )
      return c.html(notFound, 404)
    }
    c.header('Cache-Control', PAGE_CACHE)
    return c.html(body)
  }

  const pointPage = async (c: Context): Promise<Response> => {
    const id = c.req.param('id')!
    // Ids are lowercase: `DEMO-01-0001` typed from a leaflet is the same point.
    const point = id.length <= 120 ? ((await pointById(deps.snapshot(), id)) ?? (await pointById(deps.snapshot(), id.toLowerCase()))) : undefined
    const path = point ? pointPath(point) : undefined
    const { lang } = askedLanguage(c)
    // An unsupported ?lang= (or two of them) is answered (400, naming the languages) where it was asked, not carried through a redirect.
    if (point && c.req.path !== path && lang) return c.redirect(`${path}${langQuery(lang)}`, 301)
    return page(c, ({ renderPointPage }, context, snapshot) => (point ? renderPointPage(point, context, snapshot) : undefined), 'point')
  }
  routes.get(SITE_PAGE_ROUTES.point, pointPage)
  routes.get(SITE_PAGE_ROUTES.pointWithSlug, pointPage)

  /** An address that names a page loosely (site-pages' loose-addresses.ts) goes to the page's own, with its query. */
  const orLooselyNamed = async (c: Context, found: boolean, loosely: (pages: SitePages) => LooseAddress | undefined, render: () => Promise<Response>): Promise<Response> => {
    if (found) return render()
    const named = loosely(await sitePages())
    // Another spelling of the page's name is the same page for good; a shortened name is a guess (loose-addresses.ts).
    return named && named.path !== c.req.path ? c.redirect(`${named.path}${new URL(c.req.url).search}`, named.kind === 'spelling' ? 301 : 302) : render()
  }
  routes.get(SITE_PAGE_ROUTES.comune, async (c) => {
    const { comuneAt } = await sitePages()
    const comune = comuneAt(deps.comuni(), c.req.path)
    return orLooselyNamed(c, comune !== undefined, (pages) => pages.comuneLooselyAt(deps.comuni(), c.req.param('slug')!), () => page(c, ({ renderComunePage }, context, snapshot) => comune && renderComunePage(comune, snapshot, context)))
  })
  routes.get(SITE_PAGE_ROUTES.region, async (c) => {
    const { regionAt } = await sitePages()
    const code = regionAt(c.req.path)
    return orLooselyNamed(c, code !== undefined, (pages) => pages.regionLooselyAt(c.req.param('slug')!), () => page(c, ({ renderRegionPage }, context) => code && renderRegionPage(code, context)))
  })
  routes.get(SITE_PAGE_ROUTES.province, async (c) => {
    const sigla = c.req.param('sigla')!
    // The page's own address is lowercase (`/province/pg`); `PG` is the same page.
    const exact = /^[a-z]{2}$/.test(sigla) && PROVINCE_SIGLE.has(sigla.toUpperCase())
    return orLooselyNamed(c, exact, (pages) => pages.provinceLooselyAt(sigla), () => page(c, ({ renderProvincePage }, context) => renderProvincePage(sigla.toUpperCase(), deps.comuni(), context)))
  })

  routes.get(SITE_PAGE_ROUTES.sitemapIndex, (c) => {
    const origin = originOf(c)
    const pages = Math.max(1, Math.ceil(deps.snapshot().pointCount / SITEMAP_PAGE_SIZE))
    const entries = [...Array.from({ length: pages }, (_, i) => `${origin}/sitemap-punti-${i + 1}.xml`), `${origin}/sitemap-territorio.xml`].map((loc) => `<sitemap><loc>${escapeHtml(loc)}</loc></sitemap>`)
    c.header('Cache-Control', PAGE_CACHE)
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`, 200, { 'Content-Type': 'application/xml; charset=utf-8' })
  })

  routes.get(SITE_PAGE_ROUTES.sitemapPage, async (c) => {
    const snapshot = deps.snapshot()
    const page = Number(c.req.param('file')!.replace(/\D/g, ''))
    const first = (page - 1) * SITEMAP_PAGE_SIZE
    if (page < 1 || (first >= snapshot.pointCount && page !== 1)) return problem(c, 'notFound', `There is no sitemap page ${page}: /sitemap.xml lists them.`)
    const origin = originOf(c)
    const urls: string[] = page === 1 ? [`<url><loc>${escapeHtml(`${origin}/`)}</loc></url>`, `<url><loc>${escapeHtml(`${origin}/statistiche`)}</loc></url>`] : []
    // A batch at a time, leaving the records the API serves decoded (a page is 40,000 points).
    for await (const batch of snapshot.records.batches(first, first + SITEMAP_PAGE_SIZE)) {
      for (const point of batch) {
        // A closed point keeps its page (links to it still answer) but is no longer offered to search engines.
        if (point.status === 'closed') continue
        urls.push(`<url><loc>${escapeHtml(`${origin}${pointPath(point)}`)}</loc><lastmod>${point.updated_at.slice(0, 10)}</lastmod></url>`)
      }
    }
    c.header('Cache-Control', PAGE_CACHE)
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`, 200, { 'Content-Type': 'application/xml; charset=utf-8' })
  })

  // The regions, provinces and comuni: 7,896 comuni and their indexes fit one file.
  routes.get(SITE_PAGE_ROUTES.territorySitemap, async (c) => {
    const { territoryPaths } = await sitePages()
    const origin = originOf(c)
    const urls = territoryPaths(deps.comuni()).map((path) => `<url><loc>${escapeHtml(`${origin}${path}`)}</loc></url>`)
    c.header('Cache-Control', PAGE_CACHE)
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`, 200, { 'Content-Type': 'application/xml; charset=utf-8' })
  })

  routes.get(SITE_PAGE_ROUTES.robots, (c) => {
    c.header('Cache-Control', PAGE_CACHE)
    return c.text(`User-agent: *\nAllow: /\nDisallow: /v1/\nDisallow: /gestione/\nDisallow: /embed\n\nSitemap: ${originOf(c)}/sitemap.xml\n`)
  })
  return routes
}
