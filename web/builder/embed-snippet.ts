import { escapeAttribute } from '../dom/escape-attribute.ts'

/**
 * The two ways a municipal or regional site embeds PuntoVicino, written from the same options:
 * the custom element (one script) and the iframe (for hosts that allow no third-party script).
 */
export interface EmbedOptions {
  readonly region: string
  readonly province: string
  readonly comune: string
  readonly service: string
  readonly lang: string
  readonly accent: string
  readonly listOnly: boolean
}


/** The non-empty, trimmed prefilters as attribute pairs: the widget's attributes and the iframe's query, from one list. */
export function embedAttributes(options: EmbedOptions): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const name of ['region', 'province', 'comune', 'service', 'lang', 'accent'] as const) {
    const value = options[name].trim()
    if (value) pairs.push([name, value])
  }
  return pairs
}

/**
 * The custom element, with a plain link inside: a host that strips scripts (many CMSs do) leaves
 * an unknown element whose content shows, so the citizen still gets to the locator, filtered the
 * same way; when the script runs, the widget's shadow root takes its place.
 */
export function widgetSnippet(options: EmbedOptions, origin: string, fallbackText?: string): string {
  const attrs = embedAttributes(options).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('') + (options.listOnly ? ' list-only' : '')
  const query = new URLSearchParams(embedAttributes(options).filter(([name]) => name !== 'accent'))
  const fallback = fallbackText ? `<a href="${escapeAttribute(`${origin}/${query.size > 0 ? `?${query}` : ''}`)}">${escapeText(fallbackText)}</a>` : ''
  return `<script type="module" src="${origin}/widget.js"></script>\n<puntovicino-locator${attrs}>${fallback}</puntovicino-locator>`
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** What the embed asks of its host's frame: the citizen's position, copying a link, the phone's share sheet. */
export const IFRAME_ALLOW = 'geolocation; clipboard-write; web-share'

/**
 * The iframe plus the few lines that let it grow to its content (it posts `puntovicino:resize`).
 * `title` names the frame for screen readers, in the embed's language.
 */
export function iframeSnippet(options: EmbedOptions, origin: string, title = 'PuntoVicino: punti di facilitazione digitale'): string {
  const query = new URLSearchParams(embedAttributes(options))
  if (options.listOnly) query.set('list-only', 'true')
  const src = `${origin}/embed${query.size > 0 ? `?${query}` : ''}`
  return [
    // Tall enough to use without the resize script (a host may strip it): the frame then scrolls
    // inside instead of clipping the list; with the script it fits its content exactly. `allow`
    // lets "Usa la mia posizione" and "Condividi" work in the frame (browsers refuse them otherwise).
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" allow="${IFRAME_ALLOW}" style="width:100%;border:0;height:720px" loading="lazy"></iframe>`,
    `<script>addEventListener('message',function(e){if(e.origin!=='${origin}'||!e.data||e.data.type!=='puntovicino:resize')return;for(const f of document.querySelectorAll('iframe'))if(f.contentWindow===e.source)f.style.height=e.data.height+'px'})</script>`,
  ].join('\n')
}
