/**
 * The permutation that sorts `keys` in JS string order (UTF-16 code units, as `<` compares), as
 * a typed array. A comparison sort of a million ids costs 0.5–1.5 s here, because every compare is
 * a call that reads two strings; an MSD radix sort reads each character a few times and calls
 * nothing. Ranges whose characters do not fit a byte (never seen in point ids, which are
 * `[a-z0-9-]`) fall back to a comparison sort, so the answer is always exact.
 */
export function sortedOrder(keys: readonly string[]): Uint32Array {
  const n = keys.length
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const scratch = new Uint32Array(n)
  const codes = new Uint16Array(n)
  const compare = (a: number, b: number): number => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0)

  // Bucket 0: the string ends before `depth`; bucket c + 1: character code c.
  const BUCKETS = 257
  const sortRange = (lo: number, hi: number, depth: number): void => {
    if (hi - lo <= SMALL_RANGE) {
      insertionSort(order, lo, hi, compare)
      return
    }
    const counts = new Uint32Array(BUCKETS + 1)
    for (let i = lo; i < hi; i++) {
      const code = keys[order[i]!]!.charCodeAt(depth)
      const bucket = code !== code ? 0 : code + 1 // NaN: past the end
      if (bucket >= BUCKETS) {
        order.subarray(lo, hi).sort(compare)
        return
      }
      codes[i] = bucket
      counts[bucket + 1]!++
    }
    for (let b = 1; b <= BUCKETS; b++) counts[b]! += counts[b - 1]!
    for (let i = lo; i < hi; i++) scratch[lo + counts[codes[i]!]!++] = order[i]!
    order.set(scratch.subarray(lo, hi), lo)
    // Now counts[b] is where bucket b ends. Bucket 0 holds equal strings: nothing to order there.
    let start = counts[0]!
    for (let b = 1; b < BUCKETS; b++) {
      const end = counts[b]!
      if (end - start > 1) sortRange(lo + start, lo + end, depth + 1)
      start = end
    }
  }
  sortRange(0, n, 0)
  return order
}

/** Below this many keys a radix pass costs more than it saves. */
const SMALL_RANGE = 32

function insertionSort(order: Uint32Array, lo: number, hi: number, compare: (a: number, b: number) => number): void {
  for (let i = lo + 1; i < hi; i++) {
    const item = order[i]!
    let j = i - 1
    while (j >= lo && compare(order[j]!, item) > 0) {
      order[j + 1] = order[j]!
      j--
    }
    order[j + 1] = item
  }
}
