import { REGIONS } from '../../shared/gazetteer/admin-units.ts'

/**
 * A widget prefiltered to a region speaks of that region: its heading names it and the search
 * box suggests one of its comuni (its capital), not Firenze to a citizen of Puglia.
 */
const CAPITALS: Readonly<Record<string, string>> = {
  '01': 'Torino', '02': 'Aosta', '03': 'Milano', '04': 'Trento', '05': 'Venezia', '06': 'Trieste', '07': 'Genova',
  '08': 'Bologna', '09': 'Firenze', '10': 'Perugia', '11': 'Ancona', '12': 'Roma', '13': "L'Aquila", '14': 'Campobasso',
  '15': 'Napoli', '16': 'Bari', '17': 'Potenza', '18': 'Catanzaro', '19': 'Palermo', '20': 'Cagliari',
}

/** The region's name as people say it (the first of a bilingual name: "Valle d'Aosta"), or null. */
export const regionName = (code: string | null | undefined): string | null => (code && REGIONS[code] ? REGIONS[code]!.split('/')[0]! : null)

/** A comune to give as an example in the search box: the region's capital, Firenze without a region. */
export const exampleComune = (code: string | null | undefined): string => (code && CAPITALS[code]) || 'Firenze'
