import type { PointDraft } from '../schemas/point.ts'

/**
 * Characters that change how text shows without being seen: the bidirectional controls (a
 * right-to-left override, U+202E, shows the letters after it backwards), the zero-width space and the
 * byte-order mark (two names that look the same, and are not). Nothing in a point's name, label or
 * address needs them; the pages, the CSV files and the calendars would publish them as they are.
 */
const HIDDEN = /[\p{Bidi_Control}\u200B\u2060\uFEFF]/u

/** The point's texts people read as names and places, by field (dotted, as the API and the import name them). */
function namedTexts(draft: PointDraft): Array<[field: string, text: string | null | undefined]> {
  return [
    ['name', draft.name],
    ['operator.name', draft.operator.name],
    ['address.street', draft.address.street],
    ['description', draft.description],
    ['accessibility.notes', draft.accessibility.notes],
    ...draft.sites.flatMap((site, i): Array<[string, string | null | undefined]> => [
      [`sites.${i}.label`, site.label],
      [`sites.${i}.address.street`, site.address?.street],
      ...(site.stops ?? []).map((stop, j): [string, string] => [`sites.${i}.stops.${j}.place.label`, stop.place.label]),
    ]),
  ]
}

/**
 * Each field whose text holds a hidden character, with the character named (U+202E). Against the
 * point as stored, only a text the write brings: a point stored with one before this check is still
 * verified, closed and edited, its old text named when someone changes it.
 */
export function hiddenTextProblems(draft: PointDraft, stored?: PointDraft | null): Array<{ field: string; message: string }> {
  const before = stored ? new Map(namedTexts(stored)) : null
  return namedTexts(draft).flatMap(([field, text]) => {
    if (before?.get(field) === text) return []
    const found = text ? HIDDEN.exec(text) : null
    return found ? [{ field, message: `contains an invisible character (U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) that changes how the text shows: remove it` }] : []
  })
}
