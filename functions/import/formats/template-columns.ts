/**
 * The import template's columns (docs/import-template.md), in the order of the example file: one
 * list for the importer (template.ts) and the open-data download in the same columns
 * (functions/exports/template-export.ts), which must not load the importer's parsers.
 */
export const TEMPLATE_COLUMNS = [
  'fonte', 'id_punto', 'nome_punto', 'stato', 'ente_gestore', 'tipo_ente', 'codice_istat_comune', 'comune', 'provincia',
  'indirizzo', 'cap', 'id_sede', 'tipo_sede', 'nome_sede', 'latitudine', 'longitudine', 'orari', 'valido_dal', 'valido_al',
  'servizi', 'temi', 'prenotazione', 'url_prenotazione', 'telefono', 'email', 'sito_web', 'lingue', 'accessibile',
  'note_accessibilita', 'verificato_il', 'descrizione',
  // Added with issue 14, so the registry downloaded in these columns comes back unchanged.
  'festivi', 'chiusure', 'fermate', 'indirizzo_punto', 'cap_punto', 'id_puntovicino',
] as const
