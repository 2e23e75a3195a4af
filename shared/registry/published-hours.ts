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
    const { opening_hours_source: _text, opening_hours_unparsed: _flag, ...rest } = site
    return rest
  })
  return changed ? { ...draft, sites } : draft
}
