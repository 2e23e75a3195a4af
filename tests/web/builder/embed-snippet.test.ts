import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { iframeSnippet, widgetSnippet, type EmbedOptions } from '../../../web/builder/embed-snippet.ts'

const options: EmbedOptions = { region: '09', province: '', comune: '', service: 'formazione_gruppo', lang: 'it', accent: '#0066cc', listOnly: false }

describe('the embed snippets', () => {
  it('writes the script and the custom element with only the attributes that are set', () => {
    expect(widgetSnippet(options, 'https://pv.example')).toBe(
      '<script type="module" src="https://pv.example/widget.js"></script>\n<puntovicino-locator region="09" service="formazione_gruppo" lang="it" accent="#0066cc"></puntovicino-locator>',
    )
    expect(widgetSnippet({ ...options, listOnly: true, service: '' }, 'https://pv.example')).toContain('<puntovicino-locator region="09" lang="it" accent="#0066cc" list-only>')
  })

  it('escapes attribute values so a pasted value cannot break out of the markup', () => {
    expect(widgetSnippet({ ...options, comune: '"><script>' }, 'https://pv.example')).toContain('comune="&quot;>&lt;script>"')
  })

  it('writes an iframe whose resize listener trusts only the PuntoVicino origin', () => {
    const snippet = iframeSnippet({ ...options, listOnly: true }, 'https://pv.example')
    expect(snippet).toContain('src="https://pv.example/embed?region=09&amp;service=formazione_gruppo&amp;lang=it&amp;accent=%230066cc&amp;list-only=true"')
    expect(snippet).toContain("e.origin!=='https://pv.example'")
    expect(snippet).toContain('allow="geolocation; clipboard-write; web-share"')
    // The frame's name, for screen readers, in the embed's language and escaped.
    expect(iframeSnippet(options, 'https://pv.example', 'PuntoVicino: točke "digitalne" pomoči')).toContain('title="PuntoVicino: točke &quot;digitalne&quot; pomoči"')
  })

  it("writes the very resize listener docs/widget.md gives: a host allowing one by its script's hash allows the other", () => {
    const listener = /<script>addEventListener[^\n]*<\/script>/.exec(iframeSnippet(options, 'https://PUNTOVICINO-HOST'))![0]
    expect(readFileSync('docs/widget.md', 'utf8')).toContain(listener)
  })
})
