/**
 * Where a street-map archive and its style live on the site: `/tiles/style.json` beside
 * `/tiles/<name>-<hash>.pmtiles`. The page asks for the style; the build writes the built-in
 * map's style there; the CDK stack routes `/tiles/*` to the basemap bucket, falling back to the
 * site's own files where nothing is published; `npm start` serves the archive chosen with
 * `npm run basemap -- use`; `npm run basemap -- publish` uploads there. One place for the names
 * they all agree on.
 */
export const TILES_FOLDER = 'tiles'
export const STYLE_FILE = 'style.json'
/** The style's address below the site's root; the page's default `map-style`. */
export const STYLE_PATH = `${TILES_FOLDER}/${STYLE_FILE}`

/** An archive's name on the site carries a hash of its content, so it can be cached for a year. */
export const ARCHIVE_FILE_PATTERN = /^[a-z0-9][a-z0-9-]{0,80}-[0-9a-f]{12}\.pmtiles$/

/** A style's `metadata` key saying which map it draws: `builtin` (ISTAT, offline) or `streets` (an archive). */
export const BASEMAP_KIND_KEY = 'puntovicino:basemap'
export type BasemapKind = 'builtin' | 'streets'
