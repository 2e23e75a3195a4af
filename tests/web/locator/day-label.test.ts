import { describe, expect, it } from 'vitest'
import { loadMessages, translator } from '../../../shared/i18n/messages.ts'
import { dayLabel } from '../../../web/locator/filter-controls.ts'

await loadMessages('en')

describe('the days offered by "Quando puoi andarci"', () => {
  const italian = { t: translator('it'), lang: 'it' as const }
  it('says today and tomorrow, and marks a national holiday, when most points are closed', () => {
    expect(dayLabel('2026-12-07', '2026-12-07', italian)).toBe('oggi, lunedì 7 dicembre')
    expect(dayLabel('2026-12-08', '2026-12-07', italian)).toBe('domani, martedì 8 dicembre (festivo)')
    expect(dayLabel('2026-12-25', '2026-12-20', italian)).toBe('venerdì 25 dicembre (festivo)')
    expect(dayLabel('2026-12-09', '2026-12-07', italian)).toBe('mercoledì 9 dicembre')
    expect(dayLabel('2026-12-08', '2026-12-07', { t: translator('en'), lang: 'en' })).toBe('tomorrow, Tuesday 8 December (public holiday)')
  })
})
