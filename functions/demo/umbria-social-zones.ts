import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { distanceKm } from './demo-geography.ts'

/**
 * Umbria's 12 zone sociali, each named by the ISTAT code of its lead comune (capofila). The
 * region's 42 Digipass are spread over these zones.
 */
export const UMBRIA_SOCIAL_ZONES: ReadonlyArray<{ readonly zone: number; readonly capofilaIstat: string }> = [
  { zone: 1, capofilaIstat: '054013' }, // Città di Castello
  { zone: 2, capofilaIstat: '054039' }, // Perugia
  { zone: 3, capofilaIstat: '054001' }, // Assisi
  { zone: 4, capofilaIstat: '054027' }, // Marsciano
  { zone: 5, capofilaIstat: '054037' }, // Panicale (Trasimeno)
  { zone: 6, capofilaIstat: '054035' }, // Norcia (Valnerina)
  { zone: 7, capofilaIstat: '054024' }, // Gubbio
  { zone: 8, capofilaIstat: '054018' }, // Foligno
  { zone: 9, capofilaIstat: '054051' }, // Spoleto
  { zone: 10, capofilaIstat: '055032' }, // Terni
  { zone: 11, capofilaIstat: '055023' }, // Orvieto
  { zone: 12, capofilaIstat: '055022' }, // Narni
]

export interface SocialZone {
  readonly zone: number
  readonly capofila: Comune
  readonly members: Comune[]
}

/**
 * Groups Umbria's comuni into the 12 zones. The real membership lists are not in the gazetteer,
 * so each comune joins the zone of its nearest capofila: right for nearly all of them, and
 * plausible for the rest, which is what a demo needs.
 */
export function groupUmbriaSocialZones(umbria: readonly Comune[]): SocialZone[] {
  const zones = UMBRIA_SOCIAL_ZONES.map(({ zone, capofilaIstat }) => {
    const capofila = umbria.find((c) => c.istat === capofilaIstat)
    if (!capofila) throw new Error(`comuni: Umbria capofila ${capofilaIstat} is missing from the gazetteer`)
    return { zone, capofila, members: [] as Comune[] }
  })
  for (const comune of umbria) {
    let nearest = zones[0] as SocialZone
    for (const z of zones) if (distanceKm(comune, z.capofila) < distanceKm(comune, nearest.capofila)) nearest = z
    nearest.members.push(comune)
  }
  return zones
}
