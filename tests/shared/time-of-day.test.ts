import { describe, expect, it } from 'vitest'
import { minutesOfDay, timeOfDay } from '../../shared/vocabulary.ts'

describe('timeOfDay', () => {
  it('writes minutes since midnight as HH:MM, the inverse of minutesOfDay, 24:00 included', () => {
    expect(timeOfDay(0)).toBe('00:00')
    expect(timeOfDay(9 * 60 + 5)).toBe('09:05')
    expect(timeOfDay(1440)).toBe('24:00')
    for (let minutes = 0; minutes <= 1440; minutes++) expect(minutesOfDay(timeOfDay(minutes))).toBe(minutes)
  })
})
