import { describe, expect, it } from 'vitest'
import { inputTime, nextSlot, storedTime } from '../../../web/console/slot-times.ts'

describe("the console's time fields", () => {
  // <input type="time"> holds 00:00–23:59: a slot ending at midnight (24:00) showed an empty "alle".
  it('show an end at midnight as 00:00 and store 00:00 as an end as 24:00; a start stays as it is', () => {
    expect(inputTime('24:00')).toBe('00:00')
    expect(inputTime('18:30')).toBe('18:30')
    expect(storedTime('00:00', 'end')).toBe('24:00')
    expect(storedTime('00:00', 'start')).toBe('00:00')
    expect(storedTime('13:00', 'end')).toBe('13:00')
  })

  // "Aggiungi una fascia" started a slot of no length at the previous one's end, which the API refuses.
  it('add a slot of some length after the last one, within the day', () => {
    expect(nextSlot([])).toEqual({ start: '09:00', end: '13:00' })
    expect(nextSlot([{ start: '09:00', end: '13:00' }])).toEqual({ start: '14:00', end: '17:00' })
    expect(nextSlot([{ start: '15:00', end: '22:30' }])).toEqual({ start: '23:00', end: '24:00' })
    for (const last of ['23:30', '24:00']) {
      const slot = nextSlot([{ start: '20:00', end: last }])
      expect(slot.end > slot.start || slot.end === '24:00').toBe(true)
    }
  })
})
