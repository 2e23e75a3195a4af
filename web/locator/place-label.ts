import type { Place } from '../api/api-client.ts'

/**
 * "Castro (LE)": Italy has several comuni of the same name (Castro in Lecce and in Bergamo,
 * Samone, Calliano…), so a comune is never named without its province.
 */
export const placeLabel = (place: Pick<Place, 'name' | 'province'>): string => `${place.name} (${place.province})`
