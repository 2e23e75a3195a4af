import type { PointDraft, PointRecord } from '../schemas/point.ts'

/**
 * A value an import could not read in its file (a phone "non disponibile", an e-mail "colle@", a
 * four-digit CAP): the draft has it empty, and the value already stored stays. Emptying it would
 * wipe a good number for a typo in this week's file; an empty cell, which is the sender's word, is
 * not one of these and empties the field. Also a value the file has no column for (an office
 * deleted "descrizione" from its sheet): the file says nothing of it, and every description went.
 */
export type KeptValue =
  | { readonly of: 'point'; readonly field: 'phone' | 'email' | 'website' | 'booking_url' | 'postcode' | KeptWhenAbsent }
  | { readonly of: 'site'; readonly siteId: string; readonly field: 'postcode' }

/** A point's fields kept only when the file has no column for them (the contacts' and the CAP's are also kept when unread). */
export type KeptWhenAbsent = 'description' | 'accessibility_notes' | 'step_free' | 'languages' | 'topics' | 'last_verified_at'

type Addressed = { readonly address: { readonly street: string | null; readonly postcode: string | null } | null; readonly comune?: { readonly istat: string | null } | null }

/** The stored CAP where the address is still the same street of the same comune: a CAP belongs to its street, and a site or point moved this week keeps no old one. */
function postcodeOfSameStreet(before: Addressed, now: Addressed): string | null {
  const same = before.address?.street === now.address?.street && before.comune?.istat === now.comune?.istat
  return same ? (before.address?.postcode ?? null) : null
}

/** The draft with each kept value taken from the stored record, where that record has one. */
export function withKeptValues(draft: PointDraft, stored: PointRecord, kept: readonly KeptValue[]): PointDraft {
  if (kept.length === 0) return draft
  let point: PointDraft = draft
  const postcodes = new Map<string, string>()
  for (const value of kept) {
    if (value.of === 'site') {
      const before = stored.sites.find((site) => site.id === value.siteId)
      const now = draft.sites.find((site) => site.id === value.siteId)
      const postcode = before && now ? postcodeOfSameStreet(before, now) : null
      if (postcode) postcodes.set(value.siteId, postcode)
    } else if (value.field === 'booking_url') point = { ...point, booking_url: stored.booking_url ?? point.booking_url }
    else if (value.field === 'postcode') {
      const postcode = postcodeOfSameStreet(stored, draft)
      if (postcode) point = { ...point, address: { ...point.address, postcode } }
    }
    else if (value.field === 'description') point = { ...point, description: stored.description ?? null }
    else if (value.field === 'accessibility_notes') point = { ...point, accessibility: { ...point.accessibility, notes: stored.accessibility.notes } }
    else if (value.field === 'step_free') point = { ...point, accessibility: { ...point.accessibility, step_free: stored.accessibility.step_free } }
    else if (value.field === 'languages') point = { ...point, languages: stored.languages }
    else if (value.field === 'topics') point = { ...point, topics: stored.topics }
    else if (value.field === 'last_verified_at') point = { ...point, last_verified_at: stored.last_verified_at }
    else point = { ...point, contacts: { ...point.contacts, [value.field]: stored.contacts[value.field] ?? point.contacts[value.field] } }
  }
  if (postcodes.size === 0) return point
  return { ...point, sites: draft.sites.map((site) => (site.address && postcodes.has(site.id) ? { ...site, address: { ...site.address, postcode: postcodes.get(site.id)! } } : site)) }
}
