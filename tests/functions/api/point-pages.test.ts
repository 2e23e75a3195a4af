import { describe, expect, it } from 'vitest'
import { sitePlaces, siteAtPlace } from '../../../shared/geo/site-places.ts'
import { siteIntervalsOn } from '../../../shared/hours/open-at.ts'
import { formatTimeOfDay } from '../../../shared/hours/normalize-schedule.ts'
import { addDays, weekdayOf } from '../../../shared/hours/rome-time.ts'
import type { PointView } from '../../../shared/schemas/point-view.ts'
import { WEEKDAYS } from '../../../shared/vocabulary.ts'
import { createApiFixture, FIXED_NOW, FIXED_TODAY, snapshotOf } from './support/app-fixture.ts'
import { createApp } from '../../../functions/api/app.ts'
import { inMemorySnapshotSource } from '../../../functions/snapshot/snapshot-source.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { comunePath } from '../../../functions/site/pages/territory-paths.ts'
import { comuneNameIn } from '../../../shared/gazetteer/comune-names.ts'
import { LANGS } from '../../../shared/i18n/langs.ts'
import { pointJsonLd } from '../../../functions/site/pages/point-json-ld.ts'
import { pointPath } from '../../../shared/text/page-paths.ts'

/**
 * Issue 14's floor, with JavaScript off (plain HTTP, as a crawler): every page the sitemap lists
 * answers 200, names its canonical address, has a title with the point's name and comune, and
 * carries schema.org JSON-LD whose opening hours, read as a search engine reads them, equal the
 * API's for that point, date by date, place by place (seasonal sites and vans included).
 */
const fixture = createApiFixture()
const DAYS_COMPARED = 45

interface Spec { dayOfWeek?: string; opens: string; closes: string; validFrom?: string; validThrough?: string }

/** The hours a reader of schema.org takes from a Place's specifications on a date. */
function hoursFromSpecs(specs: readonly Spec[], date: string): string[] {
  const dated = specs.filter((s) => s.dayOfWeek === undefined && s.validFrom! <= date && date <= s.validThrough!)
  const chosen = dated.length > 0 ? dated : specs.filter((s) => s.dayOfWeek === `https://schema.org/${DAY_NAMES[weekdayOf(date)]}` && (s.validFrom === undefined || (s.validFrom <= date && date <= s.validThrough!)))
  return chosen.filter((s) => !(s.opens === '00:00' && s.closes === '00:00')).map((s) => `${s.opens}-${s.closes}`).sort()
}
const DAY_NAMES = Object.fromEntries(WEEKDAYS.map((d, i) => [d, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][i]]))

const pageOf = async (path: string) => {
  const response = await fixture.get(path)
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') }
}

const comuni = loadComuni()
const gazetteer = createGazetteer(comuni)

/** The app over a registry of the test's own records, with the fixture's clock unless given one. */
function appWith(records: PointRecord[], now: Date = FIXED_NOW): (path: string) => Promise<Response> {
  const app = createApp({ snapshots: inMemorySnapshotSource(snapshotOf(records)), gazetteer, cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, now: () => now, log: () => {} })
  return async (path) => app.request(`http://localhost${path}`)
}
const byPath = new Map(comuni.map((c) => [comunePath(c), c]))

/** Every comune, province and region page: 200, its canonical address, a title naming the place, and links that lead to pages that exist. */
async function checkTerritoryPages(paths: readonly string[]): Promise<void> {
  expect(paths.filter((p) => p.startsWith('/comuni/')).length).toBe(comuni.length)
  expect(paths.filter((p) => p.startsWith('/regioni/')).length).toBe(20)
  const listed = new Set(paths)
  const descriptions = new Set<string>()
  for (const path of paths) {
    const page = await pageOf(path)
    expect(page.status, path).toBe(200)
    expect(page.text).toContain(`<link rel="canonical" href="http://localhost${path}">`)
    const title = page.text.match(/<title>([^<]*)<\/title>/)![1]!.replaceAll('&#39;', "'").replaceAll('&amp;', '&')
    // Each page its own description, naming its place (127 index pages shared one).
    const description = page.text.match(/<meta name="description" content="([^"]*)"/)![1]!
    expect(descriptions.has(description), `${path}: ${description}`).toBe(false)
    descriptions.add(description)
    const comune = byPath.get(path)
    if (comune) expect(title, path).toBe(`Punti di facilitazione digitale a ${comuneNameIn(comune, 'it')} (${comune.province}) · PuntoVicino`)
    // Index pages lead down to pages the sitemap lists too.
    for (const link of page.text.matchAll(/href="(\/(?:comuni|province|regioni)\/[^"?]+)"/g)) expect(listed.has(link[1]!), `${path} → ${link[1]}`).toBe(true)
  }
}

