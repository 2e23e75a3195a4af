import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { translator, loadMessages } from '../../../shared/i18n/messages.ts'
import { mapLocale } from '../../../web/map/map-locale.ts'

await loadMessages('en')

/** The MapLibre build the page bundles: its default locale table holds every key `locale` can override. */
const maplibreBundle = readFileSync(createRequire(import.meta.url).resolve('maplibre-gl/dist/maplibre-gl.mjs'), 'utf8')

describe('mapLocale', () => {
  it('gives the Italian page Italian cooperative-gesture help and navigation titles', () => {
    const locale = mapLocale(translator('it'))
    expect(locale['CooperativeGesturesHandler.WindowsHelpText']).toBe('Usa Ctrl + rotellina per ingrandire o ridurre la mappa')
    expect(locale['CooperativeGesturesHandler.MobileHelpText']).toBe('Usa due dita per spostare la mappa')
    expect(locale['NavigationControl.ZoomIn']).toBe('Ingrandisci')
    expect(locale['NavigationControl.ZoomOut']).toBe('Riduci')
    // The attribution's toggle too: it said "Toggle attribution" on an Italian page (WCAG 3.1.2).
    expect(locale['AttributionControl.ToggleAttribution']).toBe('Mostra o nascondi le fonti della mappa')
  })

  it('keeps English for lang=en', () => {
    expect(mapLocale(translator('en'))['CooperativeGesturesHandler.WindowsHelpText']).toBe('Use Ctrl + scroll to zoom the map')
  })

  it("uses only keys that MapLibre's locale table defines, so none is silently ignored", () => {
    for (const key of Object.keys(mapLocale(translator('it')))) expect(maplibreBundle).toContain(key)
  })
})
