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

/** A colour the embed and the widget accept as `accent`: `#rrggbb` only, nothing a style could be smuggled in. */
export const isAccentColour = (value: string | null): value is string => value !== null && ACCENT.test(value)

/** Lenient like the locator state: a malformed accent is dropped, `list-only` is on only for `true`. */
export function parseEmbedSettings(params: URLSearchParams): EmbedSettings {
  const accent = params.get('accent')
  return { accent: isAccentColour(accent) ? accent : null, listOnly: params.get('list-only') === 'true' }
}

/** The settings as query parameters, to append to the locator's own; empty for the defaults. */
export function embedSettingsQuery(settings: EmbedSettings): URLSearchParams {
  const query = new URLSearchParams()
  if (settings.accent) query.set('accent', settings.accent)
  if (settings.listOnly) query.set('list-only', 'true')
  return query
}
