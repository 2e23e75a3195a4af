import { describe, expect, it } from 'vitest'
import type { ReadS3Object } from '../../../functions/snapshot/s3-object-reader.ts'
import { prefetchSnapshotReads } from '../../../functions/snapshot/s3-prefetched-read.ts'

const text = (s: string) => new TextEncoder().encode(s)

/** An in-memory bucket that counts the reads of each key (with the range asked, if any). */
function countingBucket(objects: Record<string, Uint8Array>) {
  const reads: string[] = []
  const read: ReadS3Object = async (key, range) => {
    reads.push(range ? `${key} ${range.start}-${range.end}` : key)
    return range ? objects[key]?.slice(range.start, range.end) : objects[key]
  }
  return { read, reads }
}

describe('prefetchSnapshotReads', () => {
  it('fetches the pointer and then the snapshot it names, each once, before anyone asks', async () => {
    const bucket = countingBucket({ 'p.json': text('{"key":"snap-7.pvsn","bytes":4}'), 'snap-7.pvsn': text('SNAP') })
    const prefetch = prefetchSnapshotReads(bucket.read, 'p.json')
    await prefetch.pointerSettled
    // As the snapshot source reads it (snapshotReadPlan): the whole object, as a range.
    expect(bucket.reads).toEqual(['p.json', 'snap-7.pvsn 0-4'])
    expect(await prefetch.readObject('p.json')).toEqual(text('{"key":"snap-7.pvsn","bytes":4}'))
    expect(await prefetch.readObject('snap-7.pvsn', { start: 0, end: 4 })).toEqual(text('SNAP'))
    expect(bucket.reads).toEqual(['p.json', 'snap-7.pvsn 0-4'])
    // Another range of the same key is not the prefetched read.
    expect(await prefetch.readObject('snap-7.pvsn', { start: 1, end: 3 })).toEqual(text('NA'))
    expect(bucket.reads).toEqual(['p.json', 'snap-7.pvsn 0-4', 'snap-7.pvsn 1-3'])
  })

  it("reads only a large snapshot's core, as the source will", async () => {
    const bucket = countingBucket({ 'p.json': text('{"key":"big.pvsn","bytes":1000,"coreBytes":100}') })
    await prefetchSnapshotReads(bucket.read, 'p.json', 500).pointerSettled
    expect(bucket.reads).toEqual(['p.json', 'big.pvsn 0-100'])
  })

  it('serves a prefetched object only once: the next read of that key goes to S3 again', async () => {
    const bucket = countingBucket({ 'p.json': text('{"key":"s","bytes":1}'), s: text('S') })
    const prefetch = prefetchSnapshotReads(bucket.read, 'p.json')
    await prefetch.pointerSettled
    await prefetch.readObject('p.json')
    await prefetch.readObject('p.json')
    expect(bucket.reads.filter((k) => k === 'p.json')).toHaveLength(2)
  })

  it('fetches nothing more when the pointer is absent or names no key or size, and leaves its validation to the reader', async () => {
    const absent = countingBucket({})
    await prefetchSnapshotReads(absent.read, 'p.json').pointerSettled
    expect(absent.reads).toEqual(['p.json'])
    const sizeless = countingBucket({ 'p.json': text('{"key":"s"}') })
    await prefetchSnapshotReads(sizeless.read, 'p.json').pointerSettled
    expect(sizeless.reads).toEqual(['p.json'])
    const garbled = countingBucket({ 'p.json': text('not json') })
    const prefetch = prefetchSnapshotReads(garbled.read, 'p.json')
    await prefetch.pointerSettled
    expect(garbled.reads).toEqual(['p.json'])
    expect(await prefetch.readObject('p.json')).toEqual(text('not json'))
  })

  it('hands a failed pointer read to its first reader as a rejection', async () => {
    const failing: ReadS3Object = async () => {
      throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' })
    }
    const prefetch = prefetchSnapshotReads(failing, 'p.json')
    await prefetch.pointerSettled
    await expect(prefetch.readObject('p.json')).rejects.toMatchObject({ name: 'ServiceUnavailable' })
  })
})
