import type { PointView } from '../schemas/point-view.ts'
import { toRomeIso } from '../util/rome-iso.ts'
import { nextOpening, openingState, type HoursTarget } from './open-at.ts'

/**
 * open_now, closes_at and next_opening of a point or a site at `at`, in Europe/Rome: every view
 * says them alike, the API's answers and the page's own words for a site the answer did not
 * speak for.
 */
export function openingFields(target: HoursTarget, at: Date): Pick<PointView, 'open_now' | 'closes_at' | 'next_opening'> {
  const state = openingState(at)(target)
  const next = nextOpening(at)(target)
  return { open_now: state.open, closes_at: state.open ? toRomeIso(state.closesAt) : null, next_opening: next ? toRomeIso(next) : null }
}
