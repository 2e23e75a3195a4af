import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROBLEM_TYPES } from '../../../functions/api/problem.ts'

/** Every problem `type` the API can answer points at a section of docs/problems.md that explains it. */
describe('docs/problems.md', () => {
  it('has a section, with its status, for every problem type the API sends', () => {
    const doc = readFileSync(new URL('../../../docs/problems.md', import.meta.url), 'utf8')
    const missing = Object.values(PROBLEM_TYPES).filter(({ slug, status }) => !new RegExp(`## ${slug}\\n\\*\\*${status}\\.\\*\\*`).test(doc)).map((t) => t.slug)
    expect(missing).toEqual([])
  })
})
