import { localeOf, type Lang } from './langs.ts'

/** A calendar date (YYYY-MM-DD, a Rome date) in words: "giovedì 28 novembre". */
export function formatDate(date: string, lang: Lang, options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' }): string {
  // The date is already Rome's; format it at UTC midnight so no zone can shift the day.
  const formatted = new Intl.DateTimeFormat(localeOf(lang), { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
  if (lang === 'sl') return withSloveneGenitive(formatted)
  // French writes the first of the month as an ordinal: "1er décembre" (Intl writes "1 décembre").
  return lang === 'fr' ? formatted.replace(/(^|\s)1(?=\s\p{L})/u, '$11er') : formatted
}

/** Slovene months after a day take the genitive: "13. decembra" (Intl writes the nominative, "13. december"). */
const SLOVENE_MONTH_GENITIVE: Readonly<Record<string, string>> = {
  januar: 'januarja', februar: 'februarja', marec: 'marca', april: 'aprila', maj: 'maja', junij: 'junija',
  julij: 'julija', avgust: 'avgusta', september: 'septembra', oktober: 'oktobra', november: 'novembra', december: 'decembra',
}
const withSloveneGenitive = (text: string): string => text.replace(/(\d{1,2}\. )([a-z]+)/, (whole, day: string, month: string) => `${day}${SLOVENE_MONTH_GENITIVE[month] ?? month}`)

/** An Italian preposition that joins the article before a date: a → al/all', da → dal/dall', di → del/dell'. */
export type DatePreposition = 'a' | 'da' | 'di'

/**
 * An Italian date written from its day ("8 dicembre 2026") with the article it takes, joined to a
 * preposition when one leads: "il 15", "l'8", "l'11", "il 1°"; "al 15", "all'8", "dell'11", "dal 1°".
 * Without it the pages wrote "apre il 8 dicembre" and the statistics "aggiornati al 8 dicembre".
 */
export function withItalianArticle(dayFirst: string, preposition?: DatePreposition): string {
  return `${italianArticle(Number.parseInt(dayFirst, 10), preposition)}${dayFirst.replace(/^1(?=\s)/, '1°')}`
}

/** The article (with its preposition) before an Italian date of day `day`: "il ", "l'" (8, 11), "al ", "all'", "dell'"… */
export function italianArticle(day: number, preposition?: DatePreposition): string {
  const elided = day === 8 || day === 11
  if (preposition === undefined) return elided ? "l'" : 'il '
  const joined = { a: 'al', da: 'dal', di: 'del' }[preposition]
  return elided ? `${joined}l'` : `${joined} `
}

/**
 * A date to follow a verb or a preposition, with Italian's article: "il 15 dicembre", "l'8
 * dicembre", "all'8 dicembre" (other languages need none: "15 December"; their messages hold their
 * own words around it).
 */
export function dateAfterVerb(date: string, lang: Lang, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' }, preposition?: DatePreposition): string {
  const formatted = formatDate(date, lang, options)
  return lang === 'it' ? withItalianArticle(formatted, preposition) : formatted
}
