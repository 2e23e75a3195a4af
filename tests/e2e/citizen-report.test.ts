import { describe, expect, inject, it } from 'vitest'
import { axeViolations, sharedBrowser, phoneContext, screenshot } from './support/browser.ts'

/**
 * Issue 11, the citizen's side: "Segnala un errore" on a point's detail, on a phone, with the
 * keyboard; the report's code is shown, and its state on a later visit.
 */
const baseUrl = inject('e2eBaseUrl')
const browser = sharedBrowser()

describe('a citizen reports an error on a phone', () => {
  it('opens the form from the detail, files a report with the keyboard, gets its code, and sees its state when coming back', async () => {
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=43.111,12.389&limit=1`)).json()) as { items: Array<{ id: string }> }
    const id = items[0]!.id
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia&point=${id}`)
    const toggle = page.getByRole('button', { name: 'Segnala un errore' })
    await toggle.waitFor()
    // Beside the hours, "Aggiungi al calendario" downloads the point's iCalendar file (issue 13).
    const calendar = await fetch(await page.getByRole('link', { name: 'Aggiungi al calendario' }).getAttribute('href') as string)
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(await calendar.text()).toContain('BEGIN:VEVENT')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.focus()
    await page.keyboard.press('Enter')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    // The first choice has the focus: arrows move through them, as radio buttons do.
    await page.keyboard.press('Space')
    expect(await page.getByRole('radio', { name: 'Gli orari' }).isChecked()).toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await page.getByLabel('Dettagli (facoltativo, al massimo 500 caratteri)').fill('Il sabato mattina è chiuso da novembre')
    await screenshot(page, 'report-form-phone')

    const filed = page.waitForResponse((r) => r.url().endsWith(`/v1/points/${id}/reports`) && r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click()
    const response = await filed
    expect(response.status()).toBe(201)
    const { id: reportId } = (await response.json()) as { id: string }
    await expect.poll(() => page.locator('.pv-report__status').textContent()).toBe(`Grazie, segnalazione inviata. Il suo codice è ${reportId}.`)
    expect(await page.locator('.pv-report__mine li').first().textContent()).toContain(`codice ${reportId}): in attesa di risposta`)
    // The form closed under the keyboard: the focus is back on the button that opened it, not at the top of the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Segnala un errore')
    expect(await axeViolations(page)).toEqual([])

    // Later, the same browser: the report and its state are listed on the point.
    await page.reload()
    await expect.poll(() => page.locator('.pv-report__mine li').first().textContent()).toContain(reportId)
    await context.close()
  })

  it('asks for what is wrong before sending, and sends nothing without it', async () => {
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=43.771,11.254&limit=1`)).json()) as { items: Array<{ id: string }> }
    const context = await phoneContext(browser())
    const page = await context.newPage()
    let posted = 0
    page.on('request', (r) => void (r.method() === 'POST' && posted++))
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze&point=${items[0]!.id}`)
    await page.getByRole('button', { name: 'Segnala un errore' }).click()
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click()
    expect(await page.getByRole('alert').filter({ hasText: 'Scegli che cosa non va.' }).count()).toBe(1)
    // The choices point at the message, which a screen reader reads with the group.
    expect(await page.getByRole('group', { name: 'Che cosa non va?' }).getAttribute('aria-describedby')).toBe(await page.getByRole('alert').filter({ hasText: 'Scegli che cosa non va.' }).getAttribute('id'))
    expect(posted).toBe(0)
    await context.close()
  })
})
