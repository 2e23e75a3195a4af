import { describe, expect, it } from 'vitest'
import { embedSettingsQuery, isAccentColour, parseEmbedSettings } from '../../../web/state/embed-settings.ts'

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

  it('drops an accent that is not #rrggbb and a list-only that is not true', () => {
    expect(parse('accent=red;background:url(x)&list-only=yes')).toEqual({ accent: null, listOnly: false })
    expect(isAccentColour('#0066CC')).toBe(true)
    expect(isAccentColour('#06c')).toBe(false)
    expect(isAccentColour(null)).toBe(false)
  })
})
