/**
 * The offline basemap's files: copied from data/ into `<dist>/basemap/` by the build (and the
 * audit's baseline page), and read from there by the built-in map style. One list, so a renamed
 * file cannot leave the style pointing at a file the build no longer ships.
 */
export const BASEMAP_FOLDER = 'basemap'

export const BASEMAP_FILES = {
  regions: 'it_regioni_simplified.geojson',
  provinces: 'it_province_simplified.geojson',
} as const
