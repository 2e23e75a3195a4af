import type { Comune } from '../../shared/gazetteer/comuni.ts'
import type { Operator, Topic } from '../../shared/schemas/point.ts'
import type { HoursProfile } from './demo-weekly-hours.ts'
import type { SeededRandom } from './seeded-random.ts'

export type VenueKind =
  | 'biblioteca' | 'urp' | 'centro_anziani' | 'informagiovani' | 'scuola'
  | 'associazione' | 'casa_quartiere' | 'caf_patronato' | 'unione'

/** Where a point is hosted, who runs it, and what that implies for its hours and topics. */
export interface Venue {
  readonly kind: VenueKind
  /** "Biblioteca civica di Empoli": the place as a citizen would name it. */
  readonly label: string
  readonly operator: Operator
  readonly hoursProfile: HoursProfile
  /** Topics this kind of venue is asked about more often than average. */
  readonly favouredTopics: readonly Topic[]
  /** URPs and unioni sit in the town hall, so their address is the town hall's square. */
  readonly inTownHall: boolean
}

/** Neighbourhood names common to many Italian cities. */
const NEIGHBOURHOODS: readonly string[] = [
  'Centro Storico', 'Borgo Nuovo', 'San Paolo', 'Santa Rita', 'San Lorenzo', 'Porta Nuova', 'San Giuseppe',
  'Stazione', "Sant'Antonio", 'Santa Maria', 'San Francesco', 'Madonna della Neve', 'Villaggio Europa', 'Le Piane',
]
/** Invented third-sector names: plausible, and none of them a real association. */
const ASSOCIATIONS: readonly string[] = [
  'Connessioni Solidali', 'Ponti Digitali', 'Insieme in Rete', 'Cittadini Connessi', 'Rete Amica',
  'Nodi di Comunità', 'Filo Diretto', 'Porte Aperte', 'Generazioni in Rete', 'Click Insieme',
]

const BIG_CITY = 150_000

/** Venue weights by comune size: a village has no Casa di Quartiere, a city no unione di comuni. */
function venueWeights(population: number): Array<readonly [VenueKind, number]> {
  return [
    ['biblioteca', 26],
    ['urp', population < 5_000 ? 30 : 20],
    ['centro_anziani', 10],
    ['informagiovani', population >= 10_000 ? 8 : 0],
    ['scuola', 9],
    ['associazione', 12],
    ['casa_quartiere', population >= 80_000 ? 9 : 0],
    ['caf_patronato', population >= 15_000 ? 6 : 0],
    ['unione', population < 5_000 ? 12 : 0],
  ]
}

export function pickVenue(random: SeededRandom, comune: Comune, townName: string): Venue {
  const weights = venueWeights(comune.population)
  const kind = (weights[random.weightedIndex(weights.map(([, w]) => w))] as readonly [VenueKind, number])[0]
  const quarter = comune.population >= BIG_CITY ? random.pick(NEIGHBOURHOODS) : null
  const town = { name: 'Comune di ' + townName, type: 'comune' } as const
  const base = { kind, favouredTopics: [] as Topic[], inTownHall: false }
  switch (kind) {
    case 'biblioteca': {
      const label = quarter ? `Biblioteca civica ${quarter} – ${townName}` : `${random.pick(['Biblioteca civica', 'Biblioteca comunale'])} di ${townName}`
      const name = quarter ? `Sistema bibliotecario urbano di ${townName}` : label
      return { ...base, label, operator: { name, type: 'biblioteca' }, hoursProfile: 'library', favouredTopics: ['competenze_base', 'sicurezza_online'] }
    }
    case 'urp':
      return { ...base, label: `URP Comune di ${townName}`, operator: town, hoursProfile: 'office', favouredTopics: ['anpr', 'pagopa'], inTownHall: true }
    case 'centro_anziani': {
      const label = quarter ? `Centro anziani ${quarter} – ${townName}` : `Centro sociale anziani di ${townName}`
      const operator: Operator = random.chance(0.5) ? town : { name: `Associazione Centro Anziani ${quarter ?? townName} APS`, type: 'terzo_settore' }
      return { ...base, label, operator, hoursProfile: 'community', favouredTopics: ['fse', 'inps'] }
    }
    case 'informagiovani':
      return { ...base, label: `Informagiovani di ${townName}`, operator: town, hoursProfile: 'youth', favouredTopics: ['lavoro', 'pec'] }
    case 'scuola': {
      const label = comune.population >= 20_000 && random.chance(0.5)
        ? `Istituto Comprensivo ${townName} ${random.int(1, 5)}`
        : random.chance(0.7) ? `Istituto Comprensivo di ${townName}` : `Istituto di Istruzione Superiore di ${townName}`
      return { ...base, label, operator: { name: label, type: 'scuola' }, hoursProfile: 'school', favouredTopics: ['scuola', 'competenze_base'] }
    }
    case 'associazione': {
      const association = `${random.pick(ASSOCIATIONS)} ${random.pick(['APS', 'ODV'])}`
      return { ...base, label: `Sede ${association} – ${townName}`, operator: { name: association, type: 'terzo_settore' }, hoursProfile: 'community', favouredTopics: ['sicurezza_online'] }
    }
    case 'casa_quartiere':
      return {
        ...base,
        label: `Casa di Quartiere ${quarter ?? random.pick(NEIGHBOURHOODS)} – ${townName}`,
        operator: { name: `Associazione Casa di Quartiere ${quarter ?? townName} APS`, type: 'terzo_settore' },
        hoursProfile: 'community',
        favouredTopics: ['competenze_base'],
      }
    case 'caf_patronato':
      return {
        ...base,
        label: `Sportello CAF-Patronato di ${townName}`,
        operator: { name: `Patronato Servizi al Cittadino – sede di ${townName}`, type: 'altro' },
        hoursProfile: 'office',
        favouredTopics: ['inps', 'agenzia_entrate'],
      }
    case 'unione':
      return {
        ...base,
        label: `Sportello dell'Unione dei Comuni – ${townName}`,
        operator: { name: `Unione dei Comuni dell'ambito di ${townName}`, type: 'unione_comuni' },
        hoursProfile: 'office',
        favouredTopics: ['anpr', 'pagopa'],
        inTownHall: true,
      }
  }
}
