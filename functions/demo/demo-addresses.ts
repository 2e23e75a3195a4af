import type { SeededRandom } from './seeded-random.ts'

/** Street names found in nearly every Italian comune, so none looks out of place. */
const STREETS: readonly string[] = [
  'Via Roma', 'Piazza Garibaldi', 'Corso Vittorio Emanuele II', 'Via Giuseppe Mazzini', 'Via Cavour',
  'Via XX Settembre', 'Via Dante Alighieri', 'Piazza della Repubblica', 'Via Giacomo Matteotti',
  'Via Antonio Gramsci', 'Viale della Libertà', 'Via IV Novembre', 'Piazza Guglielmo Marconi',
  'Via San Francesco', 'Via della Stazione', 'Corso Italia', 'Via Nazionale', 'Piazza Aldo Moro',
  'Via Papa Giovanni XXIII', 'Via Don Luigi Sturzo', 'Via Alcide De Gasperi', 'Piazza Unità d\'Italia',
  'Via Trieste', 'Via Trento', 'Viale Europa', 'Via Cesare Battisti', 'Via Giuseppe Verdi', 'Via Aurelio Saffi',
  'Piazza San Marco', 'Via Fratelli Cervi', 'Via Goffredo Mameli', 'Via Nino Bixio',
]
const TOWN_HALL_SQUARES: readonly string[] = ['Piazza del Municipio', 'Piazza Municipio', 'Piazza del Comune', 'Piazza Vittorio Veneto']
const MARKET_SQUARES: readonly string[] = ['Piazza del Mercato', 'Piazza della Chiesa', 'Parcheggio del Municipio', 'Piazza IV Novembre', 'Largo della Pace']

/** "Via Roma 12": small house numbers are the most common. */
export function demoStreetAddress(random: SeededRandom): string {
  const number = random.chance(0.7) ? random.int(1, 40) : random.int(41, 180)
  return `${random.pick(STREETS)} ${number}`
}

/** The town hall's square, where URPs and unioni di comuni usually are. */
export const demoTownHallAddress = (random: SeededRandom): string => `${random.pick(TOWN_HALL_SQUARES)} ${random.int(1, 3)}`

/** Where a van parks: a square, no house number. */
export const demoParkingPlace = (random: SeededRandom): string => random.pick(MARKET_SQUARES)
