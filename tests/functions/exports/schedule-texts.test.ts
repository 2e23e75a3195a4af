import { describe, expect, it } from 'vitest'
import { italianWeek, osmWeek } from '../../../functions/exports/schedule-texts.ts'
import { renderItalianHours } from '../../../shared/hours/italian-text.ts'
import { scheduleToOsm } from '../../../shared/hours/osm-write.ts'
import type { WeeklySchedule } from '../../../shared/schemas/hours.ts'

describe('the export files’ week texts, made once per distinct week', () => {
  it('give what the renderers give, for each week and holiday rule, however often asked', () => {
    const weeks: WeeklySchedule[] = [
      { mon: [{ open: '09:00', close: '13:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      { mon: [{ open: '09:00', close: '13:00' }], tue: [{ open: '15:00', close: '18:30' }], wed: [], thu: [], fri: [], sat: [], sun: [] },
      { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [{ open: '10:00', close: '12:00' }], sun: [] },
    ]
    for (let round = 0; round < 3; round++) {
      for (const week of weeks) {
        expect(italianWeek(week)).toBe(renderItalianHours(week))
        expect(osmWeek(week)).toBe(scheduleToOsm(week))
        expect(osmWeek(week, 'open')).toBe(scheduleToOsm(week, 'open'))
        expect(osmWeek(week, 'closed')).toBe(scheduleToOsm(week, 'closed'))
      }
    }
  })
})
