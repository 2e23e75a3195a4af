import { describe, expect, it } from 'vitest'
import { onceForEachString } from '../../../shared/util/once-for-each-string.ts'

describe('onceForEachString', () => {
  it('computes each distinct string once, remembers falsy results too, and forgets wholesale when full instead of growing', () => {
    const calls: string[] = []
    const lengthOf = onceForEachString((text: string) => {
      calls.push(text)
      return text.length
    }, 2)
    expect([lengthOf('ab'), lengthOf(''), lengthOf('ab'), lengthOf('')]).toEqual([2, 0, 2, 0])
    expect(calls).toEqual(['ab', ''])
    // A third string fills it past its bound: everything is forgotten, the answers stay right.
    expect(lengthOf('xyz')).toBe(3)
    expect(lengthOf('ab')).toBe(2)
    expect(calls).toEqual(['ab', '', 'xyz', 'ab'])
  })
})
