import { describe, expect, it } from 'vitest'
import { italianWeek, osmWeek } from '../../../functions/exports/schedule-texts.ts'
import { renderItalianHours } from '../../../shared/hours/italian-text.ts'
import { scheduleToOsm } from '../../../shared/hours/osm-write.ts'
import type { WeeklySchedule } from '../../../shared/schemas/hours.ts'

describe('the export files’ week texts, made once per distinct week', () => {
  it('give what the renderers give, for each week and holiday rule, however often asked', () => {
    const weeks: WeeklySchedule[] = [
      { mo: [{ start: '09:00', end: '13:00' }] },
      { mo: [{ start: '09:00', end: '13:00' }], tu: [{ start: '15:00', end: '18:30' }] },
      { sa: [{ start: '10:00', end: '12:00' }], su: [{ start: '10:00', end: '12:00' }] },
    ]
    for (let round = 0; round < 3; round++) {
      for (const week of weeks) {
        expect(italianWeek(week)).toBe(renderItalianHours(week))
        expect(osmWeek(week)).toBe(scheduleToOsm(week))
        expect(osmWeek(week, 'open')).toBe(scheduleToOsm(week, 'open'))
        expect(osmWeek(week, 'closed')).toBe(scheduleToOsm(week, 'closed'))
      }
    }
    // Not one text for every week: the key tells them apart.
    expect(new Set(weeks.map((w) => italianWeek(w))).size).toBe(weeks.length)
  })
})
