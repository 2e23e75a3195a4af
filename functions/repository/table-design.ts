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
} as const

export const POINT_SORT_KEY = 'POINT'
export const pointPartitionKey = (id: string): string => `POINT#${id}`

/** The registry version item: bumped on every write, so a reader can tell cheaply that anything changed. */
export const VERSION_ITEM_KEY = { pk: 'META', sk: 'REGISTRY_VERSION' } as const

/** Region partition for points outside Italy (imported from foreign standards). */
export const FOREIGN_AREA = 'REGION#none'
