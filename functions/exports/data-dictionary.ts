import type { CsvColumn } from './csv-export.ts'
import { csvFormat, csvTable, fileCsvColumns } from './csv-export.ts'
import { TEMPLATE_COLUMNS } from '../import/formats/template-columns.ts'
import { TEMPLATE_FILE } from './template-export.ts'
import { FR_MEDIATION_COLUMNS, FR_MEDIATION_FILE } from './fr-mediation-export.ts'
import { geoJsonFormat } from './geojson-export.ts'

/**
 * The open-data files' data dictionary (issue 14): each column of the three CSV files (the API's
 * columns, the import template's, the French standard's) and each property of the GeoJSON
 * file's features, its type and its meaning in Italian and English (the JSON file's records are
 * described by the API's schema, PointRecord in /v1/openapi.json). A column without an entry fails a test, so
 * the dictionary cannot fall behind the files.
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
  valid_from: ["AAAA-MM-GG o '--MM-GG", "Inizio della stagione (sede stagionale; --MM-GG ogni anno, scritto '--MM-GG: l'apostrofo iniziale impedisce ai fogli di calcolo di leggerlo come una formula, e va tolto leggendo il file con altri strumenti)", "Start of the season (seasonal site; --MM-DD every year, written '--MM-DD: the leading apostrophe stops spreadsheets reading it as a formula; strip it when reading the file with other tools)"],
  valid_to: ["AAAA-MM-GG o '--MM-GG", 'Fine della stagione (come valid_from)', 'End of the season (as valid_from)'],
  opening_hours_osm: ['opening_hours di OpenStreetMap', 'Orario settimanale nella sintassi di OpenStreetMap, ora di Roma; vuoto sulle righe delle soste (place_kind stop: vale place_dates)', "Weekly hours in OpenStreetMap syntax, Rome time; empty on a stop's row (place_kind stop: see place_dates)"],
  opening_hours_text: ['testo', 'Orario settimanale in italiano; vuoto sulle righe delle soste', "Weekly hours in Italian; empty on a stop's row"],
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
  place_kind: ['site | base | stop, vuoto per l’aiuto online', 'Che luogo è la riga: la sede, la base di un’unità mobile, una sosta; vuoto per una sede online, che non ha luogo', "What the row's place is: the site, a mobile unit's base, a stop; empty for an online site, which has no place"],
  place_label: ['testo', 'Nome del luogo (la sosta)', "Name of the place (the stop)"],
  place_dates: ['date AAAA-MM-GG separate da |', 'Le date delle soste in quel luogo, tolte quelle annullate da una chiusura; nelle pagine dell’API solo da oggi in poi', 'The dates of the stops at that place, without those a closure cancels; in the API’s pages from today on only'],
  place_sessions: ['«AAAA-MM-GG HH:MM-HH:MM» separati da |', 'Le soste in quel luogo con i loro orari, ora di Roma, come place_dates', "The stops at that place with their hours, Rome time, as place_dates"],
  place_comune_istat: ['codice ISTAT, 6 cifre', 'Comune del luogo della riga (la sede, la base, la sosta), che può essere diverso da quello del punto (comune_istat); vuoto per l’aiuto online e per una sosta che non lo indica', "Comune of the row's place (the site, the base, the stop), which may differ from the point's (comune_istat); empty for online help and for a stop that does not say it"],
}

/** The import template's columns, as docs/import-template.md explains them to whoever fills them in. */
export const TEMPLATE_DICTIONARY: Readonly<Record<(typeof TEMPLATE_COLUMNS)[number], Entry>> = {
  fonte: ['testo', 'Chi invia i dati: la prima parte dell’identificativo dei punti nuovi', 'Who sends the data: the first part of new points’ identifiers'],
  id_punto: ['testo', 'Codice del punto nella fonte; righe con lo stesso codice sono sedi dello stesso punto', 'The point’s code in the source; rows with the same code are sites of one point'],
  nome_punto: ['testo', 'Nome del punto', 'Name of the point'],
  stato: ['attivo | sospeso | chiuso', 'Stato del punto', 'Status of the point'],
  ente_gestore: ['testo', 'Ente che gestisce il punto', 'Body running the point'],
  tipo_ente: ['comune | unione_comuni | ente_pubblico | biblioteca | scuola | terzo_settore | altro', 'Tipo di ente gestore', 'Kind of operator'],
  codice_istat_comune: ['codice ISTAT, 6 cifre', 'Comune della sede (codice ISTAT)', 'Comune of the site (ISTAT code)'],
  comune: ['testo', 'Comune della sede (nome, anche nella seconda lingua ufficiale)', 'Comune of the site (name, also in the second official language)'],
  provincia: ['sigla, 2 lettere', 'Provincia, solo per distinguere comuni omonimi', 'Province, only to tell apart comuni of the same name'],
  indirizzo: ['testo', 'Indirizzo della sede', 'Street address of the site'],
  cap: ['CAP, 5 cifre', 'CAP della sede', 'Postcode of the site'],
  id_sede: ['testo', 'Codice della sede, unico nel punto', 'Code of the site, unique within the point'],
  tipo_sede: ['fissa | mobile | stagionale | online', 'Tipo di sede', 'Kind of site'],
  nome_sede: ['testo', 'Nome della sede o della sosta', 'Name of the site or stop'],
  latitudine: ['gradi decimali WGS84', 'Latitudine della sede', 'Latitude of the site'],
  longitudine: ['gradi decimali WGS84', 'Longitudine della sede', 'Longitude of the site'],
  orari: ['opening_hours di OpenStreetMap, o testo in italiano', 'Orario settimanale della sede, ora di Roma', 'Weekly hours of the site, Rome time'],
  valido_dal: ['AAAA-MM-GG o --MM-GG', 'Inizio della stagione (sede stagionale)', 'Start of the season (seasonal site)'],
  valido_al: ['AAAA-MM-GG o --MM-GG', 'Fine della stagione (inclusa)', 'End of the season (included)'],
  servizi: ['elenco separato da |', 'Servizi del punto (l’assistenza individuale c’è sempre)', 'Services of the point (individual help is always offered)'],
  temi: ['elenco separato da |', 'Argomenti su cui si riceve aiuto', 'Topics one gets help with'],
  prenotazione: ['libero_accesso | appuntamento | entrambi', 'Come si accede', 'How to get in'],
  url_prenotazione: ['URL http(s)', 'Pagina per prenotare', 'Where to book'],
  telefono: ['testo', 'Telefono', 'Phone'],
  email: ['email', 'Email', 'Email'],
  sito_web: ['URL http(s)', 'Sito web', 'Website'],
  lingue: ['elenco separato da |, codici ISO 639-1', 'Lingue parlate', 'Languages spoken'],
  accessibile: ['si | no | vuoto', 'Sede senza barriere (vuoto: non si sa)', 'Step-free site (empty: not known)'],
  note_accessibilita: ['testo', 'Dettagli sull’accessibilità', 'Accessibility details'],
  verificato_il: ['AAAA-MM-GG, o data e ora ISO 8601', 'Ultima verifica dei dati', 'Last check of the data'],
  descrizione: ['testo', 'Breve descrizione del punto', 'Short description of the point'],
  festivi: ['aperto | chiuso | vuoto', 'Nei giorni festivi nazionali la sede è aperta come gli altri giorni, o chiusa (vuoto: chiusa)', 'On national public holidays the site opens as on other days, or is closed (empty: closed)'],
  chiusure: ['AAAA-MM-GG[/AAAA-MM-GG] motivo, separate da |', 'Giorni di chiusura (estremi inclusi), con il motivo', 'Days closed (both ends included), with the reason'],
  fermate: ['AAAA-MM-GG HH:MM-HH:MM @ lat,lon (codice ISTAT) luogo, separate da |', 'Soste datate di un’unità mobile', 'Dated stops of a mobile unit'],
  indirizzo_punto: ['testo', 'Indirizzo del punto (la sede dell’ente), se non è quello della prima sede', 'Address of the point (the operator’s seat), when not its first site’s'],
  cap_punto: ['CAP, 5 cifre', 'CAP del punto, se non è quello della prima sede', 'Postcode of the point, when not its first site’s'],
  id_puntovicino: ['testo', 'Identificativo del punto in PuntoVicino: vuoto per un punto nuovo', 'The point’s identifier in PuntoVicino: empty for a new point'],
}

