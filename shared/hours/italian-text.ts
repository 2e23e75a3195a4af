import { WEEKDAYS } from '../vocabulary.ts'
import type { WeeklySchedule, Weekday } from '../schemas/hours.ts'
import { scheduleFromDayMinutes, type MinuteInterval } from './normalize-schedule.ts'

export { renderEnglishHours, renderItalianHours } from './render-hours.ts'

/**
 * Italian free-text opening hours, as the regions publish them:
 * `Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:00`,
 * `Dalle ore 8:00 alle ore 14:30 dal lunedì al venerdì`, `lunedì 9-12 e 15-18`, …
 *
 * A tokenizer turns the text into days, times and a few known words; a small recursive-descent
 * grammar reads clauses of days and times. Anything the grammar does not account for (an
 * unknown word, a text cut off mid-time, a backwards range) fails with a reason: a wrong
 * schedule sends people to a closed door, an unparsed one only shows the original text.
 *
 * Clauses add up, as in the published texts: `lun-ven 9-13 mar e gio 14-16` gives Tuesday
 * 9–13 and 14–16. Days said to be `chiuso` are closed whatever other clauses say.
 *
 * Grammar (`sep` is `,` `;` `/` `.` `e` `ed`; one may close the text):
 *   text     := clause (sep? clause)* | 'chiuso'
 *   clause   := days ':'? (times | 'chiuso') | times days
 *   days     := dayItem (sep dayItem)*
 *   dayItem  := ('il'|'la')? DAY (DASH DAY)? | ('dal'|'da') DAY ('al'|'alla'|'a') DAY | 'tutti' 'i' 'giorni'
 *   times    := range (sep range)*
 *   range    := 'dalle' MARK? TIME ('alle'|'a') MARK? TIME | MARK? TIME DASH MARK? TIME
 *   MARK     := 'ore' | 'h'
 *   TIME     := 9 | 9:00 | 9.00 | 09,00 (hours 0–24)
 */

export type ItalianHoursParse = { ok: true; schedule: WeeklySchedule } | { ok: false; reason: string }

type Token =
  | { kind: 'day'; day: Weekday; at: number }
  | { kind: 'time'; minutes: number; at: number }
  | { kind: 'word'; word: string; at: number }
  | { kind: 'dash' | 'sep' | 'colon'; text: string; at: number }

// A Map, not an object literal: a word like "constructor" must not find an inherited entry.
const DAY_NAMES = new Map<string, Weekday>([
  ['lunedi', 'mo'], ['lun', 'mo'],
  ['martedi', 'tu'], ['mar', 'tu'],
  ['mercoledi', 'we'], ['mer', 'we'],
  ['giovedi', 'th'], ['gio', 'th'],
  ['venerdi', 'fr'], ['ven', 'fr'],
  ['sabato', 'sa'], ['sab', 'sa'],
  ['domenica', 'su'], ['dom', 'su'],
])
const WORDS = new Set(['dalle', 'alle', 'dal', 'da', 'al', 'alla', 'a', 'ore', 'h', 'e', 'ed', 'il', 'la', 'tutti', 'i', 'giorni', 'chiuso', 'chiusa', 'chiusi', 'chiuse'])
const CLOSED_WORDS = new Set(['chiuso', 'chiusa', 'chiusi', 'chiuse'])
const LIST_WORDS = new Set(['e', 'ed'])

class ParseFailure extends Error {}

/** Accents off and lower case; NFC first so every character keeps its position in the original. */
const foldForMatching = (nfcText: string): string =>
  nfcText.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

const TIME = /(\d{1,2})(?:[:.,](\d{2}))?/y
const WORD = /\p{L}+/uy

