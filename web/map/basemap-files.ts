/**
 * The offline basemap's files under `<dist>/basemap/`, written by the build (and the audit's
 * baseline page) with `writeBuiltinBasemap`, and read by the built-in map style. One list, so a
 * renamed file cannot leave the style pointing at a file the build no longer ships.
 */
export const BASEMAP_FOLDER = 'basemap'

export const BASEMAP_FILES = {
  /** ISTAT region boundaries, as shipped in data/. */
  regions: 'it_regioni_simplified.geojson',
  /** ISTAT province boundaries, as shipped in data/. */
  provinces: 'it_province_simplified.geojson',
  /** The comuni's names as map labels, made from the gazetteer (see comune-labels.ts). */
  comuni: 'comuni-labels.geojson',
} as const
