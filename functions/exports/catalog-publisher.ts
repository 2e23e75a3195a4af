/**
 * Who publishes the open data in its DCAT-AP_IT catalogue (dcat-catalog.ts): the region or body
 * that deploys PuntoVicino, named in the stack's context and handed to the indexer by three
 * environment variables (not secrets). A module of its own so the indexer and the CDK app read
 * the configuration without loading the catalogue's builder.
 */
export interface CatalogPublisher {
  readonly name: string
  /** The IPA code of the administration (Indice PA), DCAT-AP_IT's agent identifier. */
  readonly ipaCode: string
  readonly email: string
}

export const DEMO_PUBLISHER: CatalogPublisher = { name: 'PuntoVicino (dimostrazione)', ipaCode: 'puntovicino-demo', email: 'dati@puntovicino.example' }

/** What the environment names of the publisher (the stack sets them from its context): all three, or none for the demo's. */
export const PUBLISHER_ENVIRONMENT = { name: 'CATALOG_PUBLISHER_NAME', ipaCode: 'CATALOG_PUBLISHER_IPA_CODE', email: 'CATALOG_PUBLISHER_EMAIL' } as const

/** IPA codes (indicepa.gov.it) are short lowercase codes: `r_toscan`, `c_g478`, `agid`. */
const IPA_CODE = /^[a-z0-9_]{2,20}$/
/** An address that needs no escaping in the catalogue's `mailto:` IRI. */
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/

/** The publisher as configured, checked; an incomplete or malformed configuration is an error that names the value. */
export function publisherFrom(values: { readonly name?: string; readonly ipaCode?: string; readonly email?: string }): CatalogPublisher | undefined {
  const given = [values.name, values.ipaCode, values.email].filter((v) => v !== undefined && v !== '')
  if (given.length === 0) return undefined
  if (given.length !== 3) throw new Error('catalogue publisher: give its name, IPA code and email together')
  if (!IPA_CODE.test(values.ipaCode!)) throw new Error(`catalogue publisher: "${values.ipaCode}" is not an IPA code (lowercase letters, digits, _; e.g. r_toscan)`)
  if (!EMAIL.test(values.email!)) throw new Error(`catalogue publisher: "${values.email}" is not an email address`)
  return { name: values.name!, ipaCode: values.ipaCode!, email: values.email! }
}
