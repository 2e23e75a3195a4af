import type { PointDraft, PointRecord } from '../schemas/point.ts'

/**
 * A value an import could not read in its file (a phone "non disponibile", an e-mail "colle@", a
 * four-digit CAP): the draft has it empty, and the value already stored stays. Emptying it would
 * wipe a good number for a typo in this week's file; an empty cell, which is the sender's word, is
 * not one of these and empties the field. Also a value the file has no column for (an office
 * deleted "descrizione" from its sheet): the file says nothing of it, and every description went.
 */
export type KeptValue =
  | { readonly of: 'point'; readonly field: 'phone' | 'email' | 'website' | 'booking_url' | 'postcode' }
  | { readonly of: 'point'; readonly field: 'description' | 'accessibility_notes' | 'step_free' | 'languages' | 'topics' | 'last_verified_at' }
  | { readonly of: 'site'; readonly siteId: string; readonly field: 'postcode' }

type Addressed = { readonly address: { readonly street: string | null; readonly postcode: string | null } | null; readonly comune?: { readonly istat: string | null } | null }

/** The stored CAP where the address is still the same street of the same comune: a CAP belongs to its street, and a site or point moved this week keeps no old one. */
function postcodeOfSameStreet(before: Addressed, now: Addressed): string | null {
  const same = before.address?.street === now.address?.street && before.comune?.istat === now.comune?.istat
  return same ? (before.address?.postcode ?? null) : null
}

/** The draft with each kept value taken from the stored record, where that record has one. */
export function withKeptValues(draft: PointDraft, stored: PointRecord, kept: readonly KeptValue[]): PointDraft {
  if (kept.length === 0) return draft
  let contacts = draft.contacts
  let bookingUrl = draft.booking_url
  let address = draft.address
  let point: PointDraft = draft
  const postcodes = new Map<string, string>()
  for (const value of kept) {
    if (value.of === 'site') {
      const before = stored.sites.find((site) => site.id === value.siteId)
      const now = draft.sites.find((site) => site.id === value.siteId)
      const postcode = before && now ? postcodeOfSameStreet(before, now) : null
      if (postcode) postcodes.set(value.siteId, postcode)
    } else if (value.field === 'booking_url') bookingUrl = stored.booking_url ?? bookingUrl
    else if (value.field === 'postcode') {
      const postcode = postcodeOfSameStreet(stored, draft)
      if (postcode) address = { ...address, postcode }
    }
    else if (value.field === 'description') point = { ...point, description: stored.description ?? null }
    else if (value.field === 'accessibility_notes') point = { ...point, accessibility: { ...point.accessibility, notes: stored.accessibility.notes } }
    else if (value.field === 'step_free') point = { ...point, accessibility: { ...point.accessibility, step_free: stored.accessibility.step_free } }
    else if (value.field === 'languages') point = { ...point, languages: stored.languages }
    else if (value.field === 'topics') point = { ...point, topics: stored.topics }
    else if (value.field === 'last_verified_at') point = { ...point, last_verified_at: stored.last_verified_at }
    else contacts = { ...contacts, [value.field]: stored.contacts[value.field] ?? contacts[value.field] }
  }
  const sites =
    postcodes.size === 0 ? draft.sites : draft.sites.map((site) => (site.address && postcodes.has(site.id) ? { ...site, address: { ...site.address, postcode: postcodes.get(site.id)! } } : site))
  return { ...point, contacts, booking_url: bookingUrl, address, sites }
}
