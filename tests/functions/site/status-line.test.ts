import { describe, expect, it } from 'vitest'
import type { PointPageContext } from '../../../functions/site/pages/point-page.ts'
import { statusLine } from '../../../functions/site/pages/status-line.ts'
import { loadPagesTranslator } from '../../../functions/site/pages/page-messages.ts'
import { buildPoint, buildSite } from '../../shared/hours/hours-fixtures.ts'

const t = await loadPagesTranslator('it')
const context = (now: string): PointPageContext => ({ lang: 'it', t, origin: 'https://puntovicino.example', now: new Date(now), comuneName: (c) => c.name })
const text = (html: { toString(): string }) => String(html).replace(/<[^>]+>/g, '').replaceAll('&#39;', "'").trim()

describe("the server page's status line", () => {
  it('names the day of a closing that is not today, and calls a closing at 00:00 the end of the day before', () => {
    // Open round the clock until a holiday: on Monday 26 October it closes when Saturday 31 ends (1 November is a holiday).
    const roundTheClock = buildPoint([buildSite({ opening_hours: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) })])
    expect(text(statusLine(roundTheClock, context('2026-10-26T12:00:00+01:00')))).toBe('Aperto ora · chiude sabato 31 ottobre alle 24:00')
    // Open until midnight today: "alle 24:00", today.
    const evening = buildPoint([buildSite({ opening_hours: { mo: [{ start: '18:00', end: '24:00' }] } })])
    expect(text(statusLine(evening, context('2026-12-07T20:00:00+01:00')))).toBe('Aperto ora · chiude alle 24:00')
    // Open past midnight: tomorrow's closing is named (not on the 7th: the 8th is a holiday).
    const night = buildPoint([buildSite({ opening_hours: { mo: [{ start: '18:00', end: '24:00' }], tu: [{ start: '00:00', end: '02:00' }] } })])
    expect(text(statusLine(night, context('2026-12-14T20:00:00+01:00')))).toBe('Aperto ora · chiude martedì 15 dicembre alle 2:00')
  })

  it("names the site it speaks of when the point has several: open at a site in another comune is not open at the library the page shows first", () => {
    const library = buildSite({ id: 'biblioteca', label: 'Biblioteca civica di Montefalco', opening_hours: { mo: [{ start: '08:30', end: '13:00' }], we: [{ start: '08:30', end: '13:00' }] } })
    const hall = buildSite({ id: 'sala', label: 'Sala polivalente', comune: { istat: '054022', name: "Giano dell'Umbria" }, opening_hours: { mo: [{ start: '14:30', end: '18:30' }] } })
    const point = buildPoint([library, hall], { comune: { istat: '054030', name: 'Montefalco' } })
    expect(text(statusLine(point, context('2026-12-07T18:10:00+01:00')))).toBe("Aperto ora · chiude alle 18:30 · Sala polivalente, Giano dell'Umbria")
    expect(text(statusLine(point, context('2026-12-07T19:00:00+01:00')))).toBe('Chiuso ora · apre mercoledì 9 dicembre alle 8:30 · Biblioteca civica di Montefalco')
    // Back to back: the hall until 18:30, the library from 18:30. The line names the site open now with its own closing.
    const evening = buildSite({ id: 'biblioteca', label: 'Biblioteca civica di Montefalco', opening_hours: { mo: [{ start: '18:30', end: '20:00' }] } })
    expect(text(statusLine(buildPoint([hall, evening]), context('2026-12-07T18:10:00+01:00')))).toBe("Aperto ora · chiude alle 18:30 · Sala polivalente, Giano dell'Umbria")
    // One site: nothing to tell apart.
    expect(text(statusLine(buildPoint([hall]), context('2026-12-07T18:10:00+01:00')))).toBe('Aperto ora · chiude alle 18:30')
  })
})
