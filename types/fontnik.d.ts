// fontnik ships no type declarations; this covers the part the glyph builder uses.
declare module 'fontnik' {
  interface RangeOptions {
    /** The font file's bytes (TTF, OTF or WOFF; not WOFF2). */
    font: Uint8Array
    start: number
    end: number
  }
  /** One 256-code-point range of signed-distance-field glyphs as a gzip-less protobuf (the MapLibre glyph format). */
  function range(options: RangeOptions, callback: (error: Error | null, pbf: Uint8Array) => void): void
  /** Merges glyph protobufs of the same range: the first buffer's glyph wins where both have one. */
  function composite(buffers: Uint8Array[], callback: (error: Error | null, pbf: Uint8Array) => void): void
  const fontnik: { range: typeof range; composite: typeof composite }
  export default fontnik
}
