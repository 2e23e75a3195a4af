import type { Translate } from '../i18n/messages.ts'
import { HERE_PLACE, type LocatorState } from '../state/locator-state.ts'

/** "Punti più vicini a Firenze", "… alla tua posizione", or the plain title for a prefiltered list. */
export function resultsHeading(state: Pick<LocatorState, 'near' | 'place'>, t: Translate): string {
  if (!state.near) return t('results.title_all')
  if (!state.place) return t('results.title')
  return state.place === HERE_PLACE ? t('results.title_here') : t('results.title_near', { place: state.place })
}
