import type { DataQualityNote } from '../../shared/schemas/point-view.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/**
 * The data-quality notes a citizen needs: that there are no hours at all. Unreadable hours are
 * already quoted as published in the site's hours section, and `low_hours` (very few hours a
 * week) is for the operators who keep the record.
 */
const FOR_CITIZENS: ReadonlySet<DataQualityNote['code']> = new Set(['no_hours'])

/** The citizen's notes, in the citizen's language. */
export const citizenNotes = (notes: readonly DataQualityNote[], lang: Lang): string[] =>
  notes.filter((note) => FOR_CITIZENS.has(note.code)).map((note) => (lang === 'en' ? note.message_en : note.message))
