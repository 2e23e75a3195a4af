import { describe, expect, it } from 'vitest'
import type { DataQualityNote } from '../../../shared/schemas/point-view.ts'
import { citizenNotes } from '../../../web/detail/citizen-notes.ts'

const notes: DataQualityNote[] = [
  { code: 'low_hours', message: 'Meno di 4 ore a settimana', message_en: 'Fewer than 4 hours a week' },
  { code: 'hours_unparsed', message: 'Orari non leggibili', message_en: 'Hours not readable' },
  { code: 'no_hours', message: 'Orari assenti', message_en: 'No hours' },
]

describe('citizenNotes', () => {
  it('keeps only the note about missing hours: unreadable ones are quoted in the hours section, low_hours is for operators', () => {
    expect(citizenNotes(notes, 'it')).toEqual(['Orari assenti'])
  })

  it("speaks the citizen's language", () => {
    expect(citizenNotes(notes, 'en')).toEqual(['No hours'])
  })
})
