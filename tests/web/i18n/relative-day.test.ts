import { describe, expect, it } from 'vitest'
import { translator, loadMessages } from '../../../shared/i18n/messages.ts'
import { dayWords, relativeDay } from '../../../web/i18n/relative-day.ts'

await loadMessages('en')

const today = '2026-12-01' // a Tuesday

describe('relativeDay', () => {
  it('names today, tomorrow, a weekday within six days, and a date beyond or before', () => {
    expect(relativeDay('2026-12-01', today).kind).toBe('today')
    expect(relativeDay('2026-12-02', today).kind).toBe('tomorrow')
    expect(relativeDay('2026-12-07', today).kind).toBe('weekday')
    expect(relativeDay('2026-12-08', today).kind).toBe('date')
    expect(relativeDay('2026-11-30', today).kind).toBe('date')
  })
})

describe('dayWords', () => {
  it('words the day alone in Italian and English', () => {
    expect(dayWords('2026-12-01', today, 'it', translator('it'))).toBe('oggi')
    expect(dayWords('2026-12-02', today, 'en', translator('en'))).toBe('tomorrow')
    expect(dayWords('2026-12-04', today, 'it', translator('it'))).toBe('venerdì')
    expect(dayWords('2026-12-15', today, 'it', translator('it'))).toBe('martedì 15 dicembre')
  })
})
