/**
 * PNRR Misura 1.7.2 targets known from the regions' own plans (points, citizens to reach,
 * services to deliver). Regions whose plan figures we have not verified are absent: the API
 * answers null for them rather than a guess.
 */
export interface PnrrTarget {
  readonly points: number
  readonly citizens: number
  readonly services: number | null
  /** Where the figures come from: the plan that publishes them. */
  readonly source: string
}

export const REGIONAL_PNRR_TARGETS: Readonly<Record<string, PnrrTarget>> = {
  '01': { points: 199, citizens: 160_000, services: 240_000, source: 'Regione Piemonte, piano operativo PNRR M1C1 1.7.2 (Rete dei servizi di facilitazione digitale)' },
  '09': { points: 169, citizens: 136_000, services: 204_000, source: 'Regione Toscana, piano operativo PNRR M1C1 1.7.2 ("Punti Digitale Facile")' },
  '10': { points: 42, citizens: 33_000, services: 49_500, source: 'Regione Umbria, piano operativo PNRR M1C1 1.7.2 ("Digipass", 12 zone sociali)' },
}

export const NATIONAL_PNRR_TARGET = { points: 3_000, citizens: 2_000_000, source: 'PNRR M1C1 Investimento 1.7.2, Dipartimento per la trasformazione digitale' } as const
