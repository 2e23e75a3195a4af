import { hasWeeklyHours } from '../geo/site-places.ts'
import type { PointDraft, PointRecord, Site } from '../schemas/point.ts'

/**
 * A site keeps the hours text its operator published (`opening_hours_source`, flagged
 * `opening_hours_unparsed` when nobody could read it) to show it as published. Once someone sets
 * the week by hand (the console's editor, a PUT of the API), that text no longer says the hours:
 * kept, it would be shown, exported and imported back over the corrected week. So a write that
 * changes a site's week and leaves its text as it was drops the text and the flag.
 */
export function withoutStaleHoursText(draft: PointDraft, stored: PointRecord): PointDraft {
  const before = new Map(stored.sites.map((site) => [site.id, site]))
  let changed = false
  const sites = draft.sites.map((site): Site => {
    const was = before.get(site.id)
    if (!was || site.opening_hours_source === undefined || site.opening_hours_source !== was.opening_hours_source) return site
    if (JSON.stringify(site.opening_hours ?? null) === JSON.stringify(was.opening_hours ?? null)) return site
    changed = true
    return withoutHoursText(site)
  })
  return changed ? { ...draft, sites } : draft
}

/**
 * The same rule for records stored before it (a week set by hand beside the flag left behind):
 * a site flagged unreadable that has a week shows the week. Applied where every published view is
 * made (buildSnapshot: the API, the pages, the exports, the locator), so none of them shows the
 * stale text while another shows the week. An import never stores a week beside the flag.
 */
export function withoutLeftoverHoursText(record: PointRecord): PointRecord {
  if (!record.sites.some(hasLeftoverHoursText)) return record
  return { ...record, sites: record.sites.map((site) => (hasLeftoverHoursText(site) ? withoutHoursText(site) : site)) }
}

const hasLeftoverHoursText = (site: Site): boolean => site.opening_hours_unparsed === true && hasWeeklyHours(site)

function withoutHoursText(site: Site): Site {
  const { opening_hours_source: _text, opening_hours_unparsed: _flag, ...rest } = site
  return rest
}