describe('the pages a crawler finds through sitemap.xml', () => {
  it('answers every listed page with its canonical address, a named title and JSON-LD hours equal to the API’s', async () => {
    const index = await pageOf('/sitemap.xml')
    expect(index.type).toBe('application/xml; charset=utf-8')
    const sitemaps = [...index.text.matchAll(/<loc>http:\/\/localhost([^<]+)<\/loc>/g)].map((m) => m[1]!)
    const urls: Array<{ path: string; lastmod: string | undefined }> = []
    for (const sitemap of sitemaps) {
      const file = await pageOf(sitemap)
      expect(file.status, sitemap).toBe(200)
      for (const m of file.text.matchAll(/<url><loc>http:\/\/localhost([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)) urls.push({ path: m[1]!, lastmod: m[2] })
    }
    await checkTerritoryPages(urls.map((u) => u.path).filter((path) => /^\/(comuni|regioni|province)\//.test(path)))
    const pointUrls = urls.filter((u) => u.path.startsWith('/punti/'))
    expect(pointUrls.length).toBe(fixture.records.filter((p) => p.status !== 'closed').length)
    let seasonalChecked = 0
    let vanStopsChecked = 0
    for (const { path, lastmod } of pointUrls) {
      const page = await pageOf(path)
      expect(page.status, path).toBe(200)
      expect(page.text).toContain(`<link rel="canonical" href="http://localhost${path.replaceAll('&', '&amp;')}">`)
      const id = decodeURIComponent(path.split('/')[2]!)
      const api = await fixture.getJson<PointView>(`/v1/points/${encodeURIComponent(id)}`)
      expect(lastmod).toBe(api.updated_at.slice(0, 10))
      const title = page.text.match(/<title>([^<]*)<\/title>/)![1]!.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"')
      expect(title).toContain(api.name)
      expect(title).toContain(api.comune.name)
      const ld = JSON.parse(page.text.match(/<script type="application\/ld\+json">([^]*?)<\/script>/)![1]!) as { '@type': string; name: string; availableChannel: Array<{ serviceLocation?: { geo: { latitude: number; longitude: number }; openingHoursSpecification: Spec[] } }> }
      expect(ld['@type']).toBe('GovernmentService')
      expect(ld.name).toBe(api.name)
      // The channels with a place come in site order, each site's places in index order.
      const located = ld.availableChannel.filter((c) => c.serviceLocation)
      const expected = api.sites.flatMap((site) => sitePlaces(site, FIXED_TODAY).map((place) => ({ site, place })))
      expect(located.length, path).toBe(expected.length)
      located.forEach((channel, i) => {
        const { site, place } = expected[i]!
        expect(channel.serviceLocation!.geo).toEqual({ '@type': 'GeoCoordinates', latitude: place.location.lat, longitude: place.location.lon })
        const here = siteAtPlace(site, place)
        for (let d = 0; d < DAYS_COMPARED; d++) {
          const date = addDays(FIXED_TODAY, d)
          // A suspended point opens nowhere (the API's open_now says so too): no hours advertised.
          const truth = api.status !== 'active' ? [] : siteIntervalsOn(here, date).map((iv) => `${formatTimeOfDay(iv.start)}-${formatTimeOfDay(iv.end)}`).sort()
          expect(hoursFromSpecs(channel.serviceLocation!.openingHoursSpecification, date), `${path} ${site.id} ${date}`).toEqual(truth)
        }
        if (site.kind === 'seasonal') seasonalChecked++
        if (place.role === 2) vanStopsChecked++
      })
    }
    expect(seasonalChecked).toBeGreaterThan(0)
    expect(vanStopsChecked).toBeGreaterThan(0)
  }, 240_000)

  it('answers a sitemap page past the last with a 404 problem document, as every failure of the API', async () => {
    for (const path of ['/sitemap-punti-0.xml', '/sitemap-punti-999999.xml']) {
      const response = await fixture.app.request(`http://localhost${path}`)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).toBe('application/problem+json')
      expect(((await response.json()) as { detail: string }).detail).toContain('sitemap')
    }
  })

  it('redirects an old or missing slug to the page’s address, says 404 for an unknown point, and names the languages it has', async () => {
    const point = fixture.records.find((p) => p.status === 'active')!
    const missing = await fixture.get(`/punti/${point.id}`)
    expect(missing.status).toBe(301)
    const location = missing.headers.get('location')!
    expect((await fixture.get(`/punti/${point.id}/un-vecchio-nome`)).headers.get('location')).toBe(location)
    const english = await pageOf(`${location}?lang=en`)
    expect(english.text).toContain('<html lang="en">')
    expect(english.text).toContain('Hours for the next 7 days')
    const unknown = await pageOf('/punti/nessun-punto-cosi')
    expect(unknown.status).toBe(404)
    expect(unknown.text).toContain('Punto non trovato')
    const nowhere = await pageOf('/comuni/nessun-comune-xx?lang=sl')
    expect(nowhere.status).toBe(404)
    expect(nowhere.text).toContain('Kraja ni mogoče najti')
    expect(unknown.text).toContain('<meta name="robots" content="noindex">')
    // Written as people write it: DE and de-AT are German, an empty value is the Italian page.
    expect((await pageOf(`${location}?lang=DE`)).text).toContain('<html lang="de">')
    expect((await pageOf(`${location}?lang=de-AT`)).text).toContain('<html lang="de">')
    expect((await pageOf(`${location}?lang=`)).status).toBe(200)
    // Asked through an old address too: answered where it is asked, not carried through a redirect.
    expect((await fixture.get(`/punti/${point.id}?lang=es`)).status).toBe(400)
    const spanish = await pageOf(`${location}?lang=es`)
    expect(spanish.status).toBe(400)
    for (const lang of LANGS) expect(spanish.text).toContain(`?lang=${lang}" lang="${lang}"`.replace('?lang=it', ''))
    // Two languages asked at once: neither is chosen in silence (a new user's probe found "de" dropped).
    expect((await fixture.get(`/punti/${point.id}?lang=en&lang=de`)).status).toBe(400)
    const twice = await pageOf(`${location}?lang=en&lang=de`)
    expect(twice.status).toBe(400)
    expect(twice.text).toContain('«en, de»')
  })

  it('redirects an address people type or paste to the page it names (capitals, accents, apostrophes, another language, a slash too many), and only when it names one', async () => {
    const redirects: Array<[string, string]> = [
      ['/comuni/Biella-BI', '/comuni/biella-bi'],
      ['/comuni/forl%C3%AC-fc', '/comuni/forli-fc'],
      ["/comuni/sant'angelo-lodigiano-lo", '/comuni/sant-angelo-lodigiano-lo'],
      ['/comuni/bozen-bz?lang=de', '/comuni/bolzano-bz?lang=de'],
      ['/comuni/biella-bi/', '/comuni/biella-bi'],
      ['//comuni/biella-bi', '/comuni/biella-bi'],
      ['/regioni/Piemonte', '/regioni/piemonte'],
      ['/regioni/vallee-d-aoste', '/regioni/valle-d-aosta'],
      ['/regioni/trentino-sudtirol', '/regioni/trentino-alto-adige'],
      ['/regioni/umbria/?lang=en', '/regioni/umbria?lang=en'],
      ['/province/PG', '/province/pg'],
      ['/province/perugia', '/province/pg'],
    ]
    for (const [asked, page] of redirects) {
      const response = await fixture.get(asked)
      expect(`${response.status} ${response.headers.get('location')}`, asked).toBe(`301 ${page}`)
      expect((await fixture.get(page)).status, page).toBe(200)
    }
    // A shortened name is a guess, right today: a redirect no one keeps.
    // South Tyrol is a province, not the region its name closes ("Trentino-Alto Adige/Südtirol"); its region in German is "Trentino-Südtirol".
    for (const [asked, page] of [['/comuni/duino-aurisina-ts', '/comuni/duino-aurisina-devin-nabrezina-ts'], ['/comuni/biella', '/comuni/biella-bi'], ['/regioni/s%C3%BCdtirol', '/province/bz'], ['/regioni/alto-adige?lang=de', '/province/bz?lang=de']]) {
      const response = await fixture.get(asked!)
      expect(`${response.status} ${response.headers.get('location')}`, asked).toBe(`302 ${page}`)
    }
    // HEAD as GET; a slash too many in the middle; an encoded newline or letter left encoded, never a 500.
    expect((await fixture.get('/comuni/Biella-BI', { method: 'HEAD' })).headers.get('location')).toBe('/comuni/biella-bi')
    expect((await fixture.get('/comuni//biella-bi')).headers.get('location')).toBe('/comuni/biella-bi')
    expect((await fixture.get('/comuni/a%0Ab/')).headers.get('location')).toBe('/comuni/a%0Ab')
    expect((await fixture.get('/comuni/forl%C3%AC-fc/')).headers.get('location')).toBe('/comuni/forl%C3%AC-fc')
    // Only a double name's first part, not any start of a name ("san-ts" named San Dorligo della Valle).
    expect((await fixture.get('/comuni/san-ts')).status).toBe(404)
    const point = fixture.records.find((p) => p.status === 'active')!
    expect((await fixture.get(`/punti/${point.id.toUpperCase()}/x`)).headers.get('location')).toBe(pointPath(point))
    expect((await fixture.get(`${pointPath(point)}/`)).headers.get('location')).toBe(pointPath(point))
    // Two comuni called Castro (BG, LE): no guess.
    for (const unknown of ['/comuni/castro', '/comuni/nowhere-xx', '/regioni/atlantide']) expect((await fixture.get(unknown)).status, unknown).toBe(404)
  })

  it('speaks German, French and Slovene: a South Tyrol page in German says Bozen, and every link keeps the language', async () => {
    const point = fixture.records.find((p) => p.status === 'active' && p.comune.istat === '021008')
      ?? fixture.records.find((p) => p.status === 'active' && p.province === 'BZ')!
    const path = (await fixture.get(`/punti/${point.id}`)).headers.get('location')!
    for (const lang of ['de', 'fr', 'sl'] as const) {
      const page = await pageOf(`${path}?lang=${lang}`)
      expect(page.status, lang).toBe(200)
      expect(page.text).toContain(`<html lang="${lang}">`)
      expect(page.text).toContain(`<link rel="canonical" href="http://localhost${path}?lang=${lang}">`)
      for (const other of LANGS) expect(page.text, `${lang} → ${other}`).toContain(`<link rel="alternate" hreflang="${other}" href="http://localhost${path}${other === 'it' ? '' : `?lang=${other}`}">`)
      // Links to other pages, to the locator and to the statistics stay in the page's language: in
      // the page's body, its brand and its footer (the language list's links are checked above).
      const body = page.text.slice(page.text.indexOf('<div class="header-center">'))
      const links = [...body.matchAll(/href="(\/(?:punti|comuni|province|regioni)\/[^"]*|\/statistiche[^"]*|\/\?[^"]*|\/)"/g)].map((m) => m[1]!)
      expect(links.length, lang).toBeGreaterThanOrEqual(5)
      for (const link of links) expect(link, `${lang}: ${link}`).toMatch(new RegExp(`(\\?|&amp;)lang=${lang}(&amp;|#|$)`))
    }
    const comune = comuni.find((c) => c.istat === point.comune.istat)!
    const german = await pageOf(`${path}?lang=de`)
    expect(german.text).toContain(comuneNameIn(comune, 'de'))
    // A province's comuni in the order of the names the page shows: Abtei (Badia) before Aldein (Aldino).
    const provincePage = await pageOf('/province/bz?lang=de')
    const listed = [...provincePage.text.matchAll(/<li><a href="\/comuni\/[^"]+">([^<]+)<\/a><\/li>/g)].map((m) => m[1]!)
    expect(listed.length).toBe(116)
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b, 'de-IT')))
    expect(listed.indexOf('Abtei')).toBeLessThan(listed.indexOf('Aldein'))
    // Every page's footer leads to the accessibility statement and the privacy page.
    expect(provincePage.text).toContain('<a href="/accessibilita">Barrierefreiheit</a>')
    expect(provincePage.text).toContain('<a href="/privacy">Datenschutz</a>')
    // Its coverage figures, and its region's, a link away (an autonomous province runs its own plan).
    expect(provincePage.text).toContain('<a href="/statistiche?province=BZ&amp;lang=de">Statistik der Abdeckung: Bolzano/Bozen</a>')
    expect((await pageOf('/regioni/umbria')).text).toContain('<a href="/statistiche?region=10">Statistiche di copertura: Umbria</a>')
    const comunePage = await pageOf(`${comunePath(comune)}?lang=de`)
    expect(comunePage.text).toContain(`<h1 class="page-title">`)
    expect(comunePage.text.match(/<h1 class="page-title">([^<]*)<\/h1>/)![1]).toContain(comune.altName!)
  })

  it("gives each place of the JSON-LD its own site's province, not the seat's, for a site in another province", () => {
    const point = fixture.records.find((p) => p.status === 'active' && p.province !== 'RM' && p.sites.some((s) => s.kind === 'fixed' && s.location))!
    const moved = { ...point, sites: point.sites.map((s) => (s.kind === 'fixed' ? { ...s, comune: { istat: '058091', name: 'Roma' } } : s)) }
    const ld = pointJsonLd(moved, { url: 'https://example.org/p', today: FIXED_TODAY }) as unknown as { availableChannel: Array<{ serviceLocation?: { address?: { addressLocality: string; addressRegion?: string } } }> }
    const romeAddresses = ld.availableChannel.flatMap((c) => (c.serviceLocation?.address?.addressLocality === 'Roma' ? [c.serviceLocation.address] : []))
    expect(romeAddresses.length).toBeGreaterThan(0)
    expect(romeAddresses.map((a) => a.addressRegion)).toEqual(romeAddresses.map(() => 'RM'))
  })

  it("says each site's own comune and a seasonal site's season, in the page and in its JSON-LD", async () => {
    const elsewhere = fixture.records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind !== 'online' && s.comune && s.comune.istat !== p.comune.istat && s.kind !== 'mobile'))!
    const site = elsewhere.sites.find((s) => s.kind !== 'online' && s.comune && s.comune.istat !== elsewhere.comune.istat && s.kind !== 'mobile')!
    const path = (await fixture.get(`/punti/${elsewhere.id}`)).headers.get('location')!
    const page = await pageOf(path)
    const section = page.text.slice(page.text.indexOf(`>${site.label.replaceAll("'", '&#39;')}</h2>`))
    expect(section.slice(0, 400)).toContain(site.comune!.name.replaceAll("'", '&#39;'))
    const ld = JSON.parse(page.text.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!)
    const localities = ld.availableChannel.flatMap((c: { name: string; serviceLocation?: { address?: { addressLocality: string } } }) => (c.name === site.label ? [c.serviceLocation?.address?.addressLocality] : []))
    expect(localities).toContain(site.comune!.name)

    // And the way up: region, province, comune, each a page the sitemap lists.
    const trail = [...page.text.slice(page.text.indexOf('<article'), page.text.indexOf('<h1')).matchAll(/href="([^"?]+)"/g)].map((m) => m[1])
    expect(trail).toEqual([expect.stringMatching(/^\/regioni\//), `/province/${elsewhere.province!.toLowerCase()}`, comunePath(comuni.find((c) => c.istat === elsewhere.comune.istat)!)])

    const seasonal = fixture.records.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'seasonal'))!
    const seasonalPage = await pageOf((await fixture.get(`/punti/${seasonal.id}`)).headers.get('location')!)
    expect(seasonalPage.text).toMatch(/<p class="pv-page__season">Aperto dal? /)
  })

  it("shows each site's usual week, a seasonal desk's season hours too, not only the next seven days", async () => {
    // A summer desk (`--06-15` to `--09-15`), out of season on the fixture's 3 November.
    const point = fixture.records.find((p) => p.status === 'active' && p.sites.some((site) => site.kind === 'seasonal' && site.valid_from === '--06-15' && Object.keys(site.opening_hours ?? {}).length > 0))!
    const seasonal = point.sites.find((site) => site.kind === 'seasonal')!
    const text = await (await fixture.get(pointPath(point))).text()
    const table = text.slice(text.indexOf('<caption>Orario settimanale nella stagione</caption>'))
    expect(table.length, point.id).toBeLessThan(text.length)
    const [day, intervals] = Object.entries(seasonal.opening_hours!).find(([, list]) => (list?.length ?? 0) > 0)!
    const dayName = { mo: 'lunedì', tu: 'martedì', we: 'mercoledì', th: 'giovedì', fr: 'venerdì', sa: 'sabato', su: 'domenica' }[day]!
    const hours = intervals!.map((i) => `${Number(i.start.slice(0, 2))}:${i.start.slice(3)}–${Number(i.end.slice(0, 2))}:${i.end.slice(3)}`).join(', ')
    expect(table).toContain(`<tr><th scope="row">${dayName}</th><td>${hours}</td></tr>`)
  })

  it('says whether the entrance has steps, the access notes and the languages spoken, as the locator does', async () => {
    const stepFree = fixture.records.find((p) => p.status === 'active' && p.accessibility.step_free === true && p.accessibility.notes && p.languages.includes('en'))!
    const page = await pageOf((await fixture.get(`/punti/${stepFree.id}`)).headers.get('location')!)
    const section = page.text.slice(page.text.indexOf('<section aria-labelledby="accessibilita">'))
    expect(section).toMatch(/^<section aria-labelledby="accessibilita"><h2 id="accessibilita">Accessibilità<\/h2>/)
    expect(section).toContain('<p>Ingresso senza gradini</p>')
    expect(section).toContain(stepFree.accessibility.notes!.replaceAll("'", '&#39;'))
    expect(section).toMatch(/<p>Lingue parlate: [^<]*inglese/)
  })

  it('tells robots where the sitemap is and keeps them out of the API and the console', async () => {
    const robots = await pageOf('/robots.txt')
    expect(robots.text).toContain('Sitemap: http://localhost/sitemap.xml')
    expect(robots.text).toContain('Disallow: /v1/')
    expect(robots.text).toContain('Disallow: /gestione/')
  })
})

