import { PbfReader } from 'pbf'

/**
 * Reads the code points a MapLibre glyph range holds (the `glyphs` protobuf of
 * mapbox/glyph-pbf-composite: stacks → fontstack {name, range, glyphs} → glyph {id, …}).
 * Used to drop empty ranges when building and to prove, in tests, that every name the map
 * draws has its letters.
 */
export function glyphCodePoints(pbf: Uint8Array): number[] {
  const ids: number[] = []
  new PbfReader(pbf).readFields((stackTag, _stacks, stacks) => {
    if (stackTag !== 1) return
    stacks.readMessage((fieldTag, _fontstack, fontstack) => {
      if (fieldTag !== 3) return
      fontstack.readMessage((glyphTag, _glyph, glyph) => {
        if (glyphTag === 1) ids.push(glyph.readVarint())
      }, undefined)
    }, undefined)
  }, undefined)
  return ids
}
