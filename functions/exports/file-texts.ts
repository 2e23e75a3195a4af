import { DATA_DICTIONARY_FILE } from './data-dictionary.ts'
import { FR_MEDIATION_FILE } from './fr-mediation-export.ts'
import { TEMPLATE_FILE } from './template-export.ts'

/**
 * What each file holds, in Italian and English (the /opendata/ page, and the catalogue's descriptions), with
 * its Italian title in the catalogue; a file not named here is listed by its name alone.
 */
export const FILE_TEXTS: Record<string, { readonly title: string; readonly it: string; readonly en: string }> = {
  'punti-facilitazione.csv': {
    title: 'Punti di facilitazione digitale, un luogo per riga (CSV)',
    it: 'Il registro in CSV: una riga per ogni luogo in cui un punto si trova (un’unità mobile una volta per sosta), ogni stato.',
    en: 'The registry as CSV: one row per place where a point can be met (a mobile unit once per stop), every status.',
  },
  'punti-facilitazione.geojson': {
    title: 'Punti di facilitazione digitale sulla mappa (GeoJSON)',
    it: 'Gli stessi luoghi in GeoJSON (RFC 7946), per le mappe e i sistemi GIS.',
    en: 'The same places as GeoJSON (RFC 7946), for maps and GIS.',
  },
  'punti-facilitazione.json': {
    title: 'Record del registro, uno per punto (JSON)',
    it: 'I record del registro, uno per punto, in ordine di identificativo.',
    en: 'The registry’s records, one per point, in id order.',
  },
  [TEMPLATE_FILE]: {
    title: 'Registro nelle colonne del modello d’importazione (CSV)',
    it: 'Il registro nelle colonne del modello d’importazione: da scaricare, correggere e reimportare.',
    en: 'The registry in the import template’s columns: download, correct and import again.',
  },
  [FR_MEDIATION_FILE]: {
    title: 'Punti attivi nello standard francese dei luoghi di mediazione digitale (CSV)',
    it: 'I punti attivi nello standard francese dei luoghi di mediazione digitale.',
    en: 'The active points in the French standard for digital-inclusion places.',
  },
  [DATA_DICTIONARY_FILE]: {
    title: 'Dizionario dei dati (CSV)',
    it: 'Il dizionario dei dati: che cosa dice ogni colonna e ogni proprietà.',
    en: 'The data dictionary: what every column and property means.',
  },
}
