import type { PointDraft, PointRecord } from '../schemas/point.ts'

/**
 * A value an import could not read in its file (a phone "non disponibile", an e-mail "colle@", a
 * four-digit CAP): the draft has it empty, and the value already stored stays. Emptying it would
 * wipe a good number for a typo in this week's file; an empty cell, which is the sender's word, is
 * not one of these and empties the field.
 */
export type KeptValue =
  | { readonly of: 'point'; readonly field: 'phone' | 'email' | 'website' | 'booking_url' | 'postcode' }
  | { readonly of: 'site'; readonly siteId: string; readonly field: 'postcode' }

/** The draft with each kept value taken from the stored record, where that record has one. */
export function withKeptValues(draft: PointDraft, stored: PointRecord, kept: readonly KeptValue[]): PointDraft {
  if (kept.length === 0) return draft
  let contacts = draft.contacts
  let bookingUrl = draft.booking_url
  let address = draft.address
  const postcodes = new Map<string, string>()
  for (const value of kept) {
    if (value.of === 'site') {
      // A CAP belongs to its street: a site moved this week (another street, another comune) keeps no old one.
      const before = stored.sites.find((site) => site.id === value.siteId)
      const now = draft.sites.find((site) => site.id === value.siteId)
      if (before?.address?.postcode && before.address.street === now?.address?.street && before.comune?.istat === now?.comune?.istat) postcodes.set(value.siteId, before.address.postcode)
    } else if (value.field === 'booking_url') bookingUrl = stored.booking_url ?? bookingUrl
    else if (value.field === 'postcode') address = stored.address.postcode && stored.address.street === address.street && stored.comune.istat === draft.comune.istat ? { ...address, postcode: stored.address.postcode } : address
    else contacts = { ...contacts, [value.field]: stored.contacts[value.field] ?? contacts[value.field] }
  }
  const sites =
    postcodes.size === 0 ? draft.sites : draft.sites.map((site) => (site.address && postcodes.has(site.id) ? { ...site, address: { ...site.address, postcode: postcodes.get(site.id)! } } : site))
  return { ...draft, contacts, booking_url: bookingUrl, address, sites }
}
