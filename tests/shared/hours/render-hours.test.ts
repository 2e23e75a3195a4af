import { describe, expect, it } from 'vitest'
import { renderEnglishHours, renderItalianHours } from '../../../shared/hours/render-hours.ts'

const slot = (start: string, end: string) => ({ start, end })
const morning = [slot('09:00', '13:00')]
const both = [slot('09:00', '13:00'), slot('14:00', '16:00')]

describe('renderItalianHours', () => {
  it('layers shared hours when that is shorter: lun–ven 9:00–13:00; mar, gio 14:00–16:00', () => {
    expect(renderItalianHours({ mo: morning, tu: both, we: morning, th: both, fr: morning })).toBe('lun–ven 9:00–13:00; mar, gio 14:00–16:00')
  })

  it('groups days with identical hours into ranges and lists', () => {
    expect(renderItalianHours({ mo: morning, tu: morning, we: morning, th: morning, fr: morning, sa: [slot('09:00', '12:00')] })).toBe(
      'lun–ven 9:00–13:00; sab 9:00–12:00',
    )
    expect(renderItalianHours({ sa: both, su: both })).toBe('sab, dom 9:00–13:00, 14:00–16:00')
    expect(renderItalianHours({ mo: morning, we: [slot('15:00', '18:00')] })).toBe('lun 9:00–13:00; mer 15:00–18:00')
  })

  it('writes midnight as 0:00 and 24:00, and a schedule that never opens as chiuso', () => {
    expect(renderItalianHours({ fr: [slot('20:00', '24:00')], sa: [slot('00:00', '02:00')] })).toBe('ven 20:00–24:00; sab 0:00–2:00')
    expect(renderItalianHours({})).toBe('chiuso')
  })
})

describe('renderEnglishHours', () => {
  it('says the same in English', () => {
    expect(renderEnglishHours({ mo: morning, tu: both, we: morning, th: both, fr: morning })).toBe('Mon–Fri 9:00–13:00; Tue, Thu 14:00–16:00')
    expect(renderEnglishHours({ sa: morning, su: morning })).toBe('Sat, Sun 9:00–13:00')
    expect(renderEnglishHours({})).toBe('closed')
  })
})
