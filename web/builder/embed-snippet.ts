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

export function widgetSnippet(options: EmbedOptions, origin: string): string {
  const attrs = embedAttributes(options).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('') + (options.listOnly ? ' list-only' : '')
  return `<script type="module" src="${origin}/widget.js"></script>\n<puntovicino-locator${attrs}></puntovicino-locator>`
}

/** The iframe plus the few lines that let it grow to its content (it posts `puntovicino:resize`). */
export function iframeSnippet(options: EmbedOptions, origin: string): string {
  const query = new URLSearchParams(embedAttributes(options))
  if (options.listOnly) query.set('list-only', 'true')
  const src = `${origin}/embed${query.size > 0 ? `?${query}` : ''}`
  return [
    `<iframe src="${escapeAttribute(src)}" title="PuntoVicino: punti di facilitazione digitale" style="width:100%;border:0;min-height:480px" loading="lazy"></iframe>`,
    `<script>addEventListener('message',function(e){if(e.origin!=='${origin}'||!e.data||e.data.type!=='puntovicino:resize')return;for(const f of document.querySelectorAll('iframe'))if(f.contentWindow===e.source)f.style.height=e.data.height+'px'})</script>`,
  ].join('\n')
}
