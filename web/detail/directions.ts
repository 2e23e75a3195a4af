import type { Location } from '../../shared/schemas/hours.ts'

/**
 * Directions that open a route, never a bare pin: Apple Maps on iOS, the `geo:` intent on Android
 * (the citizen's own maps app, which offers the route), an OpenStreetMap route elsewhere, from
 * the searched place when there is one. Coordinates only: no address string to mis-geocode.
 */
export type Platform = 'ios' | 'android' | 'other'

export function platformOf(userAgent: string, maxTouchPoints = 0): Platform {
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) return 'ios'
  if (/Android/.test(userAgent)) return 'android'
  return 'other'
}

export function directionsHref(to: Location, label: string, platform: Platform, from?: Location | null): string {
  const at = (l: Location) => `${l.lat},${l.lon}`
  switch (platform) {
    case 'ios':
      return `https://maps.apple.com/?daddr=${at(to)}${from ? `&saddr=${at(from)}` : ''}&q=${encodeURIComponent(label)}`
    case 'android':
      return `geo:${at(to)}?q=${at(to)}(${encodeURIComponent(label)})`
    case 'other':
      return `https://www.openstreetmap.org/directions?route=${encodeURIComponent(`${from ? at(from) : ''};${at(to)}`)}`
  }
}