describe('the canonical origin behind CloudFront', () => {
  it('takes the site origin from the edge’s header only where the app trusts it, and only an https origin', async () => {
    const { SITE_ORIGIN_HEADER } = await import('../../../functions/api/site-origin.ts')
    const make = (trust: boolean) => createApp({ snapshots: inMemorySnapshotSource(fixture.snapshot), gazetteer: undefined as never, cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, log: () => {}, trustSiteOriginHeader: trust })
    const robots = async (trust: boolean, told: string) => (await (await make(trust).request('https://abc.execute-api.eu-south-1.amazonaws.com/robots.txt', { headers: { [SITE_ORIGIN_HEADER]: told } })).text()).match(/Sitemap: (.*)/)![1]
    expect(await robots(true, 'https://punti.example.it')).toBe('https://punti.example.it/sitemap.xml')
    expect(await robots(false, 'https://punti.example.it')).toBe('https://abc.execute-api.eu-south-1.amazonaws.com/sitemap.xml')
    expect(await robots(true, 'javascript:alert(1)//')).toBe('https://abc.execute-api.eu-south-1.amazonaws.com/sitemap.xml')
    // A point's calendar links to its page on the site, not on API Gateway's host (which refuses requests not from CloudFront).
    const id = fixture.records.find((p) => p.status === 'active')!.id
    const calendar = await (await make(true).request(`https://abc.execute-api.eu-south-1.amazonaws.com/v1/points/${id}.ics`, { headers: { [SITE_ORIGIN_HEADER]: 'https://punti.example.it' } })).text()
    expect(calendar.replace(/\r\n /g, '')).toContain(`URL:https://punti.example.it/?point=${id}`)
  })
})

