/**
 * The registry's single DynamoDB table, described once: the local bootstrap (dynalite) and the
 * CDK stack both read this, so the key names cannot drift apart. Access patterns are listed in
 * docs/ARCHITECTURE.md ("The table").
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Points by region, then province, comune and id: operators' listings of their own area. */
  byArea: { indexName: 'by-area', partitionKey: 'area_pk', sortKey: 'area_sk' },
  /** Points by operator (the slug of `operator.name`): a point operator's own list in the console. */
  byOperator: { indexName: 'by-operator', partitionKey: 'operator_pk', sortKey: 'pk' },
} as const

export const operatorPartitionKey = (operatorKey: string): string => `OPERATOR#${operatorKey}`
export const regionPartitionKey = (istat: string): string => `REGION#${istat}`

export const POINT_SORT_KEY = 'POINT'
export const pointPartitionKey = (id: string): string => `POINT#${id}`

/** The registry version item: bumped on every write, so a reader can tell cheaply that anything changed. */
export const VERSION_ITEM_KEY = { pk: 'META', sk: 'REGISTRY_VERSION' } as const

/** Region partition for points outside Italy (imported from foreign standards). */
export const FOREIGN_AREA = 'REGION#none'

/**
 * The journal: a second table for what accumulates and the snapshot never reads (each point's
 * past versions, citizens' reports). Apart from the registry so that the indexer's full scan of
 * the registry stays the size of the registry, however long the history grows.
 */
export const JOURNAL_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Sparse: only open reports carry its keys, so it lists exactly what operators have to answer. */
  openReports: { indexName: 'open-reports', partitionKey: 'open_pk', sortKey: 'open_sk' },
  /** Items that may vanish on their own (rate-limit counters): DynamoDB's TTL attribute. */
  expiresAt: 'expires_at',
} as const

/** The journal's name beside a registry table, where nothing names it otherwise (local, tests, CLI). */
export const journalTableFor = (registryTable: string): string => `${registryTable}-journal`

export const historyPartitionKey = (id: string): string => `HISTORY#${id}`
/** Zero-padded, so the sort key orders versions as numbers. */
export const historySortKey = (version: number): string => `V#${String(version).padStart(10, '0')}`
export const HISTORY_SORT_PREFIX = 'V#'

export const reportsPartitionKey = (pointId: string): string => `REPORTS#${pointId}`
export const reportSortKey = (id: string): string => `R#${id}`
export const OPEN_REPORTS_PARTITION = 'OPEN'
export const rateLimitKey = (clientKey: string): string => `RATE#${clientKey}`
