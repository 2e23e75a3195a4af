/**
 * The map's typefaces: Titillium Web, the Designers Italia face the page itself uses, as
 * signed-distance-field glyph ranges (`<font name>/<start>-<end>.pbf`) that we build and serve
 * (functions/basemap/build-glyphs.ts), so no label needs a third-party font server. One list for
 * the glyph builder, the built-in offline style and the style written for a published archive.
 */
export const MAP_FONTS = {
  regular: 'Titillium Web Regular',
  bold: 'Titillium Web SemiBold',
  italic: 'Titillium Web Italic',
} as const

export type MapFontName = (typeof MAP_FONTS)[keyof typeof MAP_FONTS]

/** Where the glyph ranges are served, below the site's root. */
export const GLYPHS_FOLDER = 'basemap/fonts'
/** MapLibre's `glyphs` template below the site's root. */
export const GLYPHS_PATH = `${GLYPHS_FOLDER}/{fontstack}/{range}.pbf`
