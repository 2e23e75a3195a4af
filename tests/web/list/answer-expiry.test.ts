import { describe, expect, it } from 'vitest'
import type { PointView } from '../../../shared/schemas/point-view.ts'
import { answerOutdated, RECOUNT_EVERY_MS } from '../../../web/list/answer-expiry.ts'

const at = (time: string) => Date.parse(`2026-12-07T${time}:00+01:00`)
const iso = (time: string) => `2026-12-07T${time}:00+01:00`
/** The fields the expiry reads, of a point and of the site it shows. */
const point = (fields: Partial<Pick<PointView, 'open_now' | 'closes_at' | 'next_opening'>>, site?: Partial<Pick<PointView, 'open_now' | 'closes_at' | 'next_opening'>>) =>
  ({ open_now: false, closes_at: null, next_opening: null, ...fields, ...(site ? { site: { open_now: false, closes_at: null, next_opening: null, ...site } } : {}) }) as unknown as PointView

describe('whether the list on screen is outdated', () => {
  it('is, once a closing or an opening it shows has passed, of a point or of its shown site', () => {
    const answer = [point({ open_now: true, closes_at: iso('13:00') }), point({ next_opening: iso('15:00') }, { next_opening: iso('14:30') })]
    expect(answerOutdated(answer, at('10:00'), at('11:00'))).toBe(false)
    expect(answerOutdated(answer, at('10:00'), at('13:00'))).toBe(true)
    expect(answerOutdated([answer[1]!], at('10:00'), at('14:29'))).toBe(false)
    expect(answerOutdated([answer[1]!], at('10:00'), at('14:30'))).toBe(true)
  })

  it('is, every few minutes, while a status counts the minutes to a closing', () => {
    const closingSoon = [point({ open_now: true, closes_at: iso('10:40') })]
    expect(answerOutdated(closingSoon, at('10:00'), at('10:00') + RECOUNT_EVERY_MS - 1)).toBe(false)
    expect(answerOutdated(closingSoon, at('10:00'), at('10:00') + RECOUNT_EVERY_MS)).toBe(true)
    // Closing hours away: "chiude alle 18:00" stays true.
    expect(answerOutdated([point({ open_now: true, closes_at: iso('18:00') })], at('10:00'), at('10:30'))).toBe(false)
  })

  it('is not for times already past when the answer came (a phone whose clock runs ahead): no request every minute', () => {
    expect(answerOutdated([point({ open_now: true, closes_at: iso('13:00') })], at('14:00'), at('14:03'))).toBe(false)
    expect(answerOutdated([], at('10:00'), at('23:00'))).toBe(false)
  })
})
