import type { Site } from '../../shared/schemas/point.ts'
import type { PointView } from '../../shared/schemas/point-view.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/**
 * The hours of a site as its operator published them, when the registry could not read them:
 * the site's own source text, else the point's hours text. `null` for a site whose hours were read
 * (its week is shown instead) or that published none.
 */
export function publishedHours(point: Pick<PointView, 'opening_hours_text' | 'opening_hours_text_en'>, site: Site, lang: Lang): string | null {
  if (!site.opening_hours_unparsed) return null
  const text = site.opening_hours_source?.trim() || (lang === 'en' ? point.opening_hours_text_en : point.opening_hours_text).trim()
  return text || null
}