/**
 * The French standard's fields as this file fills them (the standard's own schema describes them
 * in French: https://github.com/LaMednum/standard-mediation-num).
 */
export const FR_MEDIATION_DICTIONARY: Readonly<Record<(typeof FR_MEDIATION_COLUMNS)[number], Entry>> = {
  id: ['testo', 'Identificativo del luogo: punto e sede, separati da --', 'Identifier of the place: point and site, joined by --'],
  pivot: ['14 cifre', 'Sempre 00000000000000: i punti italiani non hanno SIRET né RNA', 'Always 00000000000000: Italian points have no SIRET or RNA number'],
  nom: ['testo', 'Nome del punto, e della sede quando ha un nome suo', 'Name of the point, and of the site when it has its own'],
  commune: ['testo', 'Comune della sede', 'Comune of the site'],
  code_postal: ['CAP, 5 cifre', 'CAP della sede', 'Postcode of the site'],
  code_insee: ['vuoto', 'Vuoto: è un codice francese (INSEE); il codice ISTAT è negli altri file', 'Empty: a French (INSEE) code; the ISTAT code is in the other files'],
  adresse: ['testo', 'Indirizzo della sede', 'Street address of the site'],
  complement_adresse: ['vuoto', 'Non usato', 'Not used'],
  latitude: ['gradi decimali WGS84', 'Latitudine della sede', 'Latitude of the site'],
  longitude: ['gradi decimali WGS84', 'Longitudine della sede', 'Longitude of the site'],
  typologie: ['MUNI | EPCI | BIB | ASSO | vuoto', 'Tipo di ente nel vocabolario data.inclusion (comune, unione di comuni, biblioteca, associazione)', 'Kind of operator in the data.inclusion vocabulary'],
  telephone: ['vuoto', 'Vuoto: lo standard ammette solo prefissi francesi; il telefono è negli altri file', 'Empty: the standard admits French prefixes only; the phone is in the other files'],
  courriels: ['email', 'Email del punto', 'Email of the point'],
  site_web: ['URL http(s)', 'Sito web del punto', 'Website of the point'],
  horaires: ['opening_hours di OpenStreetMap', 'Orario settimanale, con la stagione e i festivi; senza chiusure né soste datate', 'Weekly hours, with the season and public holidays; no closures or dated stops'],
  presentation_resume: ['testo, max 280 caratteri', 'Descrizione del punto, accorciata', 'Description of the point, shortened'],
  presentation_detail: ['testo', 'Descrizione intera, quando è più lunga di 280 caratteri', 'The whole description, when longer than 280 characters'],
  source: ['testo', 'PuntoVicino e la fonte del dato', 'PuntoVicino and the source of the record'],
  itinerance: ['Itinérant | Fixe', 'Itinérant per una sosta di unità mobile, Fixe altrimenti', 'Itinérant for a mobile unit’s stop, Fixe otherwise'],
  structure_parente: ['testo', 'Ente che gestisce il punto', 'Body running the point'],
  date_maj: ['AAAA-MM-GG', 'Giorno dell’ultima modifica (ora di Roma)', 'Day of the last change (Rome time)'],
  services: ['elenco separato da |', 'Aiuto con i servizi online della PA, più quanto dicono gli argomenti (competenze di base, lavoro, sicurezza, scuola)', 'Help with online public services, plus what the topics say (basic skills, work, safety, school)'],
  publics_specifiquement_adresses: ['vuoto', 'Non usato', 'Not used'],
  prise_en_charge_specifique: ['vuoto', 'Non usato', 'Not used'],
  frais_a_charge: ['Gratuit', 'Sempre gratuito', 'Always free of charge'],
  dispositif_programmes_nationaux: ['vuoto', 'Non usato: i programmi elencati sono francesi', 'Not used: the programmes listed are French'],
  formations_labels: ['vuoto', 'Non usato', 'Not used'],
  autres_formations_labels: ['vuoto', 'Non usato', 'Not used'],
  modalites_acces: ['elenco separato da |', 'Come si accede: presentarsi, prenotare online, telefonare, scrivere', 'How to get in: walk in, book online, phone, write'],
  modalites_accompagnement: ['elenco separato da |', 'Servizi: assistenza individuale, formazione in gruppo, formazione in autonomia', 'Services: individual help, group courses, self-learning'],
  fiche_acces_libre: ['vuoto', 'Non usato', 'Not used'],
  prise_rdv: ['URL http(s)', 'Pagina per prenotare', 'Where to book'],
}

