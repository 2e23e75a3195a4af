import { describe, expect, it } from 'vitest'
import { holidayNote } from '../../../web/detail/holiday-note.ts'
import { translator, loadMessages } from '../../../shared/i18n/messages.ts'

await loadMessages('en')

const it_ = translator('it')
const en = translator('en')
// Tuesday 8 December 2026 is the Immacolata; Tuesday 1 December is an ordinary day.
const HOLIDAY = '2026-12-08'
const ORDINARY = '2026-12-01'

describe('holidayNote', () => {
  it('says a site without a stated rule is closed on national holidays, the registry default', () => {
    expect(holidayNote({}, ORDINARY, it_)).toEqual({ rule: 'Chiuso nei giorni festivi nazionali', today: null, closedToday: false })
    expect(holidayNote({ public_holidays: 'closed' }, ORDINARY, en).rule).toBe('Closed on national public holidays')
  })

  it('says a site that opens on holidays is open on them too', () => {
    expect(holidayNote({ public_holidays: 'open' }, ORDINARY, it_).rule).toBe('Aperto anche nei festivi')
    expect(holidayNote({ public_holidays: 'open' }, ORDINARY, en).rule).toBe('Also open on public holidays')
  })

  it('marks today when it is a national holiday, closed unless the site opens on holidays', () => {
    expect(holidayNote({}, HOLIDAY, it_)).toEqual({ rule: 'Chiuso nei giorni festivi nazionali', today: 'oggi è festivo: chiuso', closedToday: true })
    expect(holidayNote({ public_holidays: 'open' }, HOLIDAY, it_)).toEqual({ rule: 'Aperto anche nei festivi', today: 'oggi è festivo: aperto', closedToday: false })
    expect(holidayNote({}, HOLIDAY, en).today).toBe('today is a public holiday: closed')
  })

  it('knows the movable holiday: Easter Monday 2027 is one, the day after is not', () => {
    expect(holidayNote({}, '2027-03-29', it_).closedToday).toBe(true)
    expect(holidayNote({}, '2027-03-30', it_).today).toBeNull()
  })
})
