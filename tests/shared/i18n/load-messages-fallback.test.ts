import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.doUnmock('../../../shared/i18n/messages/fr.json')
  vi.restoreAllMocks()
  vi.resetModules()
})

describe('loadMessagesOrItalian', () => {
  it("gives back the language asked for once its strings arrive, and Italian, with a warning, when they cannot (a failed chunk), so a page is drawn rather than left blank", async () => {
    vi.resetModules()
    vi.doMock('../../../shared/i18n/messages/fr.json', () => {
      throw new Error('offline')
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { loadMessagesOrItalian, translator } = await import('../../../shared/i18n/messages.ts')
    expect(await loadMessagesOrItalian('de', 'page')).toBe('de')
    expect(translator('de')('app.title')).toBeTruthy()
    expect(await loadMessagesOrItalian('fr', 'point page')).toBe('it')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the fr strings did not arrive; the point page is drawn in Italian'), expect.anything())
    expect(() => translator('fr')).toThrow()
  })
})
