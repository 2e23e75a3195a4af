/**
 * PNRR Misura 1.7.2 targets known from the regions' own plans (points, citizens to reach,
 * services to deliver). Regions whose plan figures we have not verified are absent: the API
 * answers null for them rather than a guess.
 */
export interface PnrrTarget {
  readonly points: number
  readonly citizens: number
  readonly services: number | null
}

export const REGIONAL_PNRR_TARGETS: Readonly<Record<string, PnrrTarget>> = {
  '01': { points: 199, citizens: 160_000, services: 240_000 }, // Piemonte
  '09': { points: 169, citizens: 136_000, services: 204_000 }, // Toscana, "Punti Digitale Facile"
  '10': { points: 42, citizens: 33_000, services: 49_500 }, // Umbria, "Digipass" in 12 social zones
}

export const NATIONAL_PNRR_TARGET = { points: 3_000, citizens: 2_000_000 } as const
