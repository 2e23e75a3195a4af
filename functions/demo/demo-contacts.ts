import type { Contacts } from '../../shared/schemas/point.ts'
import { slugify } from '../../shared/util/slugify.ts'

/**
 * Contacts that nobody can mistake for real ones: every e-mail and website is on example.org
 * (reserved by RFC 2606) and every phone starts +39 000 000, a range no Italian number uses.
 */
export const DEMO_DOMAIN = 'example.org'

/**
 * The contacts of the `serial`-th demo point of a comune (1 for the first): serials keep two
 * points of the same city apart.
 */
export function demoContacts(comuneName: string, serial: number, phoneNumber: number): Contacts {
  const place = slugify(comuneName) || 'comune'
  const suffix = serial > 1 ? `-${serial}` : ''
  return {
    phone: `+39 000 000 ${String(phoneNumber % 10_000).padStart(4, '0')}`,
    email: `facilitazione.${place}${suffix}@${DEMO_DOMAIN}`,
    website: `https://${place}.${DEMO_DOMAIN}/facilitazione-digitale${suffix}`,
  }
}

/** The booking page of a demo point. */
export const demoBookingUrl = (pointId: string): string => `https://prenota.${DEMO_DOMAIN}/${pointId}`
