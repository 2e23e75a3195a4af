import { describe, expect, it } from 'vitest'
import { openDataIndexHtml, readableSize } from '../../../functions/exports/open-data-index.ts'

const files = [
  { name: 'punti-facilitazione.csv', bytes: 4_218_000 },
  { name: 'dizionario-dati.csv', bytes: 950 },
  { name: 'altro-<file>.csv', bytes: 12_345 },
]

describe('the page at /opendata/', () => {
  it("dates the files by Rome's calendar, in Italian and English", () => {
    // 23:30 UTC on 30 November is already 1 December in Rome.
    const page = openDataIndexHtml({ files, builtAt: '2026-11-30T23:30:00.000Z', demo: { demoPoints: 0, points: 10 }, catalog: true })
    expect(page).toContain('<time datetime="2026-12-01">1° dicembre 2026</time>')
    expect(page).toContain('<time datetime="2026-12-01">1 December 2026</time>')
    expect(page).toContain('File aggiornati il <time datetime="2026-12-01">')
    // As every page's footer: the accessibility statement and the privacy page.
    expect(page).toContain('<a href="/accessibilita">Accessibilità</a> · <a href="/privacy">Privacy</a>')
    // Italian elides the article before eight and eleven ("il 8 dicembre" was on the page).
    expect(openDataIndexHtml({ files, builtAt: '2026-12-08T08:00:00.000Z', demo: { demoPoints: 0, points: 10 }, catalog: true })).toContain(`File aggiornati l’<time datetime="2026-12-08">8 dicembre 2026</time>`)
  })

  it('says whom to credit under CC BY 4.0, and that the comuni names and codes are ISTAT\'s', () => {
    const page = openDataIndexHtml({ files, builtAt: '2026-11-30T23:30:00.000Z', demo: { demoPoints: 10, points: 10 }, catalog: false })
    expect(page).toContain('citando la fonte, «Punti di facilitazione digitale – PuntoVicino»')
    expect(page).toContain('credit “Punti di facilitazione digitale – PuntoVicino”')
    expect(page.match(/ISTAT/g)).toHaveLength(2)
  })

  it('gives each size as a person reads it in each language, and escapes a name', () => {
    const page = openDataIndexHtml({ files, builtAt: '2026-12-07T08:00:00.000Z', demo: { demoPoints: 0, points: 10 }, catalog: true })
    expect(page).toContain('4,2 MB')
    expect(page).toContain('4.2 MB')
    expect(page).toContain('950 byte<')
    expect(page).toContain('950 bytes<')
    expect(page).toContain('12,3 kB')
    expect(page).toContain('href="altro-&lt;file&gt;.csv"')
    expect(page).not.toContain('<file>')
  })

  it('picks the unit after rounding', () => {
    expect(readableSize(999_950, 'it')).toBe('1,0 MB')
    expect(readableSize(999_949, 'en')).toBe('999.9 kB')
    expect(readableSize(1, 'en')).toBe('1 byte')
    expect(readableSize(1_250_000_000, 'it')).toBe('1,3 GB')
  })

  it('says a generated registry is not real, and names the catalogue only where it is published', () => {
    const real = openDataIndexHtml({ files, builtAt: '2026-12-07T08:00:00.000Z', demo: { demoPoints: 0, points: 10 }, catalog: false })
    expect(real).not.toMatch(/dimostrativo|demo registry/)
    expect(real).not.toContain('catalog.jsonld')
    const demo = openDataIndexHtml({ files, builtAt: '2026-12-07T08:00:00.000Z', demo: { demoPoints: 10, points: 10 }, catalog: true })
    expect(demo).toContain('Registro dimostrativo generato')
    expect(demo).toContain('Generated demo registry')
    expect(demo).toContain('href="catalog.jsonld"')
    expect(demo).toContain('href="catalog.ttl"')
  })
})
