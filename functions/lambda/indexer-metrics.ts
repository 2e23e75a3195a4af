/**
 * The indexer's own CloudWatch metrics, written as embedded-metric-format log lines (no API call,
 * no IAM permission). One place for the names: the indexer writes them, the stack alarms on them.
 */
export const INDEXER_METRICS = {
  namespace: 'PuntoVicino',
  /** Stored items left out of the last snapshot because they are not valid points. */
  invalidItems: 'InvalidRegistryItems',
} as const
