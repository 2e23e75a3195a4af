import type { JsonObject } from './catalog-turtle.ts'
import type { CatalogedFile } from './registry-files.ts'
import { DEMO_PUBLISHER, type CatalogPublisher } from './catalog-publisher.ts'
import { CATALOG_FILE, OPEN_DATA_PREFIX, type DemoCensus } from './open-data-layout.ts'
import { DATA_DICTIONARY_FILE } from './data-dictionary.ts'
import { FR_MEDIATION_FILE } from './fr-mediation-export.ts'
import { FILE_TEXTS } from './file-texts.ts'

/** The French standard the file of that name follows (fr-mediation-export.ts). */
const FR_MEDIATION_STANDARD = 'https://github.com/LaMednum/standard-mediation-num'

/**
 * The registry as a data set in a catalogue (issue 14): DCAT-AP_IT metadata in JSON-LD, so
 * dati.gov.it and regional catalogues can harvest it. One catalogue, one data set (the registry,
 * CC BY 4.0, updated daily, covering Italy), one distribution per whole-registry file with its
 * format, media type, size and download address. The publisher and rights holder are whoever
 * deploys PuntoVicino (`CatalogPublisher`); the generated demo registry says so in its title.
 */
const FILE_TYPES: Record<string, { format: string; mediaType: string }> = {
  csv: { format: 'http://publications.europa.eu/resource/authority/file-type/CSV', mediaType: 'text/csv' },
  geojson: { format: 'http://publications.europa.eu/resource/authority/file-type/GEOJSON', mediaType: 'application/geo+json' },
  json: { format: 'http://publications.europa.eu/resource/authority/file-type/JSON', mediaType: 'application/json' },
}
/** CC BY 4.0 in the Italian licences vocabulary (A21), as DCAT-AP_IT asks. */
export const LICENCE = 'https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40'

/**
 * What the title and the description add for generated points: a whole demo registry, or real
 * points with demo ones beside them (a region trying its own file on a laptop would otherwise
 * publish 3,000 made-up points as real). Nothing for a registry without any.
 */
function demoWords({ demoPoints, points }: DemoCensus): { title: string; description: string } {
  if (demoPoints === 0) return { title: '', description: '' }
  if (demoPoints === points) return { title: ' — registro dimostrativo generato', description: ' Registro dimostrativo: i punti sono generati e non esistono.' }
  return {
    title: ` — contiene ${demoPoints} punti dimostrativi generati`,
    description: ` Attenzione: ${demoPoints} punti su ${points} sono dimostrativi, generati e non reali (source_dataset «demo» nei file).`,
  }
}

