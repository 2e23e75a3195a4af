import { describe, expect, it } from 'vitest'
import { contrastWithWhite, embedSettingsQuery, isAccentColour, listOnlyGiven, parseEmbedSettings } from '../../../web/state/embed-settings.ts'

const parse = (query: string) => parseEmbedSettings(new URLSearchParams(query))

describe('the embed settings in its URL', () => {
  it('reads the accent and list-only mode the host chose, and writes them back the same', () => {
    const settings = parse('region=09&accent=%238a1538&list-only=true&open_now=true')
    expect(settings).toEqual({ accent: '#8a1538', listOnly: true })
    expect(embedSettingsQuery(settings).toString()).toBe('accent=%238a1538&list-only=true')
    expect(parse(embedSettingsQuery(settings).toString())).toEqual(settings)
  })

  it('writes nothing for the defaults', () => {
    expect(embedSettingsQuery(parse('region=09')).toString()).toBe('')
  })

  it('drops an accent that is not #rrggbb, and reads list-only as the element reads its attribute: given is on, unless false, 0 or no', () => {
    expect(parse('accent=red;background:url(x)')).toEqual({ accent: null, listOnly: false })
    // `/embed?list-only` showed the map without a word, where `<puntovicino-locator list-only>` hides it.
    for (const on of ['list-only', 'list-only=', 'list-only=true', 'list-only=TRUE', 'list-only=1', 'list-only=yes', 'list-only=si']) expect(parse(on).listOnly, on).toBe(true)
    for (const off of ['', 'list-only=false', 'list-only=0', 'list-only=no', 'list-only=False']) expect(parse(off).listOnly, off).toBe(false)
    expect(listOnlyGiven('')).toBe(true)
    expect(listOnlyGiven(null)).toBe(false)
    expect(isAccentColour('#0066CC')).toBe(true)
    expect(isAccentColour('#06c')).toBe(false)
    expect(isAccentColour(null)).toBe(false)
  })

  it('drops an accent too light to carry text on white or white text on it (WCAG 1.4.3: 4.5:1)', () => {
    expect(parse('accent=%23ffcc00')).toEqual({ accent: null, listOnly: false })
    expect(isAccentColour('#ffcc00')).toBe(false)
    // #767676 is the lightest grey with 4.5:1 on white; #777777 just misses it.
    expect(isAccentColour('#767676')).toBe(true)
    expect(isAccentColour('#777777')).toBe(false)
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5)
  })
})
