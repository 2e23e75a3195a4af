import { unsupportedLang } from '../../shared/i18n/langs.ts'
import { parseLocatorState } from './locator-state.ts'
import { isAccentColour } from './embed-settings.ts'

/** The prefilters a host site sets on the widget (attributes) or the iframe (`/embed?…`). */
export const PREFILTERS = ['region', 'province', 'comune', 'service'] as const
export type Prefilter = (typeof PREFILTERS)[number]

export interface RejectedPrefilter {
  /** A prefilter, the language the host asked for, or its accent colour. */
  readonly name: Prefilter | 'lang' | 'accent'
  /** The value as the host site wrote it (for a service list: the one unknown item). */
  readonly value: string
  /** A valid code outside the area the wider prefilters set (a province of another region). */
  readonly outside?: true
  /** A code of the right shape that names nothing (a comune 054999): known once the API has answered. */
  readonly unknown?: true
}

/**
 * The prefilters the locator drops, so the embed can tell the site's webmaster instead of
 * silently showing something else (`region=99` used to look like a working, empty filter).
 * It asks the same lenient parser the locator uses, so what is reported is exactly what is dropped.
 */
export function rejectedPrefilters(params: URLSearchParams): RejectedPrefilter[] {
  const rejected: RejectedPrefilter[] = []
  // The area parsed whole: a province of another region is dropped there, not on its own.
  const parsed = parseLocatorState(params)
  for (const name of PREFILTERS) {
    const raw = params.get(name)
    if (raw === null || raw.trim() === '') continue
    if (name === 'service') {
      for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (parseLocatorState(new URLSearchParams({ service: item })).service.length === 0) rejected.push({ name, value: item })
      }
    } else if (parsed[name] === null) {
      const alone = parseLocatorState(new URLSearchParams({ [name]: raw }))[name] !== null
      rejected.push({ name, value: raw, ...(alone ? { outside: true as const } : {}) })
    }
  }
  const accent = params.get('accent')
  if (accent !== null && accent !== '' && !isAccentColour(accent)) rejected.push({ name: 'accent', value: accent })
  const lang = unsupportedLang(params.get('lang'))
  if (lang !== null) rejected.push({ name: 'lang', value: lang })
  return rejected
}
