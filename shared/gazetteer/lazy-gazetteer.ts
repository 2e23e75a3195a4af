import type { Gazetteer } from './create-gazetteer.ts'

/**
 * A gazetteer made on first use: only some routes need the 7,896 comuni (places, coverage,
 * regions, and a `comune=` filter, checked against them), so a Lambda cold start that answers a
 * nearest query never reads nor parses them.
 */
export function lazyGazetteer(load: () => Gazetteer): Gazetteer {
  let made: Gazetteer | undefined
  const gazetteer = (): Gazetteer => (made ??= load())
  return {
    get comuni() {
      return gazetteer().comuni
    },
    byIstat: (code) => gazetteer().byIstat(code),
    findByName: (name, opts) => gazetteer().findByName(name, opts),
    search: (q, limit, within) => gazetteer().search(q, limit, within),
    nearest: (lat, lon) => gazetteer().nearest(lat, lon),
    comuniNear: (lat, lon, slackKm) => gazetteer().comuniNear(lat, lon, slackKm),
    byPostcode: (cap) => gazetteer().byPostcode(cap),
    similar: (name, limit, within) => gazetteer().similar(name, limit, within),
  }
}
