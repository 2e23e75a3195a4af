import type { CsvColumn } from './csv-export.ts'
import { csvTable, fileCsvColumns } from './csv-export.ts'

/**
 * The open-data files' data dictionary (issue 14): each column of the CSV file, its type and
 * its meaning in Italian and English (the JSON file's fields are described by the API's schema). A column
 * without an entry fails a test, so the dictionary cannot fall behind the files.
 */
type Entry = readonly [type: string, it: string, en: string]

export const DATA_DICTIONARY: Readonly<Record<Exclude<CsvColumn, 'open_now' | 'next_opening' | 'distance_m'>, Entry>> = {
  point_id: ['testo', 'Identificativo stabile del punto', 'Stable identifier of the point'],
  name: ['testo', 'Nome del punto', 'Name of the point'],
  status: ['active | suspended | closed', 'Stato: attivo, sospeso, chiuso', 'Status: active, suspended, closed'],
  operator_name: ['testo', 'Ente che gestisce il punto', 'Body running the point'],
  operator_type: ['testo', 'Tipo di ente gestore (comune, associazione, …)', 'Kind of operator (comune, association, …)'],
  region_istat: ['codice ISTAT, 2 cifre', 'Regione (codice ISTAT)', 'Region (ISTAT code)'],
  region_name: ['testo', 'Regione (nome)', 'Region (name)'],
  province: ['sigla, 2 lettere', 'Provincia (sigla)', 'Province (two-letter code)'],
  comune_istat: ['codice ISTAT, 6 cifre', 'Comune (codice ISTAT)', 'Comune (ISTAT code)'],
  comune_name: ['testo', 'Comune (nome)', 'Comune (name)'],
  address_street: ['testo', 'Indirizzo del punto', "The point's street address"],
  address_postcode: ['CAP', 'CAP del punto', "The point's postcode"],
  site_id: ['testo', 'Identificativo della sede nel punto', 'Identifier of the site within the point'],
  site_kind: ['fixed | mobile | seasonal | online', 'Tipo di sede: fissa, unità mobile, stagionale, online', 'Kind of site: fixed, mobile unit, seasonal, online'],
  site_label: ['testo', 'Nome della sede', 'Name of the site'],
  site_street: ['testo', 'Indirizzo della sede', "The site's street address"],
  site_postcode: ['CAP', 'CAP della sede', "The site's postcode"],
  lat: ['gradi decimali WGS84', 'Latitudine del luogo (la sosta, per un’unità mobile)', 'Latitude of the place (the stop, for a mobile unit)'],
  lon: ['gradi decimali WGS84', 'Longitudine del luogo', 'Longitude of the place'],
  valid_from: ['AAAA-MM-GG o --MM-GG', 'Inizio della stagione (sede stagionale; --MM-GG ogni anno)', 'Start of the season (seasonal site; --MM-DD every year)'],
  valid_to: ['AAAA-MM-GG o --MM-GG', 'Fine della stagione', 'End of the season'],
  opening_hours_osm: ['opening_hours di OpenStreetMap', 'Orario settimanale nella sintassi di OpenStreetMap, ora di Roma', 'Weekly hours in OpenStreetMap syntax, Rome time'],
  opening_hours_text: ['testo', 'Orario settimanale in italiano', 'Weekly hours in Italian'],
  services: ['elenco separato da |', 'Servizi: assistenza_individuale, formazione_online, formazione_gruppo', 'Services: individual help, online learning, group courses'],
  topics: ['elenco separato da |', 'Argomenti (spid, cie, fse, pagopa, app_io, …)', 'Topics (spid, cie, fse, pagopa, app_io, …)'],
  booking: ['walk_in | appointment | both', 'Accesso: libero, su appuntamento, entrambi', 'Access: walk in, by appointment, both'],
  booking_url: ['URL http(s)', 'Indirizzo per prenotare', 'Where to book'],
  phone: ['testo', 'Telefono', 'Phone'],
  email: ['email', 'Email', 'Email'],
  website: ['URL http(s)', 'Sito web', 'Website'],
  languages: ['elenco separato da |, codici ISO 639-1', 'Lingue parlate', 'Languages spoken'],
  step_free: ['true | false | vuoto', 'Accesso senza gradini (vuoto: non indicato)', 'Step-free access (empty: not stated)'],
  updated_at: ['data e ora ISO 8601', 'Ultima modifica del punto', 'Last change to the point'],
  last_verified_at: ['data e ora ISO 8601', 'Ultima verifica da parte di chi gestisce il punto', 'Last check by its operator'],
  source_dataset: ['testo', "Fonte del dato (\"demo\" per i dati dimostrativi generati)", 'Where the record comes from ("demo" for generated demonstration data)'],
  source_id: ['testo', 'Identificativo nella fonte', 'Identifier in the source'],
  place_kind: ['site | base | stop', 'Che luogo è la riga: la sede, la base di un’unità mobile, una sosta', "What the row's place is: the site, a mobile unit's base, a stop"],
  place_label: ['testo', 'Nome del luogo (la sosta)', "Name of the place (the stop)"],
  place_dates: ['date AAAA-MM-GG separate da |', 'Le date delle prossime soste in quel luogo', 'The dates of the upcoming stops at that place'],
}

export const DATA_DICTIONARY_FILE = 'dizionario-dati.csv'

/** The dictionary as CSV (column, type, descrizione, description), in the files' column order. */
export function dataDictionaryCsv(): string {
  return csvTable(
    ['colonna', 'tipo', 'descrizione', 'description'],
    fileCsvColumns.map((column) => [column, ...DATA_DICTIONARY[column as keyof typeof DATA_DICTIONARY]]),
  )
}
