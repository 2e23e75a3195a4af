import type { Translate } from './messages.ts'
import { localeOf, type Lang } from './langs.ts'

/** 350 m, 1,2 km, 15 km: round figures, the way people say distances (the locator's cards and the server's pages alike). */
export function formatDistance(metres: number, lang: Lang, t: Translate): string {
  if (metres < 1000) return t('results.distance_m', { n: Math.max(10, Math.round(metres / 10) * 10) })
  const km = metres < 10_000 ? Math.round(metres / 100) / 10 : Math.round(metres / 1000)
  return t('results.distance_km', { n: km.toLocaleString(localeOf(lang)) })
}