function tokenize(folded: string, fail: (at: number, message: string) => never): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < folded.length) {
    const ch = folded[i] as string
    if (/\s/.test(ch)) {
      i++
      continue
    }
    TIME.lastIndex = i
    WORD.lastIndex = i
    const time = TIME.exec(folded)
    if (time) {
      const end = TIME.lastIndex
      if (/\d/.test(folded[end] ?? '')) fail(i, 'a number that is not a time')
      // "alle 16:" is how a text cut at a fixed length ends: never read it as 16:00.
      if (time[2] === undefined && /^[:.,]\d?\s*$/.test(folded.slice(end))) fail(i, 'an incomplete time at the end: the text looks cut off')
      const [hours, minutes] = [Number(time[1]), time[2] === undefined ? 0 : Number(time[2])]
      if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) fail(i, `"${time[0]}" is not a time of day`)
      tokens.push({ kind: 'time', minutes: hours * 60 + minutes, at: i })
      i = end
      continue
    }
    const word = WORD.exec(folded)
    if (word) {
      let end = WORD.lastIndex
      const text = word[0]
      if (folded[end] === "'") end++ // lunedi' : the typewriter accent
      const day = DAY_NAMES.get(text)
      if (day) {
        if (folded[end] === '.') end++ // lun. : an abbreviation
        tokens.push({ kind: 'day', day, at: i })
      } else if (WORDS.has(text)) tokens.push({ kind: 'word', word: text, at: i })
      else fail(i, `unknown word "${text}"`)
      i = end
      continue
    }
    if ('-–—'.includes(ch)) tokens.push({ kind: 'dash', text: ch, at: i })
    else if (',;/.'.includes(ch)) tokens.push({ kind: 'sep', text: ch, at: i })
    else if (ch === ':') tokens.push({ kind: 'colon', text: ch, at: i })
    else fail(i, `unexpected "${ch}"`)
    i++
  }
  return tokens
}

/** Reads the token list; each method consumes what it recognises or throws a ParseFailure. */
class HoursGrammar {
  private position = 0
  readonly hours = new Map<Weekday, MinuteInterval[]>()
  readonly closed = new Set<Weekday>()

  constructor(
    private readonly tokens: readonly Token[],
    private readonly fail: (at: number, message: string) => never,
    private readonly textLength: number,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset]
  }

  private isWord(token: Token | undefined, ...words: string[]): boolean {
    return token?.kind === 'word' && words.includes(token.word)
  }

  private failHere(expected: string): never {
    const token = this.peek()
    if (!token) this.fail(this.textLength, `the text ends where ${expected} should follow: it looks cut off`)
    this.fail(token.at, `expected ${expected}`)
  }

  private isSeparator(token: Token | undefined): boolean {
    return token?.kind === 'sep' || (token?.kind === 'word' && LIST_WORDS.has(token.word))
  }

  private startsDays(offset = 0): boolean {
    const token = this.peek(offset)
    if (token?.kind === 'day') return true
    if (this.isWord(token, 'il', 'la')) return this.peek(offset + 1)?.kind === 'day'
    return this.isWord(token, 'dal', 'da', 'tutti')
  }

  private startsRange(offset = 0): boolean {
    const token = this.peek(offset)
    return token?.kind === 'time' || this.isWord(token, 'dalle', 'ore', 'h')
  }

  parseText(): void {
    if (this.tokens.length === 1 && this.isWord(this.peek(), ...CLOSED_WORDS)) return
    this.parseClause()
    while (this.peek()) {
      // A closing "." or ";" ends the text, it does not start a clause.
      if (this.peek()?.kind === 'sep' && this.position === this.tokens.length - 1) return
      if (this.isSeparator(this.peek()) && (this.startsDays(1) || this.startsRange(1))) this.position++
      this.parseClause()
    }
  }

  private parseClause(): void {
    if (this.startsDays()) {
      const days = this.parseDays()
      if (this.peek()?.kind === 'colon') this.position++
      const next = this.peek()
      if (next?.kind === 'word' && CLOSED_WORDS.has(next.word)) {
        this.position++
        for (const day of days) this.closed.add(day)
        return
      }
      this.addHours(days, this.parseTimes())
    } else if (this.startsRange()) {
      const ranges = this.parseTimes()
      this.addHours(this.parseDays(), ranges)
    } else this.failHere('days or hours')
  }

  private addHours(days: readonly Weekday[], ranges: readonly MinuteInterval[]): void {
    for (const day of days) this.hours.set(day, [...(this.hours.get(day) ?? []), ...ranges])
  }

  /** A list goes on only when the separator is followed by another item of the same kind. */
  private parseList<T>(parseItem: () => T[], startsItem: (offset: number) => boolean): T[] {
    const items = parseItem()
    while (this.isSeparator(this.peek()) && startsItem(1)) {
      this.position++
      items.push(...parseItem())
    }
    return items
  }

  private parseDays(): Weekday[] {
    if (!this.startsDays()) this.failHere('a day of the week')
    return this.parseList(() => this.parseDayItem(), (offset) => this.startsDays(offset))
  }

  private expectDay(): Weekday {
    const token = this.peek()
    if (token?.kind !== 'day') this.failHere('a day of the week')
    this.position++
    return token.day
  }

  private expectWord(...words: string[]): void {
    if (!this.isWord(this.peek(), ...words)) this.failHere(words.map((w) => `"${w}"`).join(' or '))
    this.position++
  }

  private dayRange(from: Weekday, to: Weekday, at: number): Weekday[] {
    const [a, b] = [WEEKDAYS.indexOf(from), WEEKDAYS.indexOf(to)]
    if (b < a) this.fail(at, 'a range of days that runs backwards')
    return WEEKDAYS.slice(a, b + 1)
  }

  private parseDayItem(): Weekday[] {
    const at = this.peek()?.at ?? this.textLength
    if (this.isWord(this.peek(), 'tutti')) {
      this.position++
      this.expectWord('i')
      this.expectWord('giorni')
      return [...WEEKDAYS]
    }
    if (this.isWord(this.peek(), 'dal', 'da')) {
      this.position++
      const from = this.expectDay()
      this.expectWord('al', 'alla', 'a')
      return this.dayRange(from, this.expectDay(), at)
    }
    if (this.isWord(this.peek(), 'il', 'la')) this.position++
    const from = this.expectDay()
    if (this.peek()?.kind !== 'dash') return [from]
    this.position++
    return this.dayRange(from, this.expectDay(), at)
  }

  private parseTimes(): MinuteInterval[] {
    if (!this.startsRange()) this.failHere('opening hours')
    return this.parseList(() => [this.parseRange()], (offset) => this.startsRange(offset))
  }

  private expectTime(): { minutes: number; at: number } {
    if (this.isWord(this.peek(), 'ore', 'h')) this.position++
    const token = this.peek()
    if (token?.kind !== 'time') this.failHere('a time')
    this.position++
    return token
  }

  private parseRange(): MinuteInterval {
    let start: { minutes: number; at: number }
    if (this.isWord(this.peek(), 'dalle')) {
      this.position++
      start = this.expectTime()
      this.expectWord('alle', 'a')
    } else {
      start = this.expectTime()
      if (this.peek()?.kind !== 'dash') this.failHere('"-" and the closing time')
      this.position++
    }
    const end = this.expectTime()
    if (start.minutes === 24 * 60) this.fail(start.at, 'an opening time of 24')
    if (end.minutes <= start.minutes) this.fail(end.at, 'a closing time that is not after the opening time')
    return { start: start.minutes, end: end.minutes }
  }
}

