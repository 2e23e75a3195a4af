/**
 * Where the whole-registry open-data files live: the URL path prefix on the site, and the key
 * prefix in their S3 bucket. One place, shared by the indexer, the local server and the stack.
 */
export const OPEN_DATA_PREFIX = 'opendata/'

/** The open-data files' DCAT-AP_IT catalogue, beside them. */
export const CATALOG_FILE = 'catalog.jsonld'

/** The same catalogue as Turtle, for harvesters that read RDF. */
export const CATALOG_TURTLE_FILE = 'catalog.ttl'

/** The page that lists the files, served at /opendata/ (open-data-index.ts). */
export const OPEN_DATA_INDEX_FILE = 'index.html'

/** How many of the registry's points are generated demo points, which the catalogue and the index page say are not real. */
export interface DemoCensus {
  readonly demoPoints: number
  readonly points: number
}

/** What the catalogue says of the registry as a whole, read from every record once per snapshot. */
export interface RegistryCensus extends DemoCensus {
  /** The latest `updated_at` of a point (an ISO instant); null for an empty registry. */
  readonly lastChange: string | null
}

/** How a file is served: the files are downloaded under their name, the index page is shown. */
export const contentDispositionOf = (name: string): string | undefined => (name === OPEN_DATA_INDEX_FILE ? undefined : `attachment; filename="${name}"`)
