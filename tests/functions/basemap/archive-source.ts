import { PMTiles, type RangeResponse, type Source } from 'pmtiles'

/** The `pmtiles` library's reader over bytes in memory: archives are read back exactly as MapLibre's protocol reads them. */
export function readArchive(bytes: Uint8Array): PMTiles {
  const source: Source = {
    getKey: () => 'memory',
    // Uint8Array's slice, which copies (a Buffer's shares its pool's memory).
    getBytes: async (offset: number, length: number): Promise<RangeResponse> => ({ data: Uint8Array.prototype.slice.call(bytes, offset, offset + length).buffer as ArrayBuffer }),
  }
  return new PMTiles(source)
}
