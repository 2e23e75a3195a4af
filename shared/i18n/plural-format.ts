import { localeOf, type Lang } from './langs.ts'

/**
 * Fills a message's placeholders: `{name}` with its value, and ICU MessageFormat's plural form
 * `{count, plural, one {# punto} other {# punti}}` with the branch the language's plural rules
 * (Intl.PluralRules: Slovene has one, two, few and other; French counts 0 as one) choose for
 * the value, `=N` first, `other` when the category has no branch, `#` the number as the
 * language writes it. Unknown placeholders stay visible, so a gap shows up in review.
 */
export function formatMessage(template: string, lang: Lang, params?: Record<string, string | number>): string {
  if (!params) return template
  let out = ''
  let i = 0
  while (i < template.length) {
    const open = template.indexOf('{', i)
    if (open < 0) break
    out += template.slice(i, open)
    const close = matchingBrace(template, open)
    const body = template.slice(open + 1, close)
    out += placeholder(body, lang, params) ?? template.slice(open, close + 1)
    i = close + 1
  }
  return out + template.slice(i)
}

function matchingBrace(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  throw new Error(`message: unbalanced braces in ${JSON.stringify(text)}`)
}

const pluralRules = new Map<Lang, Intl.PluralRules>()
const numberFormats = new Map<Lang, Intl.NumberFormat>()

function placeholder(body: string, lang: Lang, params: Record<string, string | number>): string | undefined {
  const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(body)
  if (!plural) return /^\w+$/.test(body) && body in params ? plainValue(params[body]!, lang) : undefined
  const [, name, branchesText] = plural as unknown as [string, string, string]
  if (!(name in params)) return undefined
  const value = Number(params[name])
  const branches = pluralBranches(branchesText)
  const rules = pluralRules.get(lang) ?? pluralRules.set(lang, new Intl.PluralRules(localeOf(lang))).get(lang)!
  const chosen = branches.get(`=${value}`) ?? branches.get(rules.select(value)) ?? branches.get('other')
  if (chosen === undefined) throw new Error(`message: the plural of ${name} has no "other" branch`)
  const number = (numberFormats.get(lang) ?? numberFormats.set(lang, new Intl.NumberFormat(localeOf(lang))).get(lang)!).format(value)
  // `#` first: a value filled in afterwards may hold a # of its own.
  return formatMessage(chosen.replaceAll('#', number), lang, params)
}

const decimalFormats = new Map<Lang, Intl.NumberFormat>()

/**
 * A filled-in value: a fraction with the language's decimal mark ("20,5 ore"); a whole number as
 * it is, ungrouped, since it may be a year or a code ("dal 2026", not "dal 2.026").
 */
function plainValue(value: string | number, lang: Lang): string {
  if (typeof value !== 'number' || Number.isInteger(value)) return String(value)
  const format = decimalFormats.get(lang) ?? decimalFormats.set(lang, new Intl.NumberFormat(localeOf(lang), { useGrouping: false, maximumFractionDigits: 2 })).get(lang)!
  return format.format(value)
}

/** `one {…} other {…}` → its branches by selector; exported for the catalogues' test. */
export function pluralBranches(text: string): Map<string, string> {
  const branches = new Map<string, string>()
  let i = 0
  while (i < text.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i))
    if (!selector) {
      if (text.slice(i).trim() === '') break
      throw new Error(`message: cannot read the plural branches ${JSON.stringify(text)}`)
    }
    const open = i + selector[0].length - 1
    const close = matchingBrace(text, open)
    branches.set(selector[1]!, text.slice(open + 1, close))
    i = close + 1
  }
  return branches
}
