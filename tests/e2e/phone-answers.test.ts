import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { axeViolations, sharedBrowser, phoneContext, screenshot } from './support/browser.ts'
import { openAtInstant } from '../../web/state/locator-state.ts'
import { E2E_NOW } from './support/server.ts'

/**
 * Issue 9 on a phone: the answers belong to the site and place they show, remote help is offered,
 * and no search ends in a dead end.
 */
const baseUrl = inject('e2eBaseUrl')
const browser = sharedBrowser()

interface ApiItem {
  id: string
  name: string
  sites: Array<{ id: string; label: string }>
  site: { id: string; open_now: boolean; next_opening: string | null }
  next_opening: string | null
  open_now: boolean
  matched_place?: { kind: string; label: string; location: { lat: number; lon: number }; next_session: { date: string } | null }
}

/** Looks in the API, around many places, for an item the test needs. */
async function findItem(predicate: (item: ApiItem) => boolean): Promise<{ item: ApiItem; near: string }> {
  const places = ['43.111,12.389', '43.771,11.254', '45.07,7.686', '41.9,12.496', '44.494,11.343', '45.464,9.19', '40.852,14.268', '38.116,13.361', '43.318,11.331', '42.563,12.643', '45.44,12.316', '39.217,9.11']
  for (const near of places) {
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=${near}&limit=100`)).json()) as { items: ApiItem[] }
    const item = items.find(predicate)
    if (item) return { item, near }
  }
  throw new Error('no such item around the places tried')
}

const expectNoAxeViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([])

describe('right answers on a phone', () => {
  it("words the shown site's own opening, and names the sibling site that opens sooner (the Perugia case)", async () => {
    const { item, near } = await findItem((i) => i.sites.length > 1 && !i.site.open_now && !i.open_now && i.site.next_opening !== null && i.next_opening !== null && i.next_opening < i.site.next_opening)
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=${near}&place=Prova`)
    const card = page.locator(`.pv-result[data-id="${item.id}"]`)
    await card.waitFor()
    // Not the point's earlier opening: the shown site's own; and which other site opens first.
    const otherSite = await card.locator('.pv-result__other-site').textContent()
    // (Remote help, when the sooner site is a phone line.)
    expect(otherSite).toMatch(/^(Un'altra sede apre|Aiuto a distanza disponibile) prima: .+, ((oggi|domani|\w+)|il .+) alle \d{1,2}:\d{2}$/)
    // The heading is the point's name: the card says which of its sites the lines below speak of.
    const shownLabel = item.sites.find((s) => s.id === item.site.id)!.label
    expect(await card.locator('.pv-result__site').textContent()).toBe(`Sede: ${shownLabel}`)
    const cardStatus = await card.locator('.pv-status').textContent()
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'phone-other-site-sooner')
    // The detail puts the searched site first, and its status line, above that site's address,
    // is that site's, with the same note on the other site.
    await card.locator('.pv-result__link').click()
    await page.locator('.pv-detail__title').waitFor()
    expect(await page.locator('.pv-site__title').first().textContent()).toContain(shownLabel)
    expect(await page.locator('.pv-detail .pv-status').textContent()).toBe(cardStatus)
    expect(await page.locator('.pv-detail__other-site').textContent()).toBe(otherSite)
    expect(await page.locator('.pv-detail__site').textContent()).toBe(`Sede: ${shownLabel}`)
    // An outline link button (the calendar's) is readable: its text is not white on the white button.
    const calendar = page.locator('.pv-detail a.pv-button--outline', { hasText: 'Aggiungi al calendario' })
    expect(await calendar.evaluate((link) => getComputedStyle(link).color)).not.toBe('rgb(255, 255, 255)')
    await context.close()
  })

  it("gives a van's next stop where it was found, with that stop as its place", async () => {
    const { item } = await findItem((i) => i.matched_place?.kind === 'stop' && i.matched_place.next_session !== null && !i.site.open_now)
    const { lat, lon } = item.matched_place!.location
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=${lat},${lon}&place=Sosta`)
    const card = page.locator(`.pv-result[data-id="${item.id}"]`)
    await card.waitFor()
    expect(await card.locator('.pv-result__note').textContent()).toMatch(new RegExp(`^Prossima sosta qui: .+, ${item.matched_place!.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    expect(await card.locator('.pv-result__address').textContent()).toBe(item.matched_place!.label)
    await context.close()
  })

  it('offers remote help for the region after a town search, and the "online" filter finds it', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    const remote = page.getByRole('region', { name: 'Assistenza a distanza per la tua regione' })
    await remote.locator('.pv-result').first().waitFor()
    expect(await remote.locator('.pv-kind--online').count()).toBeGreaterThan(0)
    await remote.scrollIntoViewIfNeeded()
    await screenshot(page, 'phone-remote-help')
    await expectNoAxeViolations(page)
    // A point in both lists (online help nearby) is two cards, never two elements of one id.
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((el) => el.id))
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    // Back from a point opened in the remote help, the focus returns to its link there (it fell to <body>).
    const opened = remote.locator('.pv-result__link').first()
    const openedId = await opened.evaluate((a) => a.closest('[data-id]')!.getAttribute('data-id'))
    await opened.click()
    await page.getByRole('button', { name: 'Torna ai risultati' }).click()
    expect(await page.evaluate(() => [document.activeElement?.closest('.pv-remote') !== null, document.activeElement?.closest('[data-id]')?.getAttribute('data-id')])).toEqual([true, openedId])

    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)&kind=online`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    expect(await page.locator('.pv-count').textContent()).not.toMatch(/Nessun punto/)
    await context.close()
  })
})

describe('list or map on a phone', () => {
  it('switches between list and map at the top; pins carry the cards\' numbers, and the searched place is marked', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const mapCode: string[] = []
    page.on('request', (request) => {
      if (/results-map-/.test(request.url())) mapCode.push(request.url())
    })
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    const views = page.getByRole('group', { name: 'Mostra i risultati come' })
    // The switch sits above the results, and the map is not down the page behind twenty cards.
    expect((await views.boundingBox())!.y).toBeLessThan((await page.locator('.pv-results__title').boundingBox())!.y)
    expect(await page.locator('.pv-map-column').isVisible()).toBe(false)
    expect(await views.getByRole('button', { name: 'Elenco' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('.pv-results .pv-result__number').first().textContent()).toBe('1')
    expect(mapCode).toEqual([]) // a citizen who reads the list never downloads the map

    await views.getByRole('button', { name: 'Mappa' }).click()
    expect(await views.getByRole('button', { name: 'Mappa' }).getAttribute('aria-pressed')).toBe('true')
    await page.locator('.maplibregl-canvas').waitFor()
    expect(await page.locator('.pv-list-view').isVisible()).toBe(false)
    await page.waitForFunction(() => document.querySelectorAll('.pv-map-number').length > 0)
    const numbers = (await page.locator('.pv-map-number').allTextContents()).map(Number)
    for (const n of numbers) expect(n).toBeGreaterThanOrEqual(1)
    for (const n of numbers) expect(n).toBeLessThanOrEqual(20)
    expect(await page.locator('.pv-map-origin').count()).toBe(1)
    await page.waitForTimeout(1000) // the software GL draws
    await screenshot(page, 'phone-map-view')
    await expectNoAxeViolations(page)

    await views.getByRole('button', { name: 'Elenco' }).click()
    expect(await page.locator('.pv-list-view').isVisible()).toBe(true)
    expect(await page.locator('.pv-map-column').isVisible()).toBe(false)
    await context.close()
  })

  it("lands on the result a detail was opened from, with the page's own back button and with the phone's Back alike", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    const second = page.locator('.pv-results .pv-result__link').nth(1)
    await second.focus()
    const secondId = await second.evaluate((a) => a.closest('[data-id]')!.getAttribute('data-id'))
    const focusedCard = () => page.evaluate(() => document.activeElement?.classList.contains('pv-result__link') ? document.activeElement.closest('[data-id]')?.getAttribute('data-id') : null)
    const listTitle = await page.title()
    await page.keyboard.press('Enter')
    await page.locator('.pv-detail__title').waitFor()
    // The tab and the history name the point (WCAG 2.4.2), and the list's title comes back with it.
    expect(await page.title()).toBe(`${await page.locator('.pv-detail__title').textContent()} · ${listTitle}`)
    // "Condividi" where the clipboard refuses (no share sheet): it says so, never "copied".
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'share', { value: undefined })
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } })
    })
    await page.getByRole('button', { name: 'Condividi' }).click()
    await page.locator('.pv-share__status', { hasText: /^Non è stato possibile copiare il link/ }).waitFor()
    await page.goBack()
    await page.waitForFunction(() => document.activeElement?.classList.contains('pv-result__link'))
    expect(await focusedCard()).toBe(secondId)
    expect(await page.title()).toBe(listTitle)
    await page.goForward()
    await page.locator('.pv-detail__title').waitFor()
    await page.getByRole('button', { name: /Torna ai risultati/ }).click()
    expect(await focusedCard()).toBe(secondId)
    // From a point's detail to one that no longer exists (an old link): the title does not keep the first point's name.
    await second.click()
    await page.locator('.pv-detail__title').waitFor()
    await page.evaluate(() => {
      history.pushState(null, '', `${location.search}`.replace(/point=[^&]+/, 'point=demo-99-9999'))
      dispatchEvent(new PopStateEvent('popstate'))
    })
    await page.getByRole('alert').waitFor()
    expect(await page.title()).toBe(listTitle)
    await context.close()
  })

  it('in the map view, still says what a search found, and brings the list back for an empty answer or "Mostra"', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    const views = page.getByRole('group', { name: 'Mostra i risultati come' })
    await views.getByRole('button', { name: 'Mappa' }).click()
    await page.locator('.maplibregl-canvas').waitFor()
    // A filter changed with the map on screen: the count is read out from a status the map view shows.
    await page.locator('.pv-filters__summary').click()
    await page.getByLabel('Solo aperti ora').check()
    await page.waitForFunction(() => /open_now=true/.test(location.search) && document.querySelector('.pv-list')?.getAttribute('aria-busy') === null)
    const said = page.locator('.pv-map-column [role="status"]')
    await said.filter({ hasText: /^\d+ punti (trovati|mostrati, altri disponibili)$/ }).waitFor()
    expect(await said.isVisible()).toBe(true)
    // "Mostra N risultati" shows them: the list, its heading focused.
    await page.locator('.pv-filters__done').click()
    expect(await views.getByRole('button', { name: 'Elenco' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pv-results__title'))).toBe(true)
    // An answer with nothing to map: the list comes back with its help ("Mostra anche i punti chiusi").
    await views.getByRole('button', { name: 'Mappa' }).click()
    await page.locator('.pv-filters__summary').click()
    await page.getByLabel('Tipo di punto', { exact: true }).selectOption('seasonal')
    await page.locator('.pv-empty-help').getByRole('button', { name: 'Mostra anche i punti chiusi' }).waitFor()
    expect(await views.getByRole('button', { name: 'Elenco' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('.pv-count').isVisible()).toBe(true)
    // Turned to a wide layout in the map view, list and map side by side: the count is said once, by the list.
    await page.getByRole('button', { name: 'Mostra anche i punti chiusi' }).click()
    await page.locator('.pv-results .pv-result').first().waitFor()
    await views.getByRole('button', { name: 'Mappa' }).click()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByLabel('Tipo di punto', { exact: true }).selectOption('fixed')
    await page.waitForFunction(() => /kind=fixed/.test(location.search) && document.querySelector('.pv-list')?.getAttribute('aria-busy') === null)
    expect(await page.locator('.pv-count').textContent()).toMatch(/^\d+ punti/)
    expect(await said.textContent()).toBe('')
    await context.close()
  })

  it('prints the list as text from the map view: no controls or map, numbers and buttons dark on white', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.getByRole('group', { name: 'Mostra i risultati come' }).getByRole('button', { name: 'Mappa' }).click()
    await page.locator('.maplibregl-canvas').waitFor()
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.pv-results .pv-result').first().isVisible()).toBe(true)
    for (const hidden of ['.pv-controls', '.pv-view-switch', '.pv-map-column']) expect(await page.locator(hidden).isVisible(), hidden).toBe(false)
    const number = await page.locator('.pv-result__number').first().evaluate((n) => [getComputedStyle(n).color, getComputedStyle(n).backgroundColor])
    expect(number).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)'])
    await context.close()
  })
})

describe('search that forgives', () => {
  /** The home page on a phone, and its comune box. */
  async function homeSearch() {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    const box = page.getByRole('combobox', { name: 'Il tuo comune' })
    /** Types `text` and presses "Cerca". */
    const search = async (text: string) => {
      await box.fill(text)
      await page.getByRole('button', { name: 'Cerca' }).click()
    }
    return { context, page, box, search }
  }

  it('asks which comune when several start with what was typed ("Reggio"), never picking one itself, and asks the API once', async () => {
    const { context, page, box } = await homeSearch()
    const asked: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/v1/places')) asked.push(request.url())
    })
    const suggested = page.waitForResponse((response) => new URL(response.url()).searchParams.get('q') === 'Reggio')
    await box.fill('Reggio')
    await suggested
    await page.getByRole('button', { name: 'Cerca' }).click()
    // (While the search is on its way the message says "Cerco «Reggio»…"; then its answer.)
    await expect.poll(() => page.locator('.pv-search__message').textContent()).toBe("Più comuni iniziano con «Reggio»: scegli il tuo dall'elenco, o scrivi più lettere del nome.")
    await page.getByRole('option', { name: /^Reggio di Calabria \(RC\)/ }).waitFor()
    await page.getByRole('option', { name: /^Reggio nell'Emilia \(RE\)/ }).waitFor()
    // The suggestions opened below the box do not cover the message that explains them.
    expect(await page.locator('.pv-search__message').evaluate((message) => {
      const box = message.getBoundingClientRect()
      return message.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2))
    })).toBe(true)
    expect(new URL(page.url()).searchParams.get('near')).toBeNull()
    // The suggestions' answer served "Cerca" too.
    expect(asked).toHaveLength(1)
    await context.close()
  })

  it('takes a province sigla typed after the name, and a name typed in capitals that ends like one', async () => {
    const { context, page, search } = await homeSearch()
    await search('Todi PG')
    await page.waitForFunction(() => new URLSearchParams(location.search).get('place') === 'Todi (PG)')
    await search('SAN BENEDETTO PO')
    await page.waitForFunction(() => new URLSearchParams(location.search).get('place') === 'San Benedetto Po (MN)')
    await context.close()
  })

  it('takes an address typed whole: offers the comune it names, and marks the box when nothing is found', async () => {
    const { context, page, box, search } = await homeSearch()
    await search('Via Roma 10 Firenze')
    await page.getByRole('option', { name: /^Firenze \(FI\)/ }).waitFor()
    expect(await page.locator('.pv-search__message').textContent()).toBe('Nessun comune si chiama così: ecco quelli per «Firenze».')
    await page.getByRole('option', { name: /^Firenze \(FI\)/ }).click()
    await page.locator('.pv-results .pv-result').first().waitFor()
    await search('Atlantide sommersa')
    await page.waitForFunction(() => document.querySelector('.pv-search__message')?.textContent === 'Nessun comune trovato con questo nome.')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    // The box points at the message that says what is wrong, and stops when it holds something else.
    const describedBy = (await box.getAttribute('aria-describedby'))!.split(' ')
    expect(await page.locator(`[id="${describedBy.at(-1)}"]`).textContent()).toBe('Nessun comune trovato con questo nome.')
    await box.fill('Firenz')
    expect(await box.getAttribute('aria-invalid')).toBeNull()
    expect((await box.getAttribute('aria-describedby'))!.split(' ')).toHaveLength(1)
    // …and the message goes with it: it spoke of what the box held before.
    expect(await page.locator('.pv-search__message').textContent()).toBe('')
    await context.close()
  })

  it('offers "Forse cercavi Perugia?" for a typo, and takes a CAP, saying when it only knows the city of its zone', async () => {
    const { context, page, box, search } = await homeSearch()
    await search('Peruga')
    await page.getByRole('option', { name: /^Perugia \(PG\)/ }).waitFor()
    expect(await page.locator('.pv-search__message').textContent()).toMatch(/^Nessun comune si chiama così\. Forse cercavi: Perugia \(PG\)/)
    await screenshot(page, 'phone-did-you-mean')
    await expectNoAxeViolations(page)
    await page.getByRole('option', { name: /^Perugia \(PG\)/ }).click()
    await page.locator('.pv-results .pv-result').first().waitFor()
    expect(await page.locator('.pv-results__title').textContent()).toBe('Punti più vicini a Perugia (PG)')

    await search('06125')
    await page.getByRole('option', { name: /^Perugia \(PG\)/ }).waitFor()
    expect(await page.locator('.pv-search__message').textContent()).toBe('Il CAP 06125 è nella zona postale di questa città:')
    await context.close()
  })
})

describe('filters on a phone', () => {
  it('keep a live count on their button, which closes them onto the results; active filters show as removable chips', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.locator('summary', { hasText: 'Filtri' }).click()
    const done = page.locator('.pv-filters__done')
    expect(await done.textContent()).toBe('Mostra più di 20 risultati')
    await page.getByLabel('Ingresso senza gradini', { exact: true }).check()
    await page.getByRole('group', { name: 'Servizio' }).getByLabel('Formazione in gruppo', { exact: true }).check()
    await page.waitForFunction(() => /service=formazione_gruppo/.test(location.search) && document.querySelector('.pv-list')?.getAttribute('aria-busy') === null)
    expect(await done.textContent()).toMatch(/^Mostra (più di )?\d+ risultat[oi]$|^Nessun risultato: cambia i filtri$/)
    await screenshot(page, 'phone-filters-open')
    await expectNoAxeViolations(page)
    await done.click()
    expect(await page.locator('.pv-filters').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pv-results__title'))).toBe(true)
    const chips = page.getByRole('list', { name: 'Filtri attivi' })
    expect(await chips.getByRole('button').allTextContents()).toEqual(['Ingresso senza gradini ✕', 'Formazione in gruppo ✕'])
    await chips.getByRole('button', { name: 'Togli il filtro: Ingresso senza gradini' }).click()
    await page.waitForFunction(() => !/accessible=/.test(location.search))
    expect(await chips.getByRole('button').allTextContents()).toEqual(['Formazione in gruppo ✕'])
    expect(await page.locator('summary.pv-filters__summary').textContent()).toBe('Filtri (1)')
    await context.close()
  })

  it('never hide the control the keyboard is on under their sticky "Mostra" bar (WCAG 2.4.7)', async () => {
    const context = await phoneContext(browser(), { viewport: { width: 320, height: 640 } })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.locator('.pv-filters__summary').focus()
    await page.keyboard.press('Enter')
    const hidden: string[] = []
    for (let tab = 0; tab < 40; tab++) {
      await page.keyboard.press('Tab')
      const focus = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement
        const bar = document.querySelector('.pv-filters__footer')!.getBoundingClientRect()
        const box = focused.getBoundingClientRect()
        return { id: focused.id || focused.className, done: focused.classList.contains('pv-filters__done'), covered: !focused.closest('.pv-filters__footer') && box.bottom > bar.top + 1 && box.top < bar.bottom }
      })
      if (focus.done) break
      if (focus.covered) hidden.push(focus.id)
    }
    expect(hidden).toEqual([])
    await context.close()
  })
})

describe('no dead ends', () => {
  it('with "open now" and nothing open, says which opens next, when and how far, and removes the filter in one tap', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    // Seasonal sites in December are out of season: nothing of that kind is open now.
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze&kind=seasonal&open_now=true`)
    const help = page.locator('.pv-empty-help')
    await help.getByRole('button', { name: 'Mostra anche i punti chiusi' }).waitFor()
    expect(await help.textContent()).toMatch(/Nessun punto è aperto ora con questi filtri\.Il più vicino, .+ \(\d+(,\d)? km\), apre .+\./)
    await screenshot(page, 'phone-none-open')
    await expectNoAxeViolations(page)
    await help.getByRole('button', { name: 'Mostra anche i punti chiusi' }).press('Enter')
    await page.locator('.pv-results .pv-result').first().waitFor()
    expect(new URL(page.url()).searchParams.get('open_now')).toBeNull()
    // The button is gone with the help: the keyboard's place is the results' heading, not the page's start.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('pv-results__title')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('.pv-result') !== null)).toBe(true)
    // Opened from a link, a point is in no list: back from it, the same heading (the page's start before).
    const { items } = (await (await fetch(`${baseUrl}/v1/points?region=10&limit=1`)).json()) as { items: Array<{ id: string }> }
    await page.goto(`${baseUrl}/?point=${items[0]!.id}`)
    await page.getByRole('button', { name: /Torna ai risultati/ }).press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('pv-results__title')
    await context.close()
  })

  it('finds the points open when the citizen can go: a day and a time of the coming two weeks, kept in the address and shown as a chip', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.locator('.pv-filters__summary').click()
    const when = page.getByRole('group', { name: 'Quando puoi andarci' })
    // It is 10:00 on Tuesday (the tests' clock). A time chosen first means its next coming: 08:00 is
    // past today, so tomorrow at 08:00.
    await when.getByLabel('Ora', { exact: true }).selectOption('08:00')
    expect(await when.getByLabel('Giorno', { exact: true }).inputValue()).toBe('2026-12-02')
    await page.waitForFunction(() => /open_at=2026-12-02T08%3A00/.test(location.search))
    // Today: the half hours gone are not offered, and the 08:00 moves to the first one ahead.
    await when.getByLabel('Giorno', { exact: true }).selectOption({ index: 1 })
    expect(await when.getByLabel('Ora', { exact: true }).inputValue()).toBe('10:00')
    expect(await when.getByLabel('Ora', { exact: true }).locator('option[disabled]').count()).toBe(6)
    await page.waitForFunction(() => /open_at=2026-12-01T10%3A00/.test(location.search))
    // Passing through today moved the time for today only: another day gets the citizen's 08:00 back.
    await when.getByLabel('Giorno', { exact: true }).selectOption('2026-12-03')
    expect(await when.getByLabel('Ora', { exact: true }).inputValue()).toBe('08:00')
    await page.waitForFunction(() => /open_at=2026-12-03T08%3A00/.test(location.search))
    // Two weeks to choose from: a holiday this week leaves the same weekday next week.
    expect(await when.getByLabel('Giorno', { exact: true }).locator('option').count()).toBe(1 + 14)
    await when.getByLabel('Ora', { exact: true }).selectOption('15:00')
    // Options: any day, today, tomorrow, …
    const tomorrow = (await when.getByLabel('Giorno', { exact: true }).locator('option').nth(2).getAttribute('value'))!
    expect(await when.getByLabel('Giorno', { exact: true }).locator('option').nth(2).textContent()).toMatch(/^domani, \S+ \d{1,2} \S+$/)
    await when.getByLabel('Giorno', { exact: true }).selectOption(tomorrow)
    await page.waitForFunction(() => /open_at=/.test(location.search) && document.querySelector('.pv-list')?.getAttribute('aria-busy') === null)
    expect(new URL(page.url()).searchParams.get('open_at')).toBe(`${tomorrow}T15:00`)
    await expectNoAxeViolations(page)
    await screenshot(page, 'phone-open-at')
    // The list is what the API answers for that instant, in Rome's time of that day.
    const shown = await page.locator('.pv-results .pv-result').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-id')))
    expect(shown.length).toBeGreaterThan(0)
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=43.771,11.254&limit=100&open_at=${encodeURIComponent(openAtInstant(`${tomorrow}T15:00`))}`)).json()) as { items: ApiItem[] }
    expect(shown).toEqual(items.slice(0, shown.length).map((item) => item.id))
    // Each card says it is open then and until when, not its status now (Tuesday at 10:00), and so does the detail.
    const openThen = /^Aperto domani alle 15:00 · chiude alle \d{1,2}:\d\d/
    expect((await page.locator('.pv-results .pv-result .pv-status').allTextContents()).filter((status) => !openThen.test(status))).toEqual([])
    await page.locator('.pv-filters__done').click()
    const chip = page.locator('.pv-chip', { hasText: /^Aperti domani, .+ alle 15:00/ })
    await chip.waitFor()
    await page.locator('.pv-results .pv-result__link').first().click()
    expect(await page.locator('.pv-detail .pv-status').first().textContent()).toMatch(openThen)
    await page.goBack()
    await chip.waitFor()
    // Removed from the keyboard, the chip leaves the focus on the filters' heading, not at the top of the page.
    await chip.focus()
    await page.keyboard.press('Space')
    await page.waitForFunction(() => !/open_at=/.test(location.search))
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('pv-filters__summary')
    // "Open now" is the other way to answer "when": ticking it clears the day.
    await page.locator('.pv-filters__summary').click()
    await when.getByLabel('Giorno', { exact: true }).selectOption(tomorrow)
    await page.waitForFunction(() => /open_at=/.test(location.search))
    await when.getByLabel('Solo aperti ora').check()
    await page.waitForFunction(() => /open_now=true/.test(location.search) && !/open_at=/.test(location.search))
    expect(await when.getByLabel('Giorno', { exact: true }).inputValue()).toBe('')
    await context.close()
  })

  it('says what went wrong when the API fails, and "Riprova" brings the results', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    let failures = 1
    await page.route('**/v1/points?**', (route) => (failures-- > 0 ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' }) : route.continue()))
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze`)
    const retry = page.getByRole('button', { name: 'Riprova' })
    await retry.waitFor()
    expect(await page.locator('.pv-count').textContent()).toBe('Non è stato possibile caricare i risultati (il servizio ha risposto con un errore).')
    await expectNoAxeViolations(page)
    // The filters' button counts nothing it does not have (it said "Mostra NaN risultati").
    const showResults = page.locator('.pv-filters__done')
    expect(await showResults.textContent()).toBe('Mostra i risultati')
    await retry.press('Enter')
    await page.locator('.pv-results .pv-result').first().waitFor()
    // The button went with the failure: the keyboard's place is the results' heading, not the page's start.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('pv-results__title')
    expect(await showResults.textContent()).toMatch(/^Mostra (più di )?\d+ risultat/)
    await context.close()
  })

  it('says it is searching while a slow connection answers, and gives up with "Riprova" when it never does', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.clock.install()
    // A connection that takes the request and never answers (a train's tunnel, a captive portal).
    await page.route('**/v1/places?**', () => {})
    await page.goto(`${baseUrl}/`)
    await page.getByLabel('Il tuo comune').fill('Bevagna')
    await page.getByRole('button', { name: 'Cerca', exact: true }).click()
    await page.locator('.pv-search__message', { hasText: 'Cerco «Bevagna»…' }).waitFor()
    await page.clock.runFor(30_000)
    await page.locator('.pv-search__message', { hasText: 'Non è stato possibile cercare il comune' }).waitFor()
    await page.unroute('**/v1/places?**')
    // A new search that is slow to answer: the earlier list, left on screen and inert meanwhile,
    // looks put aside (it looked as usual, and its links did nothing).
    await page.goto(`${baseUrl}/?near=42.933,12.617&place=Bevagna`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    // While more points load, the list above stays in use and at full contrast (only a new search's old list is put aside).
    await page.route('**/v1/points?**', () => {})
    await page.getByRole('button', { name: 'Mostra altri punti' }).click()
    await page.locator('.pv-list[aria-busy="true"]').first().waitFor()
    expect(await page.locator('.pv-list').first().evaluate((list) => getComputedStyle(list).opacity)).toBe('1')
    await page.unroute('**/v1/points?**')
    // "Mostra altri punti" failing says why beside its Riprova, at the foot of the list, not only at its top.
    await page.route('**/v1/points?**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' }))
    await page.getByRole('button', { name: 'Mostra altri punti' }).click()
    await page.locator('.pv-empty-help').getByRole('button', { name: 'Riprova' }).waitFor()
    expect(await page.locator('.pv-empty-help p').textContent()).toMatch(/^Non è stato possibile caricare i risultati/)
    await page.unroute('**/v1/points?**')
    await page.route('**/v1/points?**', () => {})
    await page.getByLabel('Il tuo comune').fill('Foligno')
    await page.getByRole('button', { name: 'Cerca', exact: true }).click()
    await page.locator('.pv-list[aria-busy="true"] .pv-result').first().waitFor()
    expect(Number(await page.locator('.pv-list').first().evaluate((list) => getComputedStyle(list).opacity))).toBeLessThan(0.6)
    await page.goto(`${baseUrl}/?near=42.933,12.617&place=Bevagna`)
    await page.locator('.pv-count', { hasText: 'Caricamento dei risultati…' }).waitFor()
    await page.clock.runFor(30_000)
    await page.getByRole('button', { name: 'Riprova' }).waitFor()
    expect(await page.locator('.pv-count').textContent()).toMatch(/^Non è stato possibile caricare i risultati/)
    await context.close()
  })

  it('says so when the nearest point open at the chosen time is far away, and offers the points closed then', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    // 8 December, a national holiday: around Montefalco nothing near is open.
    const openAt = '2026-12-08T10:00'
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=42.891,12.648&limit=1&open_at=${encodeURIComponent(openAtInstant(openAt))}`)).json()) as { items: Array<{ distance_m: number }> }
    expect(items[0]!.distance_m).toBeGreaterThan(30_000)
    await page.goto(`${baseUrl}/?near=42.891,12.648&place=Montefalco%20(PG)&open_at=${openAt}`)
    const notice = page.locator('.pv-far-notice')
    await notice.getByText(/^Il più vicino è a \d+ km da Montefalco \(PG\)\./).waitFor()
    expect(await notice.textContent()).toContain('prova un altro giorno o un\'altra ora')
    await notice.getByRole('button', { name: 'Mostra anche i punti chiusi' }).click()
    await page.waitForFunction(() => !/open_at=/.test(location.search))
    await expect.poll(() => notice.textContent()).toBe('')
    await context.close()
  })

  it('asks again, quietly, once a time the list shows has passed, and keeps the keyboard on its card', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    // The page's clock at the server's (which stays there): the list's times lie ahead of it.
    await page.clock.install({ time: E2E_NOW })
    const answers: Array<{ items: Array<{ id: string; closes_at: string | null; next_opening: string | null; site?: { closes_at: string | null; next_opening: string | null } }> }> = []
    const isList = (url: string) => /\/v1\/points\?/.test(url) && !url.includes('kind=online')
    let asked = 0
    page.on('request', (request) => void (isList(request.url()) && asked++))
    page.on('response', async (response) => {
      if (isList(response.url())) answers.push(await response.json())
    })
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await expect.poll(() => answers.length).toBe(1)
    const answeredAt = await page.evaluate(() => Date.now())
    const times = answers[0]!.items.flatMap((p) => [p.closes_at, p.next_opening, p.site?.closes_at, p.site?.next_opening]).filter((t): t is string => !!t).map(Date.parse).filter((t) => t > answeredAt)
    const second = page.locator('.pv-results .pv-result__link').nth(1)
    const secondId = await second.evaluate((a) => a.closest('[data-id]')!.getAttribute('data-id'))
    await second.focus()
    // A minute: nothing has passed, nothing is asked. (Jumps: the minute's check fires once, and a
    // request's own time limit is not run through while it travels.)
    await page.clock.fastForward(61_000)
    expect(asked).toBe(1)
    await page.clock.fastForward(Math.min(...times) - answeredAt)
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(2)
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-id]')?.getAttribute('data-id'))).toBe(secondId)
    // While "more" is on its way (a slow connection: held here), the check leaves it be: a refresh
    // would abort it.
    await page.route('**/v1/points?*cursor=*', () => {})
    await page.locator('.pv-more').click()
    await expect.poll(() => asked).toBe(3)
    const now = await page.evaluate(() => Date.now())
    const later = times.filter((t) => t > now)
    expect(later.length).toBeGreaterThan(0)
    await page.clock.fastForward(Math.min(...later) - now)
    // (Time for a request the check would have sent to show.)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(asked).toBe(3)
    await context.close()
  })

  it('keeps an open detail true too: its status line counts down to the closing, the keyboard left where it was', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.clock.install({ time: E2E_NOW })
    const answer = page.waitForResponse((r) => /\/v1\/points\?/.test(r.url()) && !r.url().includes('kind=online'))
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze`)
    const { items } = (await (await answer).json()) as { items: Array<{ id: string; name: string; open_now: boolean; closes_at: string | null; site?: { open_now: boolean; closes_at: string | null } }> }
    // A point open now whose shown site closes later today.
    const open = items.find((p) => (p.site ?? p).open_now && (p.site ?? p).closes_at !== null && Date.parse((p.site ?? p).closes_at!) - E2E_NOW.getTime() > 65 * 60_000)!
    const closesAt = Date.parse((open.site ?? open).closes_at!)
    await page.locator(`.pv-results [data-id="${open.id}"] .pv-result__link`).click()
    const status = page.locator('.pv-detail .pv-status')
    expect(await status.textContent()).toMatch(/^Aperto ora · chiude alle \d+:\d\d/)
    const title = page.locator('.pv-detail__title')
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
    // Twenty minutes before the closing: the page has been open for hours; the minute's check sees a closing near.
    await page.clock.fastForward(closesAt - 20 * 60_000 - E2E_NOW.getTime())
    await page.clock.fastForward(61_000)
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Aperto ora · chiude tra (19|20) min$/)
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true)
    await context.close()
  })

  it('says an embed\'s filter is not valid when the API refuses it (a comune code that names no comune), with no pointless "Riprova"', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/embed?comune=048099`)
    await page.locator('.pv-count', { hasText: /^Non è stato possibile fare questa ricerca: un filtro impostato per questa pagina non è valido\.$/ }).waitFor()
    expect(await page.getByRole('button', { name: 'Riprova' }).count()).toBe(0)
    await context.close()
  })
})
