import { seasonCovers } from '../../shared/hours/open-at.ts'
import type { Site } from '../../shared/schemas/point.ts'
import type { PointView } from '../../shared/schemas/point-view.ts'

/** Why a site's week must not present today's row as usable: nobody is there, or the season is not now. */
export type WeekCaveat = 'inactive' | 'out_of_season'

/** `null` when today's row may be shown as today's hours; else the reason it may not. */
export function weekCaveat(point: Pick<PointView, 'status'>, site: Site, today: string): WeekCaveat | null {
  if (point.status !== 'active') return 'inactive'
  return seasonCovers(site, today) ? null : 'out_of_season'
}
