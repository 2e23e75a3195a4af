/**
 * HTML written on the server: every value goes through `escapeHtml` (text and attributes alike),
 * so names and addresses from the registry cannot inject markup. `html` joins a template's parts,
 * escaping what is interpolated unless it is already `Html` (built by `html` itself).
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

type Part = Html | string | number | null | undefined | false | readonly Part[]

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Html) return part.text
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!
  parts.forEach((part, i) => (out += render(part) + strings[i + 1]!))
  return new Html(out)
}

/** JSON inside `<script type="application/ld+json">`: `<` escaped so no value can close the script. */
export const jsonForScript = (value: unknown): Html => new Html(JSON.stringify(value).replace(/</g, '\\u003c'))
