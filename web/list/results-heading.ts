import type { Translate } from '../../shared/i18n/messages.ts'
import { provinceName } from '../../shared/gazetteer/admin-units.ts'
import { regionName } from '../locator/region-words.ts'
import { HERE_PLACE, type LocatorState } from '../state/locator-state.ts'

/**
 * "Punti più vicini a Firenze", "… alla tua posizione", or the title of a prefiltered list, naming
 * its comune (when its name is known: the state holds its code), province or region.
 */
export function resultsHeading(state: Pick<LocatorState, 'near' | 'place' | 'region' | 'province'>, t: Translate, comuneName: string | null = null): string {
  if (!state.near) {
    if (comuneName) return t('results.title_comune', { comune: comuneName })
    const province = provinceName(state.province)
    if (province) return t('results.title_province', { province })
    const region = regionName(state.region)
    return region ? t('results.title_region', { region }) : t('results.title_all')
  }
  if (!state.place) return t('results.title')
  return state.place === HERE_PLACE ? t('results.title_here') : t('results.title_near', { place: state.place })
}
