/**
 * "Which items have a word that starts with this?" in O(log n + matches), no scan per query.
 * Every word start of every name becomes one key (the rest of the name from that word on:
 * "reggio nell emilia", "nell emilia", "emilia"), and the keys are sorted once; the keys that
 * start with a prefix are then one contiguous run, found with two binary searches. Keys must
 * already be normalised (see normalize-name.ts): words are split on single spaces.
 */
export class WordPrefixIndex {
  private readonly keys: string[]
  private readonly itemOfKey: Uint32Array

  /** `namesOfItem[i]` are the normalised names of item i (a name and its bilingual form, say). */
  constructor(namesOfItem: ReadonlyArray<readonly string[]>) {
    const entries: Array<[key: string, item: number]> = []
    namesOfItem.forEach((names, item) => {
      for (const name of names) {
        let wordStart = 0
        for (const word of name.split(' ')) {
          if (word.length > 0) entries.push([name.slice(wordStart), item])
          wordStart += word.length + 1
        }
      }
    })
    // Plain code-unit order, the same order the binary searches below assume.
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
    this.keys = entries.map((e) => e[0])
    this.itemOfKey = Uint32Array.from(entries, (e) => e[1])
  }

  /** Calls `visit` with the item of every key that starts with `prefix` (an item may come more than once). */
  forEachItemWithPrefix(prefix: string, visit: (item: number) => void): void {
    const from = this.firstIndexWhere((key) => key >= prefix, 0)
    const to = this.firstIndexWhere((key) => !key.startsWith(prefix), from)
    for (let i = from; i < to; i++) visit(this.itemOfKey[i]!)
  }

  /** First index in [from, keys.length) where `test` holds; `test` must be false…false true…true there. */
  private firstIndexWhere(test: (key: string) => boolean, from: number): number {
    let lo = from
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (test(this.keys[mid]!)) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
