/**
 * The iframe embed's own settings, chosen by the host site in `/embed?…&accent=…&list-only=true`.
 * They are not part of the view (a shared link opens the full page without them), but the embed
 * writes its view into its own URL, and a reload must come back looking the same: so every URL
 * the embed writes carries them again.
 */
export interface EmbedSettings {
  /** `#rrggbb`, or null for the default colour. */
  readonly accent: string | null
  readonly listOnly: boolean
}

const ACCENT = /^#[0-9a-f]{6}$/i
/** WCAG 1.4.3 for text: the accent colours links and outlines on white, and is the ground of white button text. */
const MIN_ACCENT_CONTRAST = 4.5

/** The WCAG 2.1 contrast ratio of a `#rrggbb` colour against white, from 1 (white) to 21 (black). */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
  return 1.05 / (luminance + 0.05)
}

/**
 * A colour the embed and the widget accept as `accent`: `#rrggbb` only (nothing a style could be
 * smuggled in), dark enough for text on white and white text on it. Another is ignored, and the
 * embed tells its webmaster (rejected-prefilters.ts).
 */
/** The accent when the host gives none (Bootstrap Italia's primary blue, 5.6:1 on white). */
export const DEFAULT_ACCENT = '#0066cc'

export const isAccentColour = (value: string | null): value is string => value !== null && ACCENT.test(value) && contrastWithWhite(value) >= MIN_ACCENT_CONTRAST

/**
 * `list-only` as an HTML boolean attribute reads: given (even empty, `1`, `yes`) is on, unless it
 * says off (`false`, `0`, `no`); absent (null) is off. The element's attribute and the embed's
 * parameter read alike: `/embed?list-only` showed the map where the element hid it.
 */
export const listOnlyGiven = (value: string | null): boolean => value !== null && !/^(false|0|no)$/i.test(value.trim())

/** Lenient like the locator state: a malformed accent is dropped. */
export function parseEmbedSettings(params: URLSearchParams): EmbedSettings {
  const accent = params.get('accent')
  return { accent: isAccentColour(accent) ? accent : null, listOnly: listOnlyGiven(params.get('list-only')) }
}

/** The settings as query parameters, to append to the locator's own; empty for the defaults. */
export function embedSettingsQuery(settings: EmbedSettings): URLSearchParams {
  const query = new URLSearchParams()
  if (settings.accent) query.set('accent', settings.accent)
  if (settings.listOnly) query.set('list-only', 'true')
  return query
}