export function dcatCatalog({ origin, files, modified, demo, publisher = DEMO_PUBLISHER }: { origin: string; files: readonly CatalogedFile[]; modified: string; demo: DemoCensus; publisher?: CatalogPublisher }): JsonObject {
  const agent = { '@type': ['dcatapit:Agent', 'foaf:Agent'], 'dct:identifier': publisher.ipaCode, 'foaf:name': publisher.name }
  const datasetId = `${origin}/${OPEN_DATA_PREFIX}${CATALOG_FILE}#punti-facilitazione-digitale`
  const generated = demoWords(demo)
  const title = `Punti di facilitazione digitale (PNRR Misura 1.7.2)${generated.title}`
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      dcatapit: 'http://dati.gov.it/onto/dcatapit#',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      locn: 'http://www.w3.org/ns/locn#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${origin}/${OPEN_DATA_PREFIX}${CATALOG_FILE}`,
    '@type': ['dcatapit:Catalog', 'dcat:Catalog'],
    'dct:title': 'Catalogo dei dati di PuntoVicino',
    'dct:description': 'Dati aperti del registro dei punti di facilitazione digitale.',
    'dct:publisher': agent,
    'dct:modified': { '@value': modified, '@type': 'xsd:date' },
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ITA' },
    'foaf:homepage': { '@id': `${origin}/` },
    'dcat:dataset': {
      '@id': datasetId,
      '@type': ['dcatapit:Dataset', 'dcat:Dataset'],
      'dct:identifier': `${publisher.ipaCode}:punti-facilitazione-digitale`,
      'dct:title': title,
      'dct:description':
        'I punti di facilitazione digitale dove i facilitatori aiutano gratuitamente i cittadini con SPID, CIE, fascicolo sanitario, pagoPA e altri servizi online: sedi, coordinate, orari, servizi, contatti. Nei file CSV e GeoJSON una riga per ogni luogo in cui un punto si trova (un\'unità mobile per ogni sosta); nel file JSON un record per punto; nel modello d\'importazione una riga per sede.' + generated.description,
      'dct:modified': { '@value': modified, '@type': 'xsd:date' },
      'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' },
      'dcat:theme': [{ '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' }, { '@id': 'http://publications.europa.eu/resource/authority/data-theme/EDUC' }],
      'dct:rightsHolder': agent,
      'dct:publisher': agent,
      'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ITA' },
      // A dct:Location with its identifier and name, as DCAT-AP_IT's harvester reads coverage (a bare IRI was dropped).
      'dct:spatial': {
        '@id': 'http://publications.europa.eu/resource/authority/country/ITA',
        '@type': 'dct:Location',
        'dcatapit:geographicalIdentifier': 'http://publications.europa.eu/resource/authority/country/ITA',
        'locn:geographicalName': { '@value': 'Italia', '@language': 'it' },
      },
      'dcat:keyword': ['facilitazione digitale', 'PNRR', 'SPID', 'CIE', 'competenze digitali'],
      'dcat:landingPage': { '@id': `${origin}/` },
      'dcat:contactPoint': { '@type': ['dcatapit:Organization', 'vcard:Organization'], 'vcard:fn': publisher.name, 'vcard:hasEmail': { '@id': `mailto:${publisher.email}` } },
      // The data dictionary documents the files; it is not one of the data set's distributions.
      'dcat:distribution': files.filter((file) => file.name !== DATA_DICTIONARY_FILE).map((file) => {
        const type = FILE_TYPES[file.name.split('.').at(-1)!]!
        const url = `${origin}/${OPEN_DATA_PREFIX}${file.name}`
        return {
          '@id': `${url}#distribuzione`,
          '@type': ['dcatapit:Distribution', 'dcat:Distribution'],
          // Titled and described in Italian for a catalogue's reader (the file's name alone said little).
          'dct:title': FILE_TEXTS[file.name]?.title ?? file.name,
          ...(FILE_TEXTS[file.name] ? { 'dct:description': FILE_TEXTS[file.name]!.it } : {}),
          ...(file.name === FR_MEDIATION_FILE ? { 'dct:conformsTo': { '@id': FR_MEDIATION_STANDARD, '@type': 'dct:Standard' } } : {}),
          'dct:format': { '@id': type.format },
          'dcat:mediaType': type.mediaType,
          'dcat:accessURL': { '@id': url },
          'dcat:downloadURL': { '@id': url },
          'dcat:byteSize': { '@value': String(file.bytes), '@type': 'xsd:decimal' },
          // What documents the file: the records, the API's schema (PointRecord); the others, the data dictionary.
          ...(file.name.endsWith('.json')
            ? { 'foaf:page': { '@id': `${origin}/v1/docs` } }
            : files.some((f) => f.name === DATA_DICTIONARY_FILE)
              ? { 'foaf:page': { '@id': `${origin}/${OPEN_DATA_PREFIX}${DATA_DICTIONARY_FILE}` } }
              : {}),
          'dct:license': { '@id': LICENCE, '@type': ['dcatapit:LicenseDocument', 'dct:LicenseDocument'], 'dct:type': { '@id': 'http://purl.org/adms/licencetype/Attribution' }, 'foaf:name': 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)' },
        }
      }),
    },
  }
}
