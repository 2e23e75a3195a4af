import { LIGHT, layers as protomapsLayers, type Flavor } from '@protomaps/basemaps'
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl'
import { BASEMAP_KIND_KEY } from '../../shared/map/basemap-layout.ts'
import { GLYPHS_PATH, MAP_FONTS } from '../../shared/map/map-fonts.ts'

/**
 * The street map's style for an OpenStreetMap archive in the Protomaps basemap schema
 * (`@protomaps/basemaps`, the kept style for those tiles), themed to Designers Italia's
 * neutrals so the results' blue and green stay the strongest colours on the map.
 *
 * Written as `style.json` beside the archive (`basemap use`, `basemap publish`); its addresses
 * are relative to that file and the page resolves them against the address it loaded it from,
 * so the same file works on our site and inside the widget on any other site.
 */
export const ARCHIVE_SOURCE = 'openstreetmap'

/** The source layers without which there is no map to orient by: land and place names. */
export const ESSENTIAL_LAYERS = ['earth', 'places'] as const

/** Lighter than Bootstrap Italia's neutrals: a background for the results, never competing with them. */
export const PUNTOVICINO_FLAVOR: Flavor = {
  ...LIGHT,
  background: '#d6e6f5',
  earth: '#f4f5f0',
  water: '#b9d3ee',
  park_a: '#e1ecdc',
  park_b: '#cfe3c6',
  wood_a: '#e1ecdc',
  wood_b: '#cfe3c6',
  buildings: '#e3e3dd',
  boundaries: '#8a9bad',
  highway: '#ffffff',
  highway_casing_early: '#c5ced8',
  highway_casing_late: '#c5ced8',
  major: '#ffffff',
  major_casing_early: '#d9dfe5',
  major_casing_late: '#d9dfe5',
  railway: '#a9b9c3',
  ocean_label: '#3f6fa0',
  city_label: '#17324d',
  city_label_halo: '#ffffff',
  subplace_label: '#5c6f82',
  subplace_label_halo: '#ffffff',
  state_label: '#5c6f82',
  state_label_halo: '#ffffff',
  country_label: '#5c6f82',
  roads_label_minor: '#5c6f82',
  roads_label_major: '#455b71',
  regular: MAP_FONTS.regular,
  bold: MAP_FONTS.bold,
  italic: MAP_FONTS.italic,
}

/**
 * A name as Italians read it on the ground: the Italian name; where the official local name
 * already holds it (South Tyrol's "Bolzano - Bozen", "Via Museo - Museumstraße", Duino Aurisina -
 * Devin Nabrežina) that bilingual name; abroad, the Italian name over the local one ("Nizza" /
 * "Nice"). OpenStreetMap keeps the official local form in `name` and translations in `name:xx`.
 */
export const ITALIAN_FIRST_NAME: ExpressionSpecification = [
  'let',
  'italian',
  ['coalesce', ['get', 'name:it'], ['get', 'name'], ''],
  'local',
  ['coalesce', ['get', 'name'], ''],
  [
    'case',
    ['any', ['==', ['var', 'local'], ''], ['in', ['var', 'italian'], ['var', 'local']]],
    ['format', ['case', ['==', ['var', 'local'], ''], ['var', 'italian'], ['var', 'local']], {}],
    ['format', ['var', 'italian'], {}, '\n', {}, ['var', 'local'], { 'font-scale': 0.85 }],
  ],
]

/** Does this text-field draw a place's name (and not a shield number or a house number)? */
const drawsName = (textField: unknown): boolean => /"name(:[a-z-]+)?"/.test(JSON.stringify(textField ?? null))

/**
 * The Protomaps layers made ours: names as above, and no icons. The icon set Protomaps publishes
 * (townspots, shields, points of interest) carries no licence we could check, so we draw none:
 * the one layer that is only icons (one-way arrows) goes, the others keep their text.
 */
export function archiveLayers(): LayerSpecification[] {
  return protomapsLayers(ARCHIVE_SOURCE, PUNTOVICINO_FLAVOR, { lang: 'it' }).flatMap((layer): LayerSpecification[] => {
    if (layer.type !== 'symbol') return [layer]
    const { 'icon-image': icon, 'icon-size': _size, ...layout } = layer.layout ?? {}
    if (icon && !layout['text-field']) return []
    if (drawsName(layout['text-field'])) layout['text-field'] = ITALIAN_FIRST_NAME
    return [{ ...layer, layout }]
  })
}

/** Every source layer the style draws from: what an archive must carry for the whole map to show. */
export function styleSourceLayers(): string[] {
  return [...new Set(archiveLayers().flatMap((layer) => ('source-layer' in layer && layer['source-layer'] ? [layer['source-layer']] : [])))].sort()
}

export interface ArchiveStyleOptions {
  /** The archive's file name, beside style.json. */
  readonly archiveFile: string
  /** The archive's own attribution (its metadata's `attribution`), shown on the map. */
  readonly attribution: string
}

/** style.json for an archive; `sources.*.url` and `glyphs` are relative to the style's own address. */
export function archiveStyle(options: ArchiveStyleOptions): StyleSpecification {
  return {
    version: 8,
    name: 'PuntoVicino — OpenStreetMap',
    metadata: { [BASEMAP_KIND_KEY]: 'streets' },
    // From /tiles/style.json up to the site's root, where the glyphs are.
    glyphs: `../${GLYPHS_PATH}`,
    sources: {
      [ARCHIVE_SOURCE]: {
        type: 'vector',
        url: `pmtiles://${options.archiveFile}`,
        // The zoom range and bounds come from the archive's header (the pmtiles protocol's TileJSON).
        attribution: options.attribution,
      },
    },
    layers: archiveLayers(),
  }
}