/** The GeoJSON file's feature properties (one feature per place where a site is met; its geometry is the place). */
export const GEOJSON_DICTIONARY: Readonly<Record<string, Entry>> = {
  point_id: ['testo', 'Identificativo stabile del punto', 'Stable identifier of the point'],
  site_id: ['testo', 'Identificativo della sede nel punto', 'Identifier of the site within the point'],
  name: ['testo', 'Nome del punto', 'Name of the point'],
  site_label: ['testo', 'Nome della sede', 'Name of the site'],
  kind: ['fixed | mobile | seasonal | online', 'Tipo di sede', 'Kind of site'],
  status: ['active | suspended | closed', 'Stato del punto', 'Status of the point'],
  comune: ['testo', 'Comune del punto', 'Comune of the point'],
  comune_istat: ['codice ISTAT, 6 cifre', 'Comune del punto (codice ISTAT)', 'Comune of the point (ISTAT code)'],
  province: ['sigla, 2 lettere', 'Provincia del punto', 'Province of the point'],
  services: ['array di testi', 'Servizi del punto', 'Services of the point'],
  topics: ['array di testi', 'Argomenti su cui si riceve aiuto', 'Topics one gets help with'],
  opening_hours_text: ['testo', 'Orario del punto in italiano', 'Hours of the point in Italian'],
  step_free: ['true | false | null', 'Accesso senza gradini (null: non indicato)', 'Step-free access (null: not stated)'],
  place_kind: ['site | base | stop', 'Che luogo è: la sede, la base di un’unità mobile, una sosta', "What the place is: the site, a mobile unit's base, a stop"],
  place_label: ['testo', 'Nome del luogo (la sosta)', 'Name of the place (the stop)'],
  place_dates: ['array di date AAAA-MM-GG', 'Le date delle soste in quel luogo, tolte quelle annullate da una chiusura; nelle pagine dell’API solo da oggi in poi', 'The dates of the stops at that place, without those a closure cancels; in the API’s pages from today on only'],
  place_comune_istat: ['codice ISTAT, 6 cifre, o null', 'Comune del luogo (la sede, la base, la sosta), che può essere diverso da quello del punto; null per una sosta che non lo indica', "Comune of the place (the site, the base, the stop), which may differ from the point's; null for a stop that does not say it"],
  place_sessions: ['array di «AAAA-MM-GG HH:MM-HH:MM»', 'Le soste in quel luogo con i loro orari, ora di Roma, come place_dates', "The stops at that place with their hours, Rome time, as place_dates"],
  source_dataset: ['testo', 'Insieme di dati da cui viene il punto; «demo»: punto generato, non reale', 'Data set the point comes from; "demo": a generated point, not a real one'],
}

export const DATA_DICTIONARY_FILE = 'dizionario-dati.csv'

/**
 * The dictionary as CSV (column, type, descrizione, description, file), each file's columns in
 * its order. `file` came with the template's columns, at the end so the first four keep their place.
 */
export function dataDictionaryCsv(): { text: string; rows: number } {
  const rows = [
    ...fileCsvColumns.map((column) => [column, ...DATA_DICTIONARY[column as keyof typeof DATA_DICTIONARY], csvFormat.fileName]),
    ...TEMPLATE_COLUMNS.map((column) => [column, ...TEMPLATE_DICTIONARY[column], TEMPLATE_FILE]),
    ...FR_MEDIATION_COLUMNS.map((column) => [column, ...FR_MEDIATION_DICTIONARY[column], FR_MEDIATION_FILE]),
    ...Object.entries(GEOJSON_DICTIONARY).map(([property, entry]) => [property, ...entry, geoJsonFormat.fileName]),
  ]
  return { text: csvTable(['colonna', 'tipo', 'descrizione', 'description', 'file'], rows), rows: rows.length }
}
