import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { groupedBy } from '../../shared/util/grouped-by.ts'

/** Comuni per ISTAT region code, in input order. */
export const groupByRegion = (comuni: readonly Comune[]): Map<string, Comune[]> => groupedBy(comuni, (c) => c.regionIstat)
