import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseItalianHours, renderItalianHours } from '../../../shared/hours/italian-text.ts'
import { canonicalSchedule } from './hours-fixtures.ts'

const slot = (start: string, end: string) => ({ start, end })
const same = (intervals: Array<{ start: string; end: string }>, ...days: string[]) => Object.fromEntries(days.map((d) => [d, intervals]))
const schedule = (text: string) => {
  const result = parseItalianHours(text)
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`)
  return result.schedule
}
const reason = (text: string): string => {
  const result = parseItalianHours(text)
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.schedule)}`)
  return result.reason
}

describe('parseItalianHours', () => {
  it('adds a later clause to the days it names: Lun-Ven … Mar e Gio …', () => {
    const morning = [slot('09:00', '13:00')]
    const both = [slot('09:00', '13:00'), slot('14:00', '16:00')]
    expect(schedule('Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:00')).toEqual({
      mo: morning, tu: both, we: morning, th: both, fr: morning,
    })
  })

  it('reads the hours before the days: Dalle ore 8:00 alle ore 14:30 dal lunedì al venerdì', () => {
    expect(schedule('Dalle ore 8:00 alle ore 14:30 dal lunedì al venerdì')).toEqual(same([slot('08:00', '14:30')], 'mo', 'tu', 'we', 'th', 'fr'))
  })

  it.each([
    ['martedì e giovedì 15-18', same([slot('15:00', '18:00')], 'tu', 'th')],
    ['lunedì 9-12 e 15-18', { mo: [slot('09:00', '12:00'), slot('15:00', '18:00')] }],
    ['Lun, Mer, Ven 9.00-12.30', same([slot('09:00', '12:30')], 'mo', 'we', 'fr')],
    ['dal lunedì al venerdì ore 9-13; sabato 9-12', { ...same([slot('09:00', '13:00')], 'mo', 'tu', 'we', 'th', 'fr'), sa: [slot('09:00', '12:00')] }],
    ["LUNEDI' h 09,00-12,00 / mercoledi h 15-18", { mo: [slot('09:00', '12:00')], we: [slot('15:00', '18:00')] }],
    ['Martedi, Giovedi: 9:30 - 12:30', same([slot('09:30', '12:30')], 'tu', 'th')],
    ['lun. e mer. dalle 9 alle 12, ven dalle 15 alle 18:00.', { mo: [slot('09:00', '12:00')], we: [slot('09:00', '12:00')], fr: [slot('15:00', '18:00')] }],
    ['dal Lunedì alla Domenica 10–12', same([slot('10:00', '12:00')], 'mo', 'tu', 'we', 'th', 'fr', 'sa', 'su')],
    ['il sabato dalle 9 alle 12 e dalle 15 alle 24', { sa: [slot('09:00', '12:00'), slot('15:00', '24:00')] }],
    ['lun-ven 9-13, mer chiuso', same([slot('09:00', '13:00')], 'mo', 'tu', 'th', 'fr')],
    ['lunedí 9-12', { mo: [slot('09:00', '12:00')] }],
  ])('reads %j', (text, expected) => {
    expect(schedule(text)).toEqual(expected)
  })

  it('reads a lone "chiuso" as never open', () => {
    expect(schedule('chiuso')).toEqual({})
  })

  it('refuses the two real Puglia texts cut at 60 characters, saying they look cut off', () => {
    const rows = readFileSync(new URL('../../fixtures/it_puglia_punti_facilitazione_sample3.csv', import.meta.url), 'utf8').split('\n')
    expect(rows[2]).toContain('Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:,')
    expect(reason('Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:')).toContain('looks cut off')
    expect(reason('Dalle ore 8:00 alle ore 14:30 dal lunedì al venerdì e dalle ')).toContain('looks cut off')
  })

  it.each([
    ['Presso la sede della Delegazione degli Uffici Demografici di', 'unknown word "presso"'],
    ['lunedì 9-12 mattina', 'unknown word "mattina"'],
    ['su appuntamento', 'unknown word "su"'],
    ['ven-lun 9-12', 'runs backwards'],
    ['lun 13-9', 'closing time that is not after the opening time'],
    ['lun 9-25', '"25" is not a time of day'],
    ['lun 9:75-12', '"9:75" is not a time of day'],
    ['lun 9-12,15-18', 'expected'],
    ['lun 9-12 mar', 'looks cut off'],
    ['lun 9-18.', 'looks cut off'],
    ['9-12', 'looks cut off'],
    ['sabato chiuso', 'only closed days'],
    ['lun 9 12', 'expected "-"'],
    ['lun 900-1200', 'not a time'],
    ['lun 9-12 ☎', 'unexpected "☎"'],
    ['constructor 9-12', 'unknown word "constructor"'],
    ['', 'empty'],
  ])('refuses %j rather than guess', (text, part) => {
    expect(reason(text)).toContain(part)
  })

  it('says where it stopped reading', () => {
    expect(reason('Lunedì 9-12, il pomeriggio 15-18')).toBe('unknown word "pomeriggio", near "Lunedì 9-12, il pomeriggio"')
  })
})

describe('renderItalianHours and parseItalianHours together', () => {
  it('round-trip: parseItalianHours(renderItalianHours(s)) gives back s', () => {
    fc.assert(
      fc.property(canonicalSchedule(), (s) => {
        expect(parseItalianHours(renderItalianHours(s))).toEqual({ ok: true, schedule: s })
      }),
      { numRuns: 300 },
    )
  })
})