/** Parses Italian free-text hours into a weekly schedule, or says which part it could not read. */
export function parseItalianHours(text: string): ItalianHoursParse {
  const original = text.normalize('NFC')
  const fail = (at: number, message: string): never => {
    // A few words either side of the spot, cut at word boundaries.
    let from = Math.max(0, at - 15)
    while (from > 0 && !/\s/.test(original[from - 1] as string)) from--
    let to = Math.min(original.length, at + 10)
    while (to < original.length && !/\s/.test(original[to] as string)) to++
    const near = original.slice(from, to).trim()
    throw new ParseFailure(near ? `${message}, near "${near}"` : message)
  }
  try {
    if (original.trim() === '') return { ok: false, reason: 'the text is empty' }
    const tokens = tokenize(foldForMatching(original), fail)
    const grammar = new HoursGrammar(tokens, fail, original.length)
    grammar.parseText()
    const days: Partial<Record<Weekday, MinuteInterval[]>> = {}
    for (const [day, intervals] of grammar.hours) if (!grammar.closed.has(day)) days[day] = intervals
    if (grammar.hours.size === 0 && grammar.closed.size > 0) {
      return { ok: false, reason: 'only closed days are given, not when it opens' }
    }
    const schedule = scheduleFromDayMinutes(days)
    const crowded = WEEKDAYS.find((d) => (schedule[d]?.length ?? 0) > 8)
    if (crowded) return { ok: false, reason: `more than 8 intervals on ${crowded}` }
    return { ok: true, schedule }
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, reason: error.message }
    throw error
  }
}
