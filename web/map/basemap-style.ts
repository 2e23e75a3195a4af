import type { SourceSpecification, StyleSpecification } from 'maplibre-gl'
import { BASEMAP_KIND_KEY, STYLE_PATH, type BasemapKind } from '../../shared/map/basemap-layout.ts'
import { builtinStyle } from './builtin-style.ts'

/**
 * Which basemap the map draws. The site's style is `/tiles/style.json`: the built-in offline
 * map's (written by the build), or a street map's once an archive is published over it
 * (`npm run basemap -- publish`, or `use` locally). Its `metadata` says which. When it cannot be
 * had, the built-in style is used anyway, and the failure is reported so the page can say so.
 */
export interface BasemapChoice {
  readonly kind: BasemapKind
  readonly style: StyleSpecification
  /** Why the style asked for could not be used; null when it was. */
  readonly failure: string | null
}

/** The site's style, below the page's or the widget's asset base. */
export const defaultStyleUrl = (assetBase: string): string => new URL(STYLE_PATH, assetBase).toString()

/** Resolves a template (`…/{z}/{x}/{y}`, `…/{fontstack}/{range}.pbf`) without percent-encoding its braces. */
function resolveTemplate(template: string, base: string): string {
  const brace = template.indexOf('{')
  if (brace < 0) return new URL(template, base).toString()
  return new URL(template.slice(0, brace), base).toString() + template.slice(brace)
}

const PMTILES = 'pmtiles://'

/** A style's addresses are relative to its file (so one file serves our site and every widget host): made absolute here. */
export function resolveStyleUrls(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {}
  for (const [id, source] of Object.entries(style.sources)) {
    const resolved: Record<string, unknown> = { ...source }
    if ('url' in source && typeof source.url === 'string') {
      resolved.url = source.url.startsWith(PMTILES) ? PMTILES + new URL(source.url.slice(PMTILES.length), styleUrl).toString() : new URL(source.url, styleUrl).toString()
    }
    if ('tiles' in source && Array.isArray(source.tiles)) resolved.tiles = source.tiles.map((tile) => resolveTemplate(tile, styleUrl))
    if ('data' in source && typeof source.data === 'string') resolved.data = new URL(source.data, styleUrl).toString()
    sources[id] = resolved as unknown as SourceSpecification
  }
  const sprite = typeof style.sprite === 'string' ? new URL(style.sprite, styleUrl).toString() : style.sprite?.map((s) => ({ ...s, url: new URL(s.url, styleUrl).toString() }))
  return {
    ...style,
    sources,
    ...(style.glyphs ? { glyphs: resolveTemplate(style.glyphs, styleUrl) } : {}),
    ...(sprite ? { sprite } : {}),
  }
}

/** The built-in map, its files below `assetBase`: what is drawn when nothing else can be. */
export const builtinBasemap = (assetBase: string): StyleSpecification => resolveStyleUrls(builtinStyle(), defaultStyleUrl(assetBase))

const looksLikeStyle = (value: unknown): value is StyleSpecification =>
  typeof value === 'object' && value !== null && (value as StyleSpecification).version === 8 && typeof (value as StyleSpecification).sources === 'object' && Array.isArray((value as StyleSpecification).layers)

export async function chooseBasemap(styleUrl: string, assetBase: string): Promise<BasemapChoice> {
  const fallback = (failure: string): BasemapChoice => ({ kind: 'builtin', style: builtinBasemap(assetBase), failure: `style ${styleUrl}: ${failure}` })
  let response: Response
  try {
    // No cookies: the style is public, and the widget fetches it from other sites' pages.
    response = await fetch(styleUrl, { credentials: 'omit' })
  } catch (error) {
    return fallback((error as Error).message)
  }
  if (!response.ok) return fallback(`HTTP ${response.status}`)
  let style: unknown
  try {
    style = await response.json()
  } catch {
    return fallback('not JSON')
  }
  if (!looksLikeStyle(style)) return fallback('not a MapLibre style (version 8, sources, layers)')
  const kind: BasemapKind = (style.metadata as Record<string, unknown> | undefined)?.[BASEMAP_KIND_KEY] === 'builtin' ? 'builtin' : 'streets'
  return { kind, style: resolveStyleUrls(style, styleUrl), failure: null }
}
