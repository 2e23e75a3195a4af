import type { Utf8Column } from './utf8-column.ts'
import { compareCodeUnits } from '../util/compare-code-units.ts'

/**
 * The permutation that sorts `keys` in JS string order (UTF-16 code units, as `<` compares), as
 * a typed array. A comparison sort of a million ids costs 0.5–1.5 s here, because every compare is
 * a call that reads two strings; an MSD radix sort reads each character a few times and calls
 * nothing. Ranges whose characters do not fit a byte (never seen in point ids, which are
 * `[a-z0-9-]`) fall back to a comparison sort, so the answer is always exact.
 */
export function sortedOrder(keys: readonly string[]): Uint32Array {
  let longest = 0
  for (let i = 0; i < keys.length; i++) longest = Math.max(longest, keys[i]!.length)
  return radixOrder(
    keys.length,
    longest,
    (key, depth) => {
      const code = keys[key]!.charCodeAt(depth)
      return code !== code ? 0 : code + 1 // NaN: past the end
    },
    (a, b) => compareCodeUnits(keys[a]!, keys[b]!),
  )
}

/**
 * The permutation that sorts the strings of `column` by their UTF-8 bytes. Byte order is code
 * point order, which is JS string order for ASCII strings (not in general: a character beyond
 * U+FFFF sorts before U+E000…U+FFFF in UTF-16). The bytes sit side by side in one array, so this
 * is several times faster than `sortedOrder` over a million strings scattered in the heap.
 */
export function sortedByteOrder(column: Utf8Column): Uint32Array {
  const { bytes, offsets } = column
  let longest = 0
  for (let i = 0; i < column.size; i++) longest = Math.max(longest, offsets[i + 1]! - offsets[i]!)
  return radixOrder(
    column.size,
    longest,
    (key, depth) => {
      const at = offsets[key]! + depth
      return at < offsets[key + 1]! ? bytes[at]! + 1 : 0
    },
    (a, b) => {
      const aEnd = offsets[a + 1]!
      const bEnd = offsets[b + 1]!
      for (let i = offsets[a]!, j = offsets[b]!; ; i++, j++) {
        if (i === aEnd) return j === bEnd ? 0 : -1
        if (j === bEnd) return 1
        if (bytes[i] !== bytes[j]) return bytes[i]! - bytes[j]!
      }
    },
  )
}

/** Bucket 0: the key ends before `depth`; bucket c + 1: unit c at `depth`. Above LAST_BUCKET: compare instead. */
const BUCKETS = 257
/** Below this many keys a radix pass costs more than it saves. */
const SMALL_RANGE = 32

/**
 * MSD radix sort of keys 0…n-1, given each key's bucket at each depth and an exact comparison for
 * small ranges and for units that do not fit a byte.
 */
function radixOrder(
  n: number,
  longest: number,
  bucketAt: (key: number, depth: number) => number,
  compare: (a: number, b: number) => number,
): Uint32Array {
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const scratch = new Uint32Array(n)
  const buckets = new Uint16Array(n)
  // One row of counts per depth, made once: a fresh array per range would be tens of thousands of
  // small allocations for a million keys.
  const counts = new Uint32Array((longest + 1) * (BUCKETS + 1))

  const sortRange = (lo: number, hi: number, depth: number): void => {
    for (;;) {
      if (hi - lo <= SMALL_RANGE) {
        insertionSort(order, lo, hi, compare)
        return
      }
      const row = depth * (BUCKETS + 1)
      counts.fill(0, row, row + BUCKETS + 1)
      for (let i = lo; i < hi; i++) {
        const bucket = bucketAt(order[i]!, depth)
        if (bucket >= BUCKETS) {
          order.subarray(lo, hi).sort(compare)
          return
        }
        buckets[i] = bucket
        counts[row + bucket + 1]!++
      }
      // All keys share this unit (ids share prefixes such as "pv-"): nothing to move, look further.
      if (counts[row + buckets[lo]! + 1] === hi - lo) {
        if (buckets[lo] === 0) return // all ended: equal keys
        depth++
        continue
      }
      for (let b = 1; b <= BUCKETS; b++) counts[row + b]! += counts[row + b - 1]!
      for (let i = lo; i < hi; i++) scratch[lo + counts[row + buckets[i]!]!++] = order[i]!
      order.set(scratch.subarray(lo, hi), lo)
      // Now counts[row + b] is where bucket b ends. Bucket 0 holds equal keys: nothing to order there.
      let start = counts[row]!
      for (let b = 1; b < BUCKETS; b++) {
        const end = counts[row + b]!
        if (end - start > 1) sortRange(lo + start, lo + end, depth + 1)
        start = end
      }
      return
    }
  }
  sortRange(0, n, 0)
  return order
}

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
