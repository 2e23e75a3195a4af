import { formatDate, withItalianArticle } from './format-date.ts'
import type { Lang } from './langs.ts'

/** A season bound: `2026-06-15` or the every-year `--06-15` → "15 giugno". */
function formatSeasonBound(bound: string, lang: Lang): string {
  const date = bound.startsWith('--') ? `2000-${bound.slice(2)}` : bound
  return formatDate(date, lang, bound.startsWith('--') ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' })
}

/**
 * A season as Italian says it, with the articled prepositions: "dal 15 giugno al 15 settembre",
 * "dall'8 giugno all'11 settembre", "dal 1° luglio"; English: "from 15 June to 15 September".
 */
export function seasonRange(from: string, to: string, lang: Lang): { from: string; to: string } {
  const a = formatSeasonBound(from, lang)
  const b = formatSeasonBound(to, lang)
  if (lang !== 'it') return { from: a, to: b }
  return { from: withItalianArticle(a, 'da'), to: withItalianArticle(b, 'a') }
}
