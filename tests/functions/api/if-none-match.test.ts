import { describe, expect, it } from 'vitest'
import { ifNoneMatchNames } from '../../../functions/api/if-none-match.ts'

describe('ifNoneMatchNames (RFC 9110 §13.1.2: weak comparison)', () => {
  it('matches a tag with or without W/ on either side', () => {
    expect(ifNoneMatchNames('W/"1-a-b"', 'W/"1-a-b"')).toBe(true)
    expect(ifNoneMatchNames('"1-a-b"', 'W/"1-a-b"')).toBe(true)
    expect(ifNoneMatchNames('W/"abc"', '"abc"')).toBe(true)
    expect(ifNoneMatchNames('"abd"', '"abc"')).toBe(false)
  })

  it('finds the tag in a list, whatever the spacing, and a comma inside a tag does not split it', () => {
    expect(ifNoneMatchNames('"x", W/"1-a-b" ,"y"', 'W/"1-a-b"')).toBe(true)
    expect(ifNoneMatchNames('"a,b"', '"a,b"')).toBe(true)
    expect(ifNoneMatchNames('"a,b"', '"a"')).toBe(false)
  })

  it('takes * only when told a current representation exists', () => {
    expect(ifNoneMatchNames('*', '"abc"')).toBe(true)
    expect(ifNoneMatchNames('*', '"abc"', { star: false })).toBe(false)
    // Only as the whole field: a stray * in a list of tags is not "any".
    expect(ifNoneMatchNames('"x", *', '"abc"')).toBe(false)
    expect(ifNoneMatchNames('foo*', '"abc"')).toBe(false)
  })

  it('matches nothing without a field, or with one that holds no entity tag', () => {
    expect(ifNoneMatchNames(undefined, '"abc"')).toBe(false)
    expect(ifNoneMatchNames('', '"abc"')).toBe(false)
    expect(ifNoneMatchNames('abc', '"abc"')).toBe(false)
  })
})