describe('what the pages promise', () => {
  it('shows a suspended or closed point without hours, in the page and in its JSON-LD, and keeps a closed one out of search engines', async () => {
    for (const status of ['suspended', 'closed'] as const) {
      const point = fixture.records.find((p) => p.status === status && p.sites.some((s) => Object.keys(s.opening_hours ?? {}).length > 0))!
      const location = (await fixture.get(`/punti/${point.id}`)).headers.get('location')!
      const text = await (await fixture.get(location)).text()
      const ld = JSON.parse(text.match(/<script type="application\/ld\+json">([^]*?)<\/script>/)![1]!) as { availableChannel: Array<{ serviceLocation?: { openingHoursSpecification: unknown[] } }> }
      expect(ld.availableChannel.flatMap((c) => c.serviceLocation?.openingHoursSpecification ?? []), `${status} ${point.id}`).toEqual([])
      expect(text, status).not.toMatch(/<td>\d{1,2}:\d\d–/)
      expect(text.includes('<meta name="robots" content="noindex">'), status).toBe(status === 'closed')
    }
  })

  it('says in the title, the preview and the page that a point is suspended or closed, offers no booking, and leads to the nearest active points', async () => {
    // Said of the service, whatever the gender of the point's name ("Biblioteca…", "Centro…").
    for (const [status, word] of [['suspended', 'servizio sospeso'], ['closed', 'servizio chiuso']] as const) {
      const point = fixture.records.find((p) => p.status === status && p.booking_url && p.sites.some((s) => s.location))!
      const location = (await fixture.get(`/punti/${point.id}`)).headers.get('location')!
      const text = await (await fixture.get(location)).text()
      expect(text.match(/<title>([^<]*)<\/title>/)![1], status).toContain(`(${word}) · PuntoVicino`)
      expect(text.match(/<meta property="og:description" content="([^"]*)"/)![1], status).toMatch(status === 'suspended' ? /: servizio temporaneamente sospeso\./ : /: il servizio ha chiuso\./)
      expect(text, status).not.toContain('Prenota online')
      // A preview with a picture (WhatsApp and Facebook showed text only), at an absolute address.
      expect(text).toContain('<meta property="og:image" content="http://localhost/og-image.png">')
      expect(text).toContain('<meta name="twitter:card" content="summary_large_image">')
      const section = text.slice(text.indexOf('id="alternative"'))
      expect(text.indexOf('id="alternative"'), status).toBeGreaterThan(0)
      const linked = [...section.matchAll(/<li class="pv-page__card">\s*<a href="\/punti\/([^/"]+)\//g)].map((m) => decodeURIComponent(m[1]!))
      expect(linked, status).toHaveLength(5)
      for (const id of linked) expect(fixture.records.find((p) => p.id === id)!.status, `${status}: ${id}`).toBe('active')
    }
  })

  it('lists on a comune’s page every active point based there, however many, and however many of a neighbour’s are nearer its centre', async () => {
    const corciano = comuni.find((c) => c.name === 'Corciano')!
    const perugia = comuni.find((c) => c.name === 'Perugia' && c.province === 'PG')!
    const template = fixture.records.find((p) => p.status === 'active' && p.sites.length === 1 && p.sites[0]!.kind === 'fixed')!
    const at = (id: string, comune: typeof corciano, lat: number, lon: number) => ({
      ...template,
      id,
      comune: { istat: comune.istat, name: comune.name },
      sites: [{ ...template.sites[0]!, location: { lat, lon } }],
    })
    // 35 points in Corciano 4 km from its centre, and 40 of Perugia's standing right at that centre.
    const records = [
      ...Array.from({ length: 35 }, (_, i) => at(`corciano-${String(i).padStart(2, '0')}`, corciano, corciano.lat + 0.036, corciano.lon)),
      ...Array.from({ length: 40 }, (_, i) => at(`perugia-${String(i).padStart(2, '0')}`, perugia, corciano.lat, corciano.lon)),
    ]
    const text = await (await appWith(records)(comunePath(corciano))).text()
    const inside = text.slice(text.indexOf('id="nel-comune"'), text.indexOf('id="dintorni"'))
    expect([...inside.matchAll(/class="pv-page__card"/g)].length).toBe(35)
    const around = text.slice(text.indexOf('id="dintorni"'))
    expect([...around.matchAll(/class="pv-page__card"/g)].length).toBe(10)
  })

  it("says on a comune's cards the place each distance is measured to and that place's own opening, as the API's near answer does", async () => {
    const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']
    let compared = 0
    // Forlì-Cesena: points with desks in other comuni, and vans whose stops are far from home.
    for (const comune of comuni.filter((c) => c.province === 'FC')) {
      const page = await pageOf(comunePath(comune))
      const around = page.text.slice(page.text.indexOf('id="dintorni"'))
      const near = (await fixture.getJson(`/v1/points?near=${comune.lat},${comune.lon}&limit=30`)) as { items: PointView[] }
      for (const card of around.matchAll(/<li class="pv-page__card">\s*<a href="\/punti\/([^/"]+)\/[^"]*">[^<]*<\/a>\s*<span>([^<]*)<\/span>\s*<p class="[^"]*">([^<]*)<\/p>/g)) {
        const [, id, placeLine, status] = card
        const item = near.items.find((p) => p.id === decodeURIComponent(id!))
        if (!item?.site || item.status !== 'active') continue
        const place = placeLine!.replaceAll('&#39;', "'").replaceAll('&amp;', '&')
        if (item.matched_place?.kind === 'stop' || item.sites.length > 1) {
          expect(place, `${comune.name}: ${id}`).toContain(item.matched_place!.label)
          compared++
        }
        if (item.site.open_now) {
          expect(status, `${comune.name}: ${id}`).toMatch(/^Aperto ora/)
          compared++
        } else if (item.site.next_opening) {
          const [, month, day, hour, minute] = /^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(item.site.next_opening)!
          expect(status, `${comune.name}: ${id}`).toContain(`${Number(day)} ${MONTHS[Number(month) - 1]} alle ${Number(hour)}:${minute}`)
          compared++
        }
      }
    }
    expect(compared).toBeGreaterThan(100)
  })

  it("leads a comune with no point within 40 km (an island, a mountain pass) to the nearest ones however far, not to an empty page", async () => {
    const lampedusa = comuni.find((c) => c.name === 'Lampedusa e Linosa')!
    const text = (await pageOf(comunePath(lampedusa))).text
    const around = text.slice(text.indexOf('id="dintorni"'))
    expect(around).toContain('Nessun punto entro 40 km: i più vicini sono questi.')
    expect([...around.matchAll(/class="pv-page__card"/g)]).toHaveLength(3)
  })

  it('quotes hours published as text no one could read, and sends to the contacts where there are none, never "closed" every day', async () => {
    const perugia = comuni.find((c) => c.name === 'Perugia' && c.province === 'PG')!
    const template = fixture.records.find((p) => p.status === 'active' && p.sites.length === 1 && p.sites[0]!.kind === 'fixed')!
    const { opening_hours: _hours, ...site } = template.sites[0]!
    const at = (id: string, hours: Partial<typeof site>) => ({ ...template, id, comune: { istat: perugia.istat, name: perugia.name }, sites: [{ ...site, ...hours, location: { lat: perugia.lat, lon: perugia.lon } }] })
    const unread = at('testo-libero', { opening_hours_source: 'solo su appuntamento, telefonare al mattino', opening_hours_unparsed: true })
    const none = at('senza-orari', {})
    const request = appWith([unread, none])
    const page = async (path: string) => (await request(path)).text()
    const quoted = await page(`${pointPath(unread)}?lang=de`)
    expect(quoted).toContain('Öffnungszeiten wie veröffentlicht: <span lang="it">solo su appuntamento, telefonare al mattino</span>')
    expect(quoted).not.toMatch(/Jetzt geschlossen|<td>geschlossen<\/td>/)
    const missing = await page(pointPath(none))
    expect(missing).toContain('Orari non indicati: contatta il punto')
    expect(missing).not.toMatch(/Chiuso ora|<td>chiuso<\/td>/)
    const cards = await page(comunePath(perugia))
    expect(cards).toContain('Orari come pubblicati: solo su appuntamento, telefonare al mattino')
    expect(cards).not.toContain('Chiuso ora')
  })

  it('says why a day of the next seven is closed: the public holiday by name, a closure by its reason (marked as Italian), as the locator does', async () => {
    const template = fixture.records.find((p) => p.status === 'active' && p.comune.istat?.startsWith('054') && p.sites.length === 1 && p.sites[0]!.kind === 'fixed' && (p.sites[0]!.public_holidays ?? 'closed') === 'closed')!
    const everyDay = Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [{ start: '09:00', end: '12:00' }]]))
    const point = { ...template, id: 'con-chiusure', sites: [{ ...template.sites[0]!, opening_hours: everyDay, closures: [{ from: '2026-12-10', to: '2026-12-11', reason: 'lavori di manutenzione' }] }] }
    // Monday 7 December 2026: the 8th is the Immacolata.
    const text = await (await appWith([point], new Date('2026-12-07T10:00:00+01:00'))(`${pointPath(point)}?lang=en`)).text()
    const week = text.slice(text.indexOf('<caption>Hours for the next 7 days</caption>'))
    expect(week).toMatch(/8 December<\/th><td>public holiday \(Immaculate Conception\): closed<\/td>/)
    expect(week).toMatch(/10 December<\/th><td>closed: <span lang="it">lavori di manutenzione<\/span><\/td>/)
    expect(week).toMatch(/9 December<\/th><td>9:00–12:00<\/td>/)
  })

  it("says a card's distance as the locator's cards do: metres under a kilometre, a decimal under ten", async () => {
    const forli = comuni.find((c) => c.name === 'Forlì')!
    const text = (await pageOf(comunePath(forli))).text
    const distances = [...text.matchAll(/ · a ([\d,]+ (?:m|km))<\/span>/g)].map((m) => m[1]!)
    expect(distances.length).toBeGreaterThan(3)
    for (const distance of distances) expect(distance).toMatch(/^(\d+0 m|\d,\d km|\d\d+ km)$/)
    expect(distances.some((d) => d.endsWith(' m'))).toBe(true)
  })

  it('writes a label and its value as each language does: a no-break space before the colon in French', async () => {
    const point = fixture.records.find((p) => p.status === 'active' && p.contacts.phone)!
    const french = await (await fixture.get(`${pointPath(point)}?lang=fr`)).text()
    expect(french).toContain('<li>Téléphone\u00a0: <a href="tel:')
    const italian = await (await fixture.get(pointPath(point))).text()
    expect(italian).toContain('<li>Telefono: <a href="tel:')
  })

  it("says when a comune's page computed open and closed: the page is cached for minutes and its cards name no time", async () => {
    const firenze = comuni.find((c) => c.name === 'Firenze')!
    const page = await pageOf(comunePath(firenze))
    expect(page.text).toMatch(/class="pv-page__as-of">Aperto o chiuso alle \d{1,2}:\d{2} del \d{1,2} \w+: /)
  })
})

describe('the pages’ headers', () => {
  it('send the site’s Content Security Policy and nosniff, as the static pages do', async () => {
    const point = fixture.records.find((p) => p.status === 'active')!
    const location = (await fixture.get(`/punti/${point.id}`)).headers.get('location')!
    for (const path of [location, '/regioni/umbria', '/province/pg', '/comuni/perugia-pg', '/punti/nessuno']) {
      const response = await fixture.get(path)
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'")
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
  })
})
